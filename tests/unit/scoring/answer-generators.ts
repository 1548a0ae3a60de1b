/**
 * Random answers for property tests, on top of the answer sets in db/factories/answer-sets.ts
 * (best answers, answers satisfying a condition), which are re-exported here.
 */
import fc from "fast-check";
import type { AnswerInput } from "../../../app/questionnaire/answer-types";
import type { Question, Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "../../../app/questionnaire/questionnaire-schema";
import { monthsBefore } from "../../../app/scoring/calendar";
import {
  bestAnswers,
  isoDate,
  leafAnswers,
  leavesWithPolarity,
  numberCandidates,
  questionsOf,
  type LeafCondition,
} from "../../../db/factories/answer-sets";

export * from "../../../db/factories/answer-sets";

// ---------------------------------------------------------------------------------------------
// Random answers

function conditionLeaves(questionnaire: Questionnaire): Map<string, LeafCondition[]> {
  const byQuestion = new Map<string, LeafCondition[]>();
  const conditions = [
    ...questionsOf(questionnaire).flatMap((q) => (q.showIf ? [q.showIf] : [])),
    ...questionnaire.flagRules.map((r) => r.when),
  ];
  for (const condition of conditions) {
    for (const { leaf } of leavesWithPolarity(condition)) {
      byQuestion.set(leaf.question, [...(byQuestion.get(leaf.question) ?? []), leaf]);
    }
  }
  return byQuestion;
}

/** A random valid value for a question, biased towards the boundaries its conditions test. */
export function valueArbitrary(question: Question, leaves: readonly LeafCondition[], now: Date): fc.Arbitrary<AnswerInput["value"]> {
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
    case "single_choice":
      return fc.constantFrom(...fixedAnswerValues(question)!);
    case "multiple_choice":
      return fc.subarray(
        question.options.map((o) => o.value),
        { minLength: 1 },
      );
    case "text":
      return fc.constantFrom("Ja, se vedhæftede politik.", "No.", "x");
    case "date": {
      const months = [
        ...leaves.flatMap((l) => ("olderThanMonths" in l ? [l.olderThanMonths] : [])),
        ...(question.recentWithinMonths !== undefined ? [question.recentWithinMonths] : []),
      ];
      const boundaries = months.flatMap((m) => {
        const key = monthsBefore(now, m);
        const day = Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100);
        return [-1, 0, 1].map((offset) => isoDate(new Date(day + offset * 86_400_000)));
      });
      const anyDay = fc.integer({ min: -2500, max: 400 }).map((days) => isoDate(new Date(now.getTime() + days * 86_400_000)));
      return boundaries.length > 0 ? fc.oneof(anyDay, fc.constantFrom(...boundaries)) : anyDay;
    }
    case "number": {
      const min = question.min ?? -10;
      const max = question.max ?? Math.max(min, 1000);
      const anyNumber = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      const special = numberCandidates(question, leaves);
      return special.length > 0 ? fc.oneof(anyNumber, fc.constantFrom(...special)) : anyNumber;
    }
    case "evidence":
      return fc.constant(null);
  }
}

/**
 * Random answer sets: each question unanswered, answered with a random valid value, or (where
 * allowed) marked not applicable; 0–2 evidence files each. Answers to hidden questions included.
 */
export function answersArbitrary(questionnaire: Questionnaire, now: Date): fc.Arbitrary<AnswerInput[]> {
  const leaves = conditionLeaves(questionnaire);
  const perQuestion = questionsOf(questionnaire).map((question) => {
    const given = fc
      .record({ value: valueArbitrary(question, leaves.get(question.id) ?? [], now), evidenceCount: fc.integer({ min: 0, max: 2 }) })
      .map((a): AnswerInput => ({ questionId: question.id, ...a }));
    const options: fc.WeightedArbitrary<AnswerInput | null>[] = [
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 5, arbitrary: given },
    ];
    if (question.allowNotApplicable) {
      options.push({
        weight: 1,
        arbitrary: fc.constant<AnswerInput>({ questionId: question.id, value: null, notApplicable: true, notApplicableReason: "Bruges ikke" }),
      });
    }
    return fc.oneof(...options);
  });
  return fc.tuple(...perQuestion).map((answers) => answers.filter((a): a is AnswerInput => a !== null));
}

/** Answers to the leaf's question under which the leaf holds (the question's visibility aside). */
export function answersSatisfyingLeaf(
  questionnaire: Questionnaire,
  leaf: LeafCondition,
  now: Date,
  current?: AnswerInput,
): (AnswerInput | undefined)[] {
  const question = questionsOf(questionnaire).find((q) => q.id === leaf.question);
  if (!question) return [];
  const best = bestAnswers(questionnaire, now).find((a) => a.questionId === question.id)!;
  return leafAnswers(question, leaf, true, current, best, now);
}
