import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnswerInput } from "../../../app/questionnaire/answer-types";
import type { Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { resolveVisibility } from "../../../app/scoring/conditions";
import { toAnswerMap } from "../../../app/questionnaire/answer-types";
import { roundScore, scoreAssessment } from "../../../app/scoring/score-assessment";
import {
  answersArbitrary,
  answersSatisfyingLeaf,
  bestAnswers,
  leavesWithPolarity,
  questionsOf,
  satisfyingAnswerSets,
} from "./answer-generators";
import { questionnaireArbitrary, type FlagStyle } from "./questionnaire-arbitrary";

const nowArbitrary = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true });

/** A random questionnaire of the given style, a scoring date and random answers to it. */
const scenario = (style: FlagStyle) =>
  fc
    .tuple(questionnaireArbitrary(style), nowArbitrary)
    .chain(([questionnaire, now]) => fc.tuple(fc.constant(questionnaire), fc.constant(now), answersArbitrary(questionnaire, now)));

const inRange = (score: number | null) => score === null || (score >= 0 && score <= 100 && roundScore(score) === score);

describe("scoreAssessment properties", () => {
  it("keeps every score within 0–100 (or null) and completeness within 0–100, at one decimal", () => {
    fc.assert(
      fc.property(scenario("any"), ([questionnaire, now, answers]) => {
        const result = scoreAssessment(questionnaire, answers, { now });
        expect(inRange(result.overallScore)).toBe(true);
        for (const theme of result.themes) expect(inRange(theme.score)).toBe(true);
        expect(result.completeness).toBeGreaterThanOrEqual(0);
        expect(result.completeness).toBeLessThanOrEqual(100);
        expect(inRange(result.completeness)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same output for the same input, whatever the order of the answers", () => {
    fc.assert(
      fc.property(
        scenario("any").chain(([q, now, answers]) => fc.tuple(fc.constant(q), fc.constant(now), fc.constant(answers), fc.shuffledSubarray(answers, { minLength: answers.length }))),
        ([questionnaire, now, answers, shuffled]) => {
          const first = scoreAssessment(questionnaire, answers, { now });
          expect(scoreAssessment(questionnaire, answers, { now })).toEqual(first);
          expect(scoreAssessment(questionnaire, structuredClone(shuffled), { now: new Date(now.getTime()) })).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("scores the best answers 100 (null when nothing is scorable) with no flags and full completeness", () => {
    fc.assert(
      fc.property(questionnaireArbitrary("avoidable"), nowArbitrary, (questionnaire, now) => {
        const result = scoreAssessment(questionnaire, bestAnswers(questionnaire, now), { now });
        expect(result.flags).toEqual([]);
        expect(result.completeness).toBe(100);
        for (const theme of result.themes) expect([100, null]).toContain(theme.score);
        const anyWeightedScore = result.themes.some((t) => t.score !== null && t.weight > 0);
        expect(result.overallScore).toBe(anyWeightedScore ? 100 : null);
      }),
      { numRuns: 300 },
    );
  });

  it("never removes a raised flag when one more answer is changed to one that satisfies a flag rule", () => {
    fc.assert(
      fc.property(scenario("monotone"), fc.nat(), fc.nat(), ([questionnaire, now, answers], pickLeaf, pickValue) => {
        const before = scoreAssessment(questionnaire, answers, { now });
        // The answer changed must not steer visibility and must not be one the raised flags rest on.
        const steering = new Set(
          questionsOf(questionnaire).flatMap((q) => (q.showIf ? leavesWithPolarity(q.showIf).map((l) => l.leaf.question) : [])),
        );
        const relied = new Set(before.flags.flatMap((f) => f.triggers.map((t) => t.questionId)));
        const candidates = questionnaire.flagRules.flatMap((rule) =>
          leavesWithPolarity(rule.when)
            .map(({ leaf }) => ({ rule, leaf }))
            .filter(({ leaf }) => !steering.has(leaf.question) && !relied.has(leaf.question)),
        );
        fc.pre(candidates.length > 0);
        const { rule, leaf } = candidates[pickLeaf % candidates.length]!;
        const current = toAnswerMap(answers).get(leaf.question);
        const replacements = answersSatisfyingLeaf(questionnaire, leaf, now, current);
        fc.pre(replacements.length > 0);
        const replacement = replacements[pickValue % replacements.length];
        const changed = answers.filter((a) => a.questionId !== leaf.question).concat(replacement ? [replacement] : []);

        const after = scoreAssessment(questionnaire, changed, { now });
        const afterIds = after.flags.map((f) => f.flagId);
        for (const flag of before.flags) expect(afterIds).toContain(flag.flagId);
        const visible = resolveVisibility(questionnaire, toAnswerMap(changed), now).visible.has(leaf.question);
        if (rule.when === leaf && visible) expect(afterIds).toContain(rule.flag);
      }),
      { numRuns: 400 },
    );
  });

  it("reaches completeness 100 once every visible required question is answered with its required evidence", () => {
    fc.assert(
      fc.property(scenario("any"), ([questionnaire, now, answers]) => {
        const best = toAnswerMap(bestAnswers(questionnaire, now));
        const current = toAnswerMap(answers);
        let result = scoreAssessment(questionnaire, current.values(), { now });
        // Answering can reveal further questions; answers are only ever added, so this ends.
        for (let round = 0; round < 100 && (result.requiredUnanswered.length > 0 || result.missingEvidence.length > 0); round++) {
          for (const id of result.requiredUnanswered) current.set(id, best.get(id)!);
          for (const id of result.missingEvidence) current.set(id, { ...current.get(id)!, evidenceCount: 1 });
          result = scoreAssessment(questionnaire, current.values(), { now });
        }
        expect(result.requiredUnanswered).toEqual([]);
        expect(result.missingEvidence).toEqual([]);
        expect(result.completeness).toBe(100);
      }),
      { numRuns: 200 },
    );
  });

  it("reports completeness 100 exactly when nothing required is missing", () => {
    fc.assert(
      fc.property(scenario("any"), ([questionnaire, now, answers]) => {
        const result = scoreAssessment(questionnaire, answers, { now });
        const nothingMissing = result.requiredUnanswered.length === 0 && result.missingEvidence.length === 0;
        expect(result.completeness === 100).toBe(nothingMissing);
      }),
      { numRuns: 300 },
    );
  });

  it("explains every score: theme score = earned / scored weight, overall = theme-weighted mean", () => {
    fc.assert(
      fc.property(scenario("any"), ([questionnaire, now, answers]) => {
        const result = scoreAssessment(questionnaire, answers, { now });
        let numerator = 0;
        let denominator = 0;
        for (const theme of result.themes) {
          const scored = theme.explanation.filter((l) => l.reason === "scored");
          const earned = scored.reduce((sum, l) => sum + (l.pointsEarned! / l.maxPoints!) * l.weight, 0);
          const weight = scored.reduce((sum, l) => sum + l.weight, 0);
          expect(theme.scoredWeight).toBeCloseTo(weight, 9);
          expect(theme.earnedWeight).toBeCloseTo(earned, 9);
          if (weight === 0) {
            expect(theme.score).toBeNull();
            continue;
          }
          expect(theme.score).toBe(roundScore((earned / weight) * 100));
          if (theme.weight > 0) {
            numerator += (earned / weight) * 100 * theme.weight;
            denominator += theme.weight;
          }
          for (const l of scored) {
            expect(l.pointsEarned).toBeGreaterThanOrEqual(0);
            expect(l.pointsEarned).toBeLessThanOrEqual(l.maxPoints!);
          }
        }
        expect(result.overallScore).toBe(denominator > 0 ? roundScore(numerator / denominator) : null);
      }),
      { numRuns: 200 },
    );
  });

  it("ignores answers to hidden questions", () => {
    fc.assert(
      fc.property(scenario("any"), fc.nat(), ([questionnaire, now, answers], pick) => {
        const visible = resolveVisibility(questionnaire, toAnswerMap(answers), now).visible;
        const hidden = questionsOf(questionnaire).filter((q) => !visible.has(q.id));
        fc.pre(hidden.length > 0);
        const target = hidden[pick % hidden.length]!;
        const without = answers.filter((a) => a.questionId !== target.id);
        const withBest: AnswerInput[] = [...without, bestAnswers(questionnaire, now).find((a) => a.questionId === target.id)!];
        const expected = scoreAssessment(questionnaire, without, { now });
        expect(scoreAssessment(questionnaire, withBest, { now })).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("the condition generator's answer sets raise the flag whose rule they satisfy", () => {
    let satisfied = 0;
    fc.assert(
      fc.property(questionnaireArbitrary("any"), nowArbitrary, (questionnaire: Questionnaire, now) => {
        for (const rule of questionnaire.flagRules) {
          const [answers] = satisfyingAnswerSets(questionnaire, rule.when, now, { limit: 200 });
          if (!answers) continue;
          satisfied++;
          const flags = scoreAssessment(questionnaire, answers, { now }).flags.map((f) => f.flagId);
          expect(flags).toContain(rule.flag);
        }
      }),
      { numRuns: 200 },
    );
    // Most random rules are satisfiable; the generator should find answers for them.
    expect(satisfied).toBeGreaterThan(200);
  });
});
