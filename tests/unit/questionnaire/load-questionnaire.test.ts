import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  QuestionnaireValidationError,
  loadQuestionnaireFile,
  parseQuestionnaire,
  parseQuestionnaireText,
  validateQuestionnaire,
} from "../../../app/questionnaire/load-questionnaire";

const FIXTURES = resolve(__dirname, "../../fixtures/questionnaires");
const fixturePath = (name: string) => join(FIXTURES, name);
const minimal = (): Record<string, any> => JSON.parse(readFileSync(fixturePath("minimal.v1.json"), "utf8"));

/** The error thrown for a file, or fails the test if it loads. */
function loadError(name: string): QuestionnaireValidationError {
  try {
    loadQuestionnaireFile(fixturePath(name));
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireValidationError);
    return error as QuestionnaireValidationError;
  }
  throw new Error(`${name} loaded without error`);
}

/** Problems reported for a variant of the minimal fixture, as `path: message` lines. */
function problems(mutate: (q: Record<string, any>) => void): string[] {
  const questionnaire = minimal();
  mutate(questionnaire);
  const result = validateQuestionnaire(questionnaire, "minimal.v1.json");
  return result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("loading a valid file", () => {
  it("parses the minimal fixture and applies the schema defaults", () => {
    const questionnaire = loadQuestionnaireFile(fixturePath("minimal.v1.json"));
    expect(questionnaire.id).toBe("minimal");
    expect(questionnaire.version).toBe(1);
    const [mfa, scope] = questionnaire.themes[0]!.questions;
    expect(mfa).toMatchObject({ id: "mfa", required: true, weight: 1, allowNotApplicable: false, evidence: "none" });
    expect(scope?.showIf).toEqual({ question: "mfa", in: ["yes"] });
    expect(questionnaire.themes[1]!.questions[0]).toMatchObject({ type: "date", comment: "optional" });
  });
});

describe("broken fixtures name the file, the path inside it and the problem", () => {
  const cases: [file: string, line: string][] = [
    [
      "unknown-show-if.v1.json",
      "unknown-show-if.v1.json: themes[0].questions[1].showIf.question: refers to 'sso', which is not a question in this file",
    ],
    [
      "forward-reference.v1.json",
      "forward-reference.v1.json: themes[0].questions[1].showIf.all[1].question: refers to 'pentest-date', which is not an earlier question",
    ],
    [
      "bad-option-in.v1.json",
      "bad-option-in.v1.json: themes[0].questions[1].showIf.in[1]: 'maybe' is not an answer value of 'mfa' (yes, no)",
    ],
    ["missing-english.v1.json", "missing-english.v1.json: themes[1].questions[0].help.en: is missing"],
    [
      "duplicate-id.v1.json",
      "duplicate-id.v1.json: themes[1].questions[0].id: duplicate question id 'mfa' (also themes[0].questions[0].id)",
    ],
    ["syntax-error.v1.json", "syntax-error.v1.json: line 71, column 71: is not valid JSON: unexpected \",\""],
    [
      "version-mismatch.v2.json",
      "version-mismatch.v2.json: version: file name 'version-mismatch.v2.json' does not match id 'version-mismatch' and version 1; the file must be named 'version-mismatch.v1.json'",
    ],
    [
      "unknown-flag.v1.json",
      "unknown-flag.v1.json: flagRules[1].flag: refers to flag 'stale-pentest', which is not defined in flags",
    ],
  ];

  it.each(cases)("%s", (file, expected) => {
    const error = loadError(file);
    const lines = error.message.split("\n");
    expect(lines.some((line) => line.startsWith(expected)), `expected a line starting\n  ${expected}\ngot\n  ${lines.join("\n  ")}`).toBe(
      true,
    );
    for (const issue of error.issues) expect(issue.file).toBe(file);
  });

  it("lists every problem of a file, not just the first", () => {
    const error = loadError("unknown-flag.v1.json");
    expect(error.message.split("\n")).toEqual([
      "unknown-flag.v1.json: flagRules[1].flag: refers to flag 'stale-pentest', which is not defined in flags",
      "unknown-flag.v1.json: flags[1].id: flag 'old-pentest' has no rule in flagRules, so it can never be raised",
    ]);
  });

  it("reports schema errors and cross-reference errors together", () => {
    const lines = problems((q) => {
      delete q.themes[0].questions[0].text.en;
      q.themes[0].questions[1].showIf = { question: "nope", in: ["yes"] };
    });
    expect(lines).toEqual([
      "themes[0].questions[0].text.en: is missing (expected string)",
      "themes[0].questions[1].showIf.question: refers to 'nope', which is not a question in this file",
    ]);
  });

  it("accepts a file saved with a byte-order mark", () => {
    const text = readFileSync(fixturePath("minimal.v1.json"), "utf8");
    expect(parseQuestionnaireText(`\uFEFF${text}`, "minimal.v1.json").id).toBe("minimal");
  });

  it("names the file given to parseQuestionnaire", () => {
    expect(() => parseQuestionnaire({ id: "x" }, "x.v1.json")).toThrowError(/^x\.v1\.json: version: is missing/m);
  });

  it("reports a file that is not a JSON object", () => {
    expect(problems(() => undefined)).toEqual([]);
    const result = validateQuestionnaire([], "list.v1.json");
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(["(file): Invalid input: expected object, received array"]);
  });
});

describe("cross-reference checks", () => {
  it("rejects an empty Danish text with the schema's own message", () => {
    expect(problems((q) => (q.title.da = "  "))).toEqual(["title.da: Danish text must not be empty"]);
  });

  it("rejects a showIf on the question itself", () => {
    expect(problems((q) => (q.themes[0].questions[1].showIf = { question: "mfa-scope", answered: true }))).toEqual([
      "themes[0].questions[1].showIf.question: refers to 'mfa-scope', which is not an earlier question (the question itself); showIf may only depend on questions before it",
    ]);
  });

  it("lets flag rules refer to any question, in any order", () => {
    expect(
      problems((q) => q.flagRules.push({ flag: "no-mfa", when: { all: [{ question: "pentest-date", answered: false }, { question: "mfa", in: ["no"] }] } })),
    ).toEqual([]);
  });

  it("rejects a flag rule on an unknown question", () => {
    expect(problems((q) => (q.flagRules[0].when = { not: { question: "ghost", in: ["yes"] } }))).toEqual([
      "flagRules[0].when.not.question: refers to 'ghost', which is not a question in this file",
    ]);
  });

  it("matches each operator to the question types it works on", () => {
    expect(
      problems((q) => {
        q.flagRules[0].when = { question: "mfa", olderThanMonths: 12 };
        q.flagRules[1].when = { any: [{ question: "pentest-date", in: ["2024-01-01"] }, { question: "mfa-scope", includes: "admins" }] };
        q.flagRules.push({ flag: "no-mfa", when: { question: "mfa", lessThan: 1 } });
        q.flagRules.push({ flag: "no-mfa", when: { question: "pentest-date", greaterThan: 1 } });
      }),
    ).toEqual([
      "flagRules[0].when.olderThanMonths: only works on date questions, but 'mfa' is a yes_no question",
      "flagRules[1].when.any[0].in: needs a question with fixed answer values, but 'pentest-date' is a date question",
      "flagRules[1].when.any[1].includes: only works on multiple_choice questions, but 'mfa-scope' is a single_choice question",
      "flagRules[2].when.lessThan: only works on number questions, but 'mfa' is a yes_no question",
      "flagRules[3].when.greaterThan: only works on number questions, but 'pentest-date' is a date question",
    ]);
  });

  it("checks `includes` values against the options of a multiple-choice question", () => {
    expect(
      problems((q) => {
        q.themes[0].questions[1].type = "multiple_choice";
        q.themes[1].questions[0].showIf = { question: "mfa-scope", includes: "nobody" };
      }),
    ).toEqual(["themes[1].questions[0].showIf.includes: 'nobody' is not an option of 'mfa-scope' (everywhere, admins)"]);
  });

  it("checks byAnswer keys of comment and evidence requirements", () => {
    expect(
      problems((q) => {
        q.themes[0].questions[0].comment = { default: "optional", byAnswer: { maybe: "required" } };
        q.themes[1].questions[0].comment = { default: "optional", byAnswer: { yes: "required" } };
      }),
    ).toEqual([
      "themes[0].questions[0].comment.byAnswer.maybe: 'maybe' is not an answer value of 'mfa' (yes, no)",
      "themes[1].questions[0].comment.byAnswer: needs a question with fixed answer values, but 'pentest-date' is a date question",
    ]);
  });

  it("reports duplicate theme ids, option values and flag ids", () => {
    expect(
      problems((q) => {
        q.themes[1].id = "access";
        q.themes[0].questions[1].options[1].value = "everywhere";
        q.flags[1].id = "no-mfa";
        q.flagRules[1].flag = "no-mfa";
      }),
    ).toEqual([
      "themes[0].questions[1].options[1].value: duplicate option value 'everywhere' (also options[0].value)",
      "themes[1].id: duplicate theme id 'access' (also themes[0].id)",
      "flags[1].id: duplicate flag id 'no-mfa' (also flags[0].id)",
    ]);
  });

  it("allows evidenceHint only where evidence may be uploaded", () => {
    expect(problems((q) => (q.themes[1].questions[0].evidence = "none"))).toEqual([
      "themes[1].questions[0].evidenceHint: is set, but the question never asks for evidence (evidence is 'none')",
    ]);
    expect(
      problems((q) => {
        q.themes[0].questions[0].evidence = { default: "none", byAnswer: { no: "none" } };
        q.themes[0].questions[0].evidenceHint = { da: "Politikken", en: "The policy" };
      }),
    ).toEqual(["themes[0].questions[0].evidenceHint: is set, but the question never asks for evidence (evidence is 'none')"]);
    expect(
      problems((q) => {
        q.themes[0].questions[0].evidence = { default: "none", byAnswer: { yes: "optional" } };
        q.themes[0].questions[0].evidenceHint = { da: "Politikken", en: "The policy" };
      }),
    ).toEqual([]);
  });

  it("allows evidenceDate only on date questions, and checks its validity period", () => {
    expect(
      problems((q) => (q.themes[0].questions[0].evidenceDate = q.themes[1].questions[0].evidenceDate)),
    ).toEqual(['themes[0].questions[0]: Unrecognized key: "evidenceDate"']);
    expect(problems((q) => delete q.themes[1].questions[0].evidenceDate.validityMonths)).toEqual([
      "themes[1].questions[0].evidenceDate.validityMonths: is required for kind 'performed-on' (after how many months does it lapse?)",
    ]);
    expect(problems((q) => (q.themes[1].questions[0].evidenceDate.kind = "valid-until"))).toEqual([
      "themes[1].questions[0].evidenceDate.validityMonths: only applies to kind 'performed-on'; a 'valid-until' date lapses on the date itself",
    ]);
  });

  it("requires an evidence question to ask for evidence", () => {
    expect(
      problems((q) => {
        const question = q.themes[1].questions[0];
        question.type = "evidence";
        delete question.evidenceDate;
        delete question.recentWithinMonths;
        delete question.evidenceHint;
        question.evidence = "none";
        q.flagRules[1].when = { question: "pentest-date", answered: false };
      }),
    ).toEqual(["themes[1].questions[0].evidence: an evidence question must ask for evidence: set evidence to 'optional' or 'required'"]);
  });

  it("checks that scoring declarations can be met", () => {
    expect(
      problems((q) => {
        const scope = q.themes[0].questions[1];
        scope.type = "multiple_choice";
        scope.maxPoints = 5;
        scope.options.push({ value: "none", label: { da: "Ingen", en: "None" }, points: 0, exclusive: true });
      }),
    ).toEqual(["themes[0].questions[1].maxPoints: is 5, but the best possible answer scores 3"]);
    expect(problems((q) => (q.themes[0].questions[1].options[0].exclusive = true))).toEqual([
      "themes[0].questions[1].options[0].exclusive: only applies to multiple_choice options",
    ]);
    expect(
      problems((q) => {
        for (const option of q.themes[0].questions[1].options) option.points = 0;
      }),
    ).toEqual(["themes[0].questions[1].weight: is 1, but no option earns points, so the question cannot be scored"]);
  });

  it("refuses a weighted yes/no question that gives no points, instead of leaving it unscored", () => {
    expect(problems((q) => delete q.themes[0].questions[0].points)).toEqual([
      "themes[0].questions[0].weight: is 1, but the question gives no points, so it cannot be scored: add points or set weight to 0",
    ]);
    expect(problems((q) => (q.themes[0].questions[0].points = { yes: 0, no: 0 }))).toEqual([
      "themes[0].questions[0].weight: is 1, but no answer earns points, so the question cannot be scored",
    ]);
    expect(
      problems((q) => {
        delete q.themes[0].questions[0].points;
        q.themes[0].questions[0].weight = 0;
      }),
    ).toEqual([]);
  });

  it("explains a condition that matches none of the allowed forms", () => {
    expect(problems((q) => (q.themes[0].questions[1].showIf = { question: "mfa", equals: "yes" }))).toEqual([
      "themes[0].questions[1].showIf: is not a valid condition (keys: question, equals); a condition is one of {question, in}, {question, includes}, {question, answered}, {question, olderThanMonths}, {question, lessThan}, {question, greaterThan}, {all}, {any} or {not}",
    ]);
  });

  it("points inside a condition when its form is clear", () => {
    expect(problems((q) => (q.themes[0].questions[1].showIf = { all: [{ question: "mfa", in: [] }] }))).toEqual([
      "themes[0].questions[1].showIf.all[0].in: Too small: expected array to have >=1 items",
    ]);
  });
});
