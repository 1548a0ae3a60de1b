import { describe, expect, it } from "vitest";
import type { AnswerInput } from "../../../app/questionnaire/answer-types";
import { toAnswerMap } from "../../../app/questionnaire/answer-types";
import type { Condition } from "../../../app/questionnaire/questionnaire-schema";
import { QuestionnaireFileSchema } from "../../../app/questionnaire/questionnaire-schema";
import { evaluateCondition, isAnswerGiven, isQuestionVisible, resolveVisibility } from "../../../app/scoring/conditions";

const now = new Date("2025-06-15T12:00:00Z");
const answers = (...list: AnswerInput[]) => toAnswerMap(list);
const evaluate = (condition: Condition, ...list: AnswerInput[]) => evaluateCondition(condition, answers(...list), now);

describe("evaluateCondition leaves", () => {
  it("in: single value, and any chosen value of a multiple-choice answer", () => {
    expect(evaluate({ question: "a", in: ["no", "partly"] }, { questionId: "a", value: "no" })).toEqual({
      holds: true,
      triggers: [{ questionId: "a", value: "no" }],
    });
    expect(evaluate({ question: "a", in: ["no"] }, { questionId: "a", value: "yes" }).holds).toBe(false);
    expect(evaluate({ question: "a", in: ["x"] }, { questionId: "a", value: ["y", "x"] }).holds).toBe(true);
    expect(evaluate({ question: "a", in: ["1"] }, { questionId: "a", value: 1 }).holds).toBe(false);
  });

  it("includes: only on multiple-choice arrays", () => {
    expect(evaluate({ question: "a", includes: "x" }, { questionId: "a", value: ["x"] }).holds).toBe(true);
    expect(evaluate({ question: "a", includes: "x" }, { questionId: "a", value: ["y"] }).holds).toBe(false);
    expect(evaluate({ question: "a", includes: "x" }, { questionId: "a", value: "x" }).holds).toBe(false);
  });

  it("answered: empty values, missing answers and not-applicable count as not answered", () => {
    const unanswered: AnswerInput[] = [
      { questionId: "a", value: null },
      { questionId: "a", value: "   " },
      { questionId: "a", value: [] },
      { questionId: "a", value: Number.NaN },
      { questionId: "a", value: "yes", notApplicable: true },
    ];
    for (const answer of unanswered) {
      expect(evaluate({ question: "a", answered: false }, answer)).toEqual({ holds: true, triggers: [{ questionId: "a", value: null }] });
      expect(evaluate({ question: "a", answered: true }, answer).holds).toBe(false);
    }
    expect(evaluate({ question: "a", answered: false }).holds).toBe(true);
    expect(evaluate({ question: "a", answered: true }, { questionId: "a", value: 0 }).holds).toBe(true);
    // Evidence questions carry a null value; the attached files are the answer.
    expect(evaluate({ question: "a", answered: true }, { questionId: "a", value: null, evidenceCount: 2 }).holds).toBe(true);
  });

  it("a not-applicable answer satisfies no value leaf", () => {
    const na: AnswerInput = { questionId: "a", value: "no", notApplicable: true };
    expect(evaluate({ question: "a", in: ["no"] }, na).holds).toBe(false);
    expect(evaluate({ question: "a", includes: "no" }, { ...na, value: ["no"] }).holds).toBe(false);
    expect(evaluate({ question: "a", lessThan: 10 }, { ...na, value: 1 }).holds).toBe(false);
    expect(evaluate({ question: "a", olderThanMonths: 1 }, { ...na, value: "2000-01-01" }).holds).toBe(false);
  });

  it("olderThanMonths compares calendar months against now, strictly", () => {
    const older = (date: string, months = 12) => evaluate({ question: "d", olderThanMonths: months }, { questionId: "d", value: date }).holds;
    expect(older("2024-06-15")).toBe(false); // exactly 12 months
    expect(older("2024-06-14")).toBe(true);
    expect(older("2025-06-15")).toBe(false);
    expect(older("2030-01-01")).toBe(false);
    expect(older("not a date")).toBe(false);
    expect(older("2024-02-30")).toBe(false);
    // End-of-month clamping: one month before 31 March is 28 February.
    const march31 = new Date("2025-03-31T00:00:00Z");
    const cond: Condition = { question: "d", olderThanMonths: 1 };
    expect(evaluateCondition(cond, answers({ questionId: "d", value: "2025-02-28" }), march31).holds).toBe(false);
    expect(evaluateCondition(cond, answers({ questionId: "d", value: "2025-02-27" }), march31).holds).toBe(true);
  });

  it("lessThan and greaterThan are strict and numeric only", () => {
    expect(evaluate({ question: "n", lessThan: 24 }, { questionId: "n", value: 23.5 }).holds).toBe(true);
    expect(evaluate({ question: "n", lessThan: 24 }, { questionId: "n", value: 24 }).holds).toBe(false);
    expect(evaluate({ question: "n", greaterThan: 72 }, { questionId: "n", value: 73 }).holds).toBe(true);
    expect(evaluate({ question: "n", greaterThan: 72 }, { questionId: "n", value: 72 }).holds).toBe(false);
    expect(evaluate({ question: "n", greaterThan: 72 }, { questionId: "n", value: "100" }).holds).toBe(false);
  });
});

describe("evaluateCondition combinators and triggers", () => {
  const a: AnswerInput = { questionId: "a", value: "no" };
  const b: AnswerInput = { questionId: "b", value: "yes" };

  it("all: holds when every child holds; triggers are every leaf", () => {
    const condition: Condition = { all: [{ question: "a", in: ["no"] }, { question: "b", in: ["yes"] }] };
    expect(evaluate(condition, a, b)).toEqual({
      holds: true,
      triggers: [
        { questionId: "a", value: "no" },
        { questionId: "b", value: "yes" },
      ],
    });
    expect(evaluate(condition, a)).toEqual({ holds: false, triggers: [] });
  });

  it("any: triggers come from the first child that holds", () => {
    const condition: Condition = { any: [{ question: "x", in: ["no"] }, { question: "b", in: ["yes"] }, { question: "a", in: ["no"] }] };
    expect(evaluate(condition, a, b)).toEqual({ holds: true, triggers: [{ questionId: "b", value: "yes" }] });
    expect(evaluate({ any: [{ question: "x", in: ["no"] }] }, a)).toEqual({ holds: false, triggers: [] });
  });

  it("not: inverts and contributes no triggers", () => {
    expect(evaluate({ not: { question: "a", in: ["yes"] } }, a)).toEqual({ holds: true, triggers: [] });
    expect(evaluate({ not: { question: "a", in: ["no"] } }, a)).toEqual({ holds: false, triggers: [] });
    const nested: Condition = { all: [{ not: { question: "a", in: ["yes"] } }, { question: "b", in: ["yes"] }] };
    expect(evaluate(nested, a, b)).toEqual({ holds: true, triggers: [{ questionId: "b", value: "yes" }] });
  });

  it("isAnswerGiven matches the answered leaf", () => {
    expect(isAnswerGiven(undefined)).toBe(false);
    expect(isAnswerGiven({ questionId: "a", value: "x" })).toBe(true);
    expect(isAnswerGiven({ questionId: "a", value: "x", notApplicable: true })).toBe(false);
  });
});

describe("visibility", () => {
  const text = (s: string) => ({ da: s, en: s });
  const questionnaire = QuestionnaireFileSchema.parse({
    id: "visibility",
    version: 1,
    title: text("t"),
    description: text("d"),
    estimatedMinutes: 1,
    intendedTiers: ["low"],
    themes: [
      {
        id: "one",
        title: text("One"),
        questions: [
          { id: "uses-subcontractors", type: "yes_no", text: text("q"), help: text("h") },
          {
            id: "subcontractor-dd",
            type: "yes_no",
            text: text("q"),
            help: text("h"),
            showIf: { question: "uses-subcontractors", in: ["yes"] },
          },
        ],
      },
      {
        id: "two",
        title: text("Two"),
        questions: [
          {
            id: "dd-method",
            type: "text",
            text: text("q"),
            help: text("h"),
            showIf: { question: "subcontractor-dd", in: ["yes"] },
          },
          { id: "unconditional", type: "text", text: text("q"), help: text("h") },
        ],
      },
    ],
    flags: [],
    flagRules: [],
  });

  it("a question whose condition names a hidden question is hidden, even if that hidden question has a matching answer", () => {
    const given = toAnswerMap([
      { questionId: "uses-subcontractors", value: "no" },
      { questionId: "subcontractor-dd", value: "yes" },
      { questionId: "dd-method", value: "Spørgeskema" },
    ]);
    const { visible, visibleAnswers } = resolveVisibility(questionnaire, given, now);
    expect([...visible]).toEqual(["uses-subcontractors", "unconditional"]);
    expect([...visibleAnswers.keys()]).toEqual(["uses-subcontractors"]);
    // Evaluated naively against all answers, the third question would look visible.
    const ddMethod = questionnaire.themes[1]!.questions[0]!;
    expect(isQuestionVisible(ddMethod, given, now)).toBe(true);
    expect(isQuestionVisible(ddMethod, visibleAnswers, now)).toBe(false);
  });

  it("shows the chain when the first answer opens it", () => {
    const given = toAnswerMap([
      { questionId: "uses-subcontractors", value: "yes" },
      { questionId: "subcontractor-dd", value: "yes" },
    ]);
    expect([...resolveVisibility(questionnaire, given, now).visible]).toEqual([
      "uses-subcontractors",
      "subcontractor-dd",
      "dd-method",
      "unconditional",
    ]);
  });
});
