import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toAnswerMap } from "../../../app/questionnaire/answer-types";
import type { Condition } from "../../../app/questionnaire/questionnaire-schema";
import { compileCondition, evaluateCondition, type ConditionTrigger } from "../../../app/scoring/conditions";
import { answersArbitrary, questionsOf } from "./answer-generators";
import { questionnaireArbitrary } from "./questionnaire-arbitrary";

const nowArbitrary = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true });

describe("compiled conditions", () => {
  it("agree with evaluateCondition on whether a condition holds and on its triggers", () => {
    const scenario = fc
      .tuple(questionnaireArbitrary("any"), nowArbitrary)
      .chain(([q, now]) => fc.tuple(fc.constant(q), fc.constant(now), answersArbitrary(q, now)));
    fc.assert(
      fc.property(scenario, ([questionnaire, now, answers]) => {
        const questions = questionsOf(questionnaire);
        const index = new Map(questions.map((q, i) => [q.id, i]));
        const map = toAnswerMap(answers);
        const slots = questions.map((q) => map.get(q.id));
        const conditions: Condition[] = [
          ...questionnaire.flagRules.map((r) => r.when),
          ...questions.flatMap((q) => (q.showIf ? [q.showIf] : [])),
          { question: "no-such-question", answered: false },
        ];
        for (const condition of conditions) {
          const compiled = compileCondition(condition, (id) => index.get(id));
          const expected = evaluateCondition(condition, map, now);
          const triggers: ConditionTrigger[] = [];
          expect(compiled.holds(slots, now)).toBe(expected.holds);
          expect(compiled.collect(slots, now, triggers)).toBe(expected.holds);
          expect(triggers).toEqual(expected.triggers);
        }
      }),
      { numRuns: 300 },
    );
  });
});
