/**
 * The scoring engine (SPEC C5): a pure function of (questionnaire version, answers, scoring date)
 * giving a score per theme and overall, completeness, and the red flags with the answers that
 * raised them. Every number can be traced back to the explanation lines.
 */
import type {
  AnswerDependentRequirement,
  FlagSeverity,
  LocalisedText,
  Questionnaire,
  QuestionnaireKey,
  Requirement,
} from "../questionnaire/questionnaire-schema";
import { questionnaireKey } from "../questionnaire/questionnaire-schema";
import type { AnswerInput, AnswerMap, AnswerValue } from "../questionnaire/answer-types";
import { monthsBefore, parseIsoDate } from "./calendar";
import type { CompiledQuestion, CompiledQuestionnaire, NotScoredReason } from "./compile-questionnaire";
import { compileQuestionnaire } from "./compile-questionnaire";
import type { AnswerSlots, ConditionTrigger } from "./conditions";
import { isBlank } from "./conditions";

export type ExplanationReason = "scored" | "not-applicable" | "hidden" | "unanswered" | "not-scored";

/**
 * Detail on top of the reason:
 * - `capped`: multiple choice whose chosen points (`rawPoints`) exceeded the question's maximum
 * - `date-within` / `date-too-old`: a dated answer inside / outside `withinMonths` of the scoring date
 * - `invalid-answer`: a value the question type does not accept (e.g. an option that no longer
 *   exists); treated as unanswered
 * - `not-applicable-not-allowed`: marked not applicable on a question that does not allow it;
 *   treated as unanswered
 * - `type-not-scored` / `no-points` / `zero-weight`: why an answered question is not scored
 */
export type ExplanationNote =
  | "capped"
  | "date-within"
  | "date-too-old"
  | "invalid-answer"
  | "not-applicable-not-allowed"
  | NotScoredReason;

/** One question's part in its theme score, as data so the UI can phrase it in either language. */
export interface ExplanationLine {
  questionId: string;
  reason: ExplanationReason;
  /** The answer as scored (multiple choice de-duplicated); null unless the question is answered. */
  value: AnswerValue;
  /** Points earned, after any cap; null unless `reason` is `scored`. A dated answer earns 1 of 1 or 0 of 1. */
  pointsEarned: number | null;
  maxPoints: number | null;
  /** The question's weight within its theme. */
  weight: number;
  note: ExplanationNote | null;
  /** Multiple choice: the sum of the chosen options' points before the cap. */
  rawPoints: number | null;
  /** Dated answer: the recency window in months. */
  withinMonths: number | null;
}

export interface ThemeScore {
  themeId: string;
  /** 0–100, one decimal; null when no scored question in the theme is answered. */
  score: number | null;
  /** The theme's weight in the overall score. */
  weight: number;
  /** Visible questions with an answer (not counting not-applicable ones). */
  answeredCount: number;
  /** Visible questions not marked not applicable. */
  applicableCount: number;
  /** Ids of visible required questions with neither an answer nor a not-applicable mark. */
  requiredUnanswered: string[];
  /** Ids of answered questions whose answer requires evidence and has none attached. */
  missingEvidence: string[];
  /** Σ (points earned / max points × question weight) over the scored questions. */
  earnedWeight: number;
  /** Σ question weight over the scored questions; `score` = earnedWeight / scoredWeight × 100. */
  scoredWeight: number;
  /** One line per question of the theme, in questionnaire order. */
  explanation: ExplanationLine[];
}

export interface RaisedFlag {
  flagId: string;
  severity: FlagSeverity;
  warning: boolean;
  title: LocalisedText;
  explanation: LocalisedText;
  /** The answers that raised it, merged over every rule for this flag, without duplicates. */
  triggers: ConditionTrigger[];
}

/**
 * What completeness is made of. Items:
 * - one per visible required question; done when it is answered or (where allowed) marked not
 *   applicable;
 * - one per answered visible question (any question, required or not, except the evidence type,
 *   whose answer is the evidence itself) whose `evidence` setting resolves to `required` for the
 *   given answer; done when at least one evidence file is attached.
 * completeness = done items / all items × 100, or 100 when there are no items.
 */
export interface CompletenessDetail {
  requiredQuestions: number;
  requiredQuestionsAnswered: number;
  requiredEvidence: number;
  requiredEvidencePresent: number;
}

export interface AssessmentScore {
  questionnaire: QuestionnaireKey;
  /**
   * 0–100, one decimal: the weighted mean of the theme scores by theme weight, over themes with a
   * score and a weight above 0 (computed from unrounded theme scores); null when there are none.
   */
  overallScore: number | null;
  /** 0–100, one decimal; see `CompletenessDetail`. Exactly 100 only when nothing required is missing. */
  completeness: number;
  completenessDetail: CompletenessDetail;
  themes: ThemeScore[];
  /** One entry per raised flag id: critical first, then high, medium; warning flags first within a severity. */
  flags: RaisedFlag[];
  /** All themes' `requiredUnanswered`, in questionnaire order. */
  requiredUnanswered: string[];
  /** All themes' `missingEvidence`, in questionnaire order. */
  missingEvidence: string[];
}

export interface ScoringOptions {
  /** The scoring date: date answers and `olderThanMonths` are measured against it. */
  now: Date;
}

export const SEVERITY_RANK: Readonly<Record<FlagSeverity, number>> = { critical: 0, high: 1, medium: 2 };

/**
 * Rounds a score (0–100) to one decimal, half up. The tiny nudge absorbs binary noise such as
 * 1.005 × 10 = 10.049999999999999, which is meant as 10.05; it is far below any real difference
 * between two scores built from points and weights.
 */
export function roundScore(value: number): number {
  return Math.round(value * 10 + 1e-9) / 10;
}

const REQUIREMENT_RANK: Readonly<Record<Requirement, number>> = { none: 0, optional: 1, required: 2 };

/** The requirement that applies to an answer; for several chosen values, the strictest. */
export function resolveRequirement(setting: AnswerDependentRequirement, value: AnswerValue): Requirement {
  if (typeof setting === "string") return setting;
  const byValue = (v: string): Requirement => setting.byAnswer[v] ?? setting.default;
  if (typeof value === "string") return byValue(value);
  if (Array.isArray(value) && value.length > 0) {
    let strictest: Requirement = "none";
    for (const v of value) {
      const requirement = byValue(v);
      if (REQUIREMENT_RANK[requirement] > REQUIREMENT_RANK[strictest]) strictest = requirement;
    }
    return strictest;
  }
  return setting.default;
}

type Normalised = { kind: "given"; answer: AnswerInput } | { kind: "absent" } | { kind: "invalid" };

const ABSENT: Normalised = { kind: "absent" };
const INVALID: Normalised = { kind: "invalid" };

function isEmptyValue(value: AnswerValue): boolean {
  return value === null || (typeof value === "string" && isBlank(value)) || (Array.isArray(value) && value.length === 0);
}

/** Checks an answer against its question's type; answers the type does not accept count as unanswered. */
function normaliseAnswer(compiled: CompiledQuestion, answer: AnswerInput | undefined): Normalised {
  if (answer === undefined) return ABSENT;
  const { question, allowedValues } = compiled;
  const value = answer.value;
  if (question.type === "evidence") {
    return (answer.evidenceCount ?? 0) > 0 ? { kind: "given", answer: value === null ? answer : { ...answer, value: null } } : ABSENT;
  }
  if (isEmptyValue(value)) return ABSENT;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
    case "single_choice":
      return typeof value === "string" && allowedValues!.has(value) ? { kind: "given", answer } : INVALID;
    case "multiple_choice": {
      if (!Array.isArray(value)) return INVALID;
      let duplicates = false;
      for (let i = 0; i < value.length; i++) {
        if (!allowedValues!.has(value[i]!)) return INVALID;
        if (value.indexOf(value[i]!) !== i) duplicates = true;
      }
      return { kind: "given", answer: duplicates ? { ...answer, value: [...new Set(value)] } : answer };
    }
    case "text":
      return typeof value === "string" ? { kind: "given", answer } : INVALID;
    case "date":
      return typeof value === "string" && parseIsoDate(value) !== null ? { kind: "given", answer } : INVALID;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? { kind: "given", answer } : INVALID;
  }
}

function line(
  questionId: string,
  reason: ExplanationReason,
  weight: number,
  note: ExplanationNote | null = null,
  value: AnswerValue = null,
): ExplanationLine {
  return { questionId, reason, value, pointsEarned: null, maxPoints: null, weight, note, rawPoints: null, withinMonths: null };
}

/** Scores one answered, visible question. A scored line's points earned / max points is its fraction of full marks. */
function scoreAnswer(compiled: CompiledQuestion, answer: AnswerInput, now: Date): ExplanationLine {
  const { question, scoring } = compiled;
  const value = answer.value;
  switch (scoring.kind) {
    case "none":
      return line(question.id, "not-scored", question.weight, scoring.reason, value);
    case "choice": {
      const result = line(question.id, "scored", question.weight, null, value);
      result.pointsEarned = scoring.pointsByValue.get(value as string) ?? 0;
      result.maxPoints = scoring.maxPoints;
      return result;
    }
    case "multiple-choice": {
      let raw = 0;
      for (const v of value as string[]) raw += scoring.pointsByValue.get(v) ?? 0;
      const result = line(question.id, "scored", question.weight, raw > scoring.maxPoints ? "capped" : null, value);
      result.pointsEarned = Math.min(raw, scoring.maxPoints);
      result.maxPoints = scoring.maxPoints;
      result.rawPoints = raw;
      return result;
    }
    case "date-recency": {
      // Consistent with the `olderThanMonths` condition: recent ⇔ not older than the window.
      const within = parseIsoDate(value as string)! >= monthsBefore(now, scoring.withinMonths);
      const result = line(question.id, "scored", question.weight, within ? "date-within" : "date-too-old", value);
      result.pointsEarned = within ? 1 : 0;
      result.maxPoints = 1;
      result.withinMonths = scoring.withinMonths;
      return result;
    }
  }
}

function sameValue(a: AnswerValue, b: AnswerValue): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

function isAnswerMap(answers: Iterable<AnswerInput> | AnswerMap): answers is AnswerMap {
  return typeof (answers as AnswerMap).get === "function";
}

/**
 * Scores one assessment. `answers` is a list of answers or an `AnswerMap` (a map iterates as
 * [id, answer] pairs, so it is told apart rather than silently read as no answers at all).
 */
export function scoreAssessment(
  questionnaire: Questionnaire,
  answers: Iterable<AnswerInput> | AnswerMap,
  { now }: ScoringOptions,
): AssessmentScore {
  const compiled = compileQuestionnaire(questionnaire);
  const questionCount = compiled.questions.length;
  // The answers by question position; a later answer to the same question wins, as in toAnswerMap.
  const given: (AnswerInput | undefined)[] = new Array(questionCount);
  for (const answer of isAnswerMap(answers) ? answers.values() : answers) {
    const entry = compiled.byId.get(answer.questionId);
    if (entry !== undefined) given[entry.index] = answer;
  }
  // Answers to visible questions only, normalised; what later showIf conditions and flag rules see.
  const visible: (AnswerInput | undefined)[] = new Array(questionCount);

  const themes: ThemeScore[] = questionnaire.themes.map((theme) => ({
    themeId: theme.id,
    score: null,
    weight: theme.weight,
    answeredCount: 0,
    applicableCount: 0,
    requiredUnanswered: [],
    missingEvidence: [],
    earnedWeight: 0,
    scoredWeight: 0,
    explanation: [],
  }));
  const detail: CompletenessDetail = {
    requiredQuestions: 0,
    requiredQuestionsAnswered: 0,
    requiredEvidence: 0,
    requiredEvidencePresent: 0,
  };
  const requiredUnanswered: string[] = [];
  const missingEvidence: string[] = [];

  for (const entry of compiled.questions) {
    const { question } = entry;
    const theme = themes[entry.themeIndex]!;
    if (entry.showIf !== null && !entry.showIf.holds(visible, now)) {
      theme.explanation.push(line(question.id, "hidden", question.weight));
      continue;
    }
    const answer = given[entry.index];
    if (answer?.notApplicable === true && question.allowNotApplicable) {
      visible[entry.index] = answer;
      theme.explanation.push(line(question.id, "not-applicable", question.weight));
      if (question.required) {
        detail.requiredQuestions++;
        detail.requiredQuestionsAnswered++;
      }
      continue;
    }
    theme.applicableCount++;
    if (question.required) detail.requiredQuestions++;
    const normalised: Normalised =
      answer?.notApplicable === true ? ABSENT : normaliseAnswer(entry, answer);
    if (normalised.kind !== "given") {
      const note: ExplanationNote | null =
        answer?.notApplicable === true
          ? "not-applicable-not-allowed"
          : normalised.kind === "invalid"
            ? "invalid-answer"
            : null;
      theme.explanation.push(line(question.id, "unanswered", question.weight, note));
      if (question.required) {
        theme.requiredUnanswered.push(question.id);
        requiredUnanswered.push(question.id);
      }
      continue;
    }

    const accepted = normalised.answer;
    visible[entry.index] = accepted;
    theme.answeredCount++;
    if (question.required) detail.requiredQuestionsAnswered++;
    if (question.type !== "evidence" && resolveRequirement(question.evidence, accepted.value) === "required") {
      detail.requiredEvidence++;
      if ((accepted.evidenceCount ?? 0) > 0) {
        detail.requiredEvidencePresent++;
      } else {
        theme.missingEvidence.push(question.id);
        missingEvidence.push(question.id);
      }
    }
    const explanation = scoreAnswer(entry, accepted, now);
    theme.explanation.push(explanation);
    if (explanation.reason === "scored") {
      theme.earnedWeight += (explanation.pointsEarned! / explanation.maxPoints!) * question.weight;
      theme.scoredWeight += question.weight;
    }
  }

  let overallNumerator = 0;
  let overallWeight = 0;
  for (const theme of themes) {
    if (theme.scoredWeight <= 0) continue;
    const exact = (theme.earnedWeight / theme.scoredWeight) * 100;
    theme.score = roundScore(exact);
    if (theme.weight > 0) {
      overallNumerator += exact * theme.weight;
      overallWeight += theme.weight;
    }
  }

  const items = detail.requiredQuestions + detail.requiredEvidence;
  const done = detail.requiredQuestionsAnswered + detail.requiredEvidencePresent;

  return {
    questionnaire: questionnaireKey(questionnaire),
    overallScore: overallWeight > 0 ? roundScore(overallNumerator / overallWeight) : null,
    // 100 means nothing is missing, so a near-complete assessment does not round up to it.
    completeness: done === items ? 100 : Math.min(99.9, roundScore((done / items) * 100)),
    completenessDetail: detail,
    themes,
    flags: raiseFlags(compiled, visible, now),
    requiredUnanswered,
    missingEvidence,
  };
}

function raiseFlags(compiled: CompiledQuestionnaire, visible: AnswerSlots, now: Date): RaisedFlag[] {
  const raised: { flag: RaisedFlag; order: number }[] = [];
  for (const { rule, when } of compiled.flagRules) {
    if (!when.holds(visible, now)) continue;
    const triggers: ConditionTrigger[] = [];
    when.collect(visible, now, triggers);
    let entry = raised.find((r) => r.flag.flagId === rule.flag);
    if (entry === undefined) {
      const { definition, order } = compiled.flags.get(rule.flag)!;
      entry = {
        flag: {
          flagId: definition.id,
          severity: definition.severity,
          warning: definition.warning,
          title: definition.title,
          explanation: definition.explanation,
          triggers: [],
        },
        order,
      };
      raised.push(entry);
    }
    const merged = entry.flag.triggers;
    for (const trigger of triggers) {
      if (!merged.some((t) => t.questionId === trigger.questionId && sameValue(t.value, trigger.value))) merged.push(trigger);
    }
  }
  return raised
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] ||
        Number(b.flag.warning) - Number(a.flag.warning) ||
        a.order - b.order,
    )
    .map((entry) => entry.flag);
}

export { formatExplanationLine } from "./format-explanation";
