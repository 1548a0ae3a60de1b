/**
 * Conditions on answers (`showIf` and red-flag rules): walking them and evaluating them.
 *
 * Evaluation is a pure function of the condition, the answers and the date the answers are
 * judged on, so the supplier form, the scoring engine and tests all agree on what a condition
 * means.
 */
import type { AnswerInput, AnswerMap } from "./answer-types";
import type { Condition } from "./questionnaire-schema";

/** A condition that names one question (everything except `all`/`any`/`not`). */
export type LeafCondition = Extract<Condition, { question: string }>;

export function isLeafCondition(condition: Condition): condition is LeafCondition {
  return "question" in condition;
}

/** The leaf conditions in a condition tree, depth first, each with its path inside the tree. */
export function leafConditions(
  condition: Condition,
  path: readonly (string | number)[] = [],
): { leaf: LeafCondition; path: (string | number)[] }[] {
  if (isLeafCondition(condition)) return [{ leaf: condition, path: [...path] }];
  if ("all" in condition) return condition.all.flatMap((c, i) => leafConditions(c, [...path, "all", i]));
  if ("any" in condition) return condition.any.flatMap((c, i) => leafConditions(c, [...path, "any", i]));
  return leafConditions(condition.not, [...path, "not"]);
}

/** Ids of the questions a condition depends on, without duplicates, in order of appearance. */
export function conditionQuestionIds(condition: Condition): string[] {
  return [...new Set(leafConditions(condition).map(({ leaf }) => leaf.question))];
}

/**
 * Whether a question counts as answered: marked not applicable, or given a non-empty value, or
 * (for evidence questions, whose value is null) given at least one file.
 */
export function isAnswered(answer: AnswerInput | undefined): boolean {
  if (!answer) return false;
  if (answer.notApplicable) return true;
  const { value } = answer;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "number") return Number.isFinite(value);
  return (answer.evidenceCount ?? 0) > 0;
}

/**
 * Evaluates a condition against the answers.
 *
 * A leaf on a question that is unanswered or marked not applicable is false, except
 * `answered: false`. `in` on a multiple-choice answer is true when any chosen value is listed.
 * `olderThanMonths` compares calendar months in UTC: on 2025-03-31, "older than 1 month" means
 * before 2025-02-28.
 */
export function evaluateCondition(condition: Condition, answers: AnswerMap, asOf: Date): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, answers, asOf));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, answers, asOf));
  if ("not" in condition) return !evaluateCondition(condition.not, answers, asOf);

  const answer = answers.get(condition.question);
  if ("answered" in condition) return isAnswered(answer) === condition.answered;
  if (!answer || answer.notApplicable) return false;
  const { value } = answer;

  if ("in" in condition) {
    if (typeof value === "string") return condition.in.includes(value);
    if (Array.isArray(value)) return value.some((v) => condition.in.includes(v));
    return false;
  }
  if ("includes" in condition) return Array.isArray(value) && value.includes(condition.includes);
  if ("lessThan" in condition) return typeof value === "number" && value < condition.lessThan;
  if ("greaterThan" in condition) return typeof value === "number" && value > condition.greaterThan;

  const date = typeof value === "string" ? parseIsoDate(value) : null;
  return date !== null && date < subtractMonths(startOfUtcDay(asOf), condition.olderThanMonths);
}

/** Parses `YYYY-MM-DD` as a UTC date; null for anything else, including impossible dates. */
export function parseIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : null;
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Same day of the month `months` earlier, clamped to the last day of a shorter month. */
export function subtractMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}
