/**
 * Evaluation of the questionnaire's `Condition`s (showIf and red-flag rules) against answers.
 *
 * Semantics shared by every leaf: a question that has no answer, or whose answer is marked not
 * applicable, satisfies no leaf except `{ answered: false }`. Hidden questions are expected to be
 * absent from the answer map (see `resolveVisibility`), so they count as unanswered too.
 */
import type { Condition, Question, Questionnaire } from "../questionnaire/questionnaire-schema";
import type { AnswerInput, AnswerMap, AnswerValue } from "../questionnaire/answer-types";
import { monthsBefore, parseIsoDate } from "./calendar";

/** A leaf answer that made a condition hold. `value` is null for `{ answered: false }`. */
export interface ConditionTrigger {
  questionId: string;
  value: AnswerValue;
}

export interface ConditionResult {
  holds: boolean;
  /** The leaf answers that made it hold: `all` → every leaf, `any` → the first child that holds, `not` → none. */
  triggers: ConditionTrigger[];
}

/**
 * Whether an answer counts as given: present, not marked not applicable, and not empty. An answer
 * whose value is null counts only through attached evidence (the evidence question type).
 */
export function isAnswerGiven(answer: AnswerInput | undefined): answer is AnswerInput {
  if (answer === undefined || answer.notApplicable === true) return false;
  const value = answer.value;
  if (value === null) return (answer.evidenceCount ?? 0) > 0;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return Number.isFinite(value);
}

function leafHolds(condition: Condition, answer: AnswerInput | undefined, now: Date): boolean {
  if ("answered" in condition) return isAnswerGiven(answer) === condition.answered;
  if (!isAnswerGiven(answer)) return false;
  const value = answer.value;
  if ("in" in condition) {
    // A multiple-choice answer is "in" the list when one of its chosen values is.
    if (typeof value === "string") return condition.in.includes(value);
    if (Array.isArray(value)) return value.some((v) => condition.in.includes(v));
    return false;
  }
  if ("includes" in condition) return Array.isArray(value) && value.includes(condition.includes);
  if ("olderThanMonths" in condition) {
    if (typeof value !== "string") return false;
    const date = parseIsoDate(value);
    return date !== null && date < monthsBefore(now, condition.olderThanMonths);
  }
  if ("lessThan" in condition) return typeof value === "number" && value < condition.lessThan;
  if ("greaterThan" in condition) return typeof value === "number" && value > condition.greaterThan;
  return false;
}

/** Whether `condition` holds, without collecting triggers (the fast path used for showIf). */
export function conditionHolds(condition: Condition, answers: AnswerMap, now: Date): boolean {
  if ("all" in condition) return condition.all.every((c) => conditionHolds(c, answers, now));
  if ("any" in condition) return condition.any.some((c) => conditionHolds(c, answers, now));
  if ("not" in condition) return !conditionHolds(condition.not, answers, now);
  return leafHolds(condition, answers.get(condition.question), now);
}

export function evaluateCondition(condition: Condition, answers: AnswerMap, now: Date): ConditionResult {
  if ("all" in condition) {
    const triggers: ConditionTrigger[] = [];
    for (const child of condition.all) {
      const result = evaluateCondition(child, answers, now);
      if (!result.holds) return { holds: false, triggers: [] };
      triggers.push(...result.triggers);
    }
    return { holds: true, triggers };
  }
  if ("any" in condition) {
    for (const child of condition.any) {
      const result = evaluateCondition(child, answers, now);
      if (result.holds) return result;
    }
    return { holds: false, triggers: [] };
  }
  if ("not" in condition) {
    return { holds: !conditionHolds(condition.not, answers, now), triggers: [] };
  }
  const answer = answers.get(condition.question);
  if (!leafHolds(condition, answer, now)) return { holds: false, triggers: [] };
  const value = "answered" in condition && !condition.answered ? null : (answer?.value ?? null);
  return { holds: true, triggers: [{ questionId: condition.question, value }] };
}

/**
 * Whether a question is shown. `visibleAnswers` must hold only answers to questions that are
 * themselves visible (as built by `resolveVisibility`), so that a question whose condition names a
 * hidden question is hidden too.
 */
export function isQuestionVisible(question: Question, visibleAnswers: AnswerMap, now: Date): boolean {
  return question.showIf === undefined || conditionHolds(question.showIf, visibleAnswers, now);
}

export interface Visibility {
  /** Ids of the questions shown, in questionnaire order. */
  visible: ReadonlySet<string>;
  /** The answers to visible questions only. */
  visibleAnswers: AnswerMap;
}

/**
 * Walks the questionnaire in order and decides which questions are shown. A showIf may only name
 * earlier questions, so one pass suffices: an answer to a hidden question is dropped before any
 * later condition sees it.
 */
export function resolveVisibility(questionnaire: Questionnaire, answers: AnswerMap, now: Date): Visibility {
  const visible = new Set<string>();
  const visibleAnswers = new Map<string, AnswerInput>();
  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) {
      if (!isQuestionVisible(question, visibleAnswers, now)) continue;
      visible.add(question.id);
      const answer = answers.get(question.id);
      if (answer !== undefined) visibleAnswers.set(question.id, answer);
    }
  }
  return { visible, visibleAnswers };
}
