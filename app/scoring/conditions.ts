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
  if (typeof value === "string") return !isBlank(value);
  if (Array.isArray(value)) return value.length > 0;
  return Number.isFinite(value);
}

/** `text.trim() === ""`, without allocating in the common case of text starting with a visible ASCII character. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim() === "";
}

/** A condition that names one question. */
export type LeafCondition = Extract<Condition, { question: string }>;

function leafHolds(condition: LeafCondition, answer: AnswerInput | undefined, now: Date): boolean {
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
  return typeof value === "number" && value > condition.greaterThan;
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

// ---------------------------------------------------------------------------------------------
// Compiled conditions: the same semantics over answers held in an array indexed by question
// position, so the scoring loop does no string-keyed lookups. Built once per questionnaire.

/** Answers by question position in the questionnaire; undefined where there is none (or it is hidden). */
export type AnswerSlots = readonly (AnswerInput | undefined)[];

export interface CompiledCondition {
  holds(slots: AnswerSlots, now: Date): boolean;
  /** Whether it holds; if it does, its triggers are appended to `out` (as `evaluateCondition` would return them). */
  collect(slots: AnswerSlots, now: Date, out: ConditionTrigger[]): boolean;
}

/** Compiles a condition; `indexOf` maps a question id to its slot (undefined: no such question, never answered). */
export function compileCondition(condition: Condition, indexOf: (questionId: string) => number | undefined): CompiledCondition {
  if ("all" in condition) {
    const children = condition.all.map((c) => compileCondition(c, indexOf));
    return {
      holds(slots, now) {
        for (const child of children) if (!child.holds(slots, now)) return false;
        return true;
      },
      collect(slots, now, out) {
        const mark = out.length;
        for (const child of children) {
          if (!child.collect(slots, now, out)) {
            out.length = mark;
            return false;
          }
        }
        return true;
      },
    };
  }
  if ("any" in condition) {
    const children = condition.any.map((c) => compileCondition(c, indexOf));
    return {
      holds(slots, now) {
        for (const child of children) if (child.holds(slots, now)) return true;
        return false;
      },
      collect(slots, now, out) {
        for (const child of children) if (child.collect(slots, now, out)) return true;
        return false;
      },
    };
  }
  if ("not" in condition) {
    const inner = compileCondition(condition.not, indexOf);
    return {
      holds: (slots, now) => !inner.holds(slots, now),
      collect: (slots, now) => !inner.holds(slots, now),
    };
  }
  const leaf = condition;
  const index = indexOf(leaf.question);
  const answerOf = (slots: AnswerSlots): AnswerInput | undefined => (index === undefined ? undefined : slots[index]);
  const triggerIsNull = "answered" in leaf && !leaf.answered;
  return {
    holds: (slots, now) => leafHolds(leaf, answerOf(slots), now),
    collect(slots, now, out) {
      const answer = answerOf(slots);
      if (!leafHolds(leaf, answer, now)) return false;
      out.push({ questionId: leaf.question, value: triggerIsNull ? null : (answer?.value ?? null) });
      return true;
    },
  };
}
