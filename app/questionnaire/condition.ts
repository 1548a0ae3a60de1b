/**
 * Walking the condition trees of `showIf` and red-flag rules. What a condition means for a given
 * set of answers is decided in one place only, the scoring engine (`app/scoring/conditions.ts`).
 */
import type { Condition } from "./questionnaire-schema";

/** A condition that names one question (everything except `all`/`any`/`not`). */
export type LeafCondition = Extract<Condition, { question: string }>;

export function isLeafCondition(condition: Condition): condition is LeafCondition {
  return "question" in condition;
}

/** The leaf conditions of a condition tree, depth first, each with its path inside the tree. */
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
