import { describe, expect, it } from "vitest";
import type { AnswerInput } from "../../../app/questionnaire/answer-types";
import { formatExplanationLine, roundScore, scoreAssessment } from "../../../app/scoring/score-assessment";
import { q, questionnaireOf, text, theme } from "./fixtures";

const now = new Date("2025-06-15T12:00:00Z");
const a = (questionId: string, value: AnswerInput["value"], extra: Partial<AnswerInput> = {}): AnswerInput => ({
  questionId,
  value,
  ...extra,
});

const basic = questionnaireOf({
  themes: [
    theme(
      "governance",
      [
        q("policy", "yes_no", { points: { yes: 2, no: 0 } }),
        q("framework", "yes_partly_no", { points: { yes: 2, partly: 1, no: 0 }, weight: 2 }),
        q("owner", "single_choice", {
          options: [
            { value: "ceo", label: text("CEO"), points: 3 },
            { value: "it", label: text("IT"), points: 1 },
            { value: "nobody", label: text("Nobody"), points: 0 },
          ],
        }),
      ],
      { weight: 3 },
    ),
    theme("training", [q("awareness", "yes_no", { points: { yes: 1, no: 0 } })], { weight: 1 }),
  ],
});

describe("scoreAssessment: points and weights", () => {
  it("scores each question as points / max points × weight and themes by theme weight", () => {
    const result = scoreAssessment(
      basic,
      [a("policy", "yes"), a("framework", "partly"), a("owner", "it"), a("awareness", "no")],
      { now },
    );
    const governance = result.themes[0]!;
    // (1×1 + 0.5×2 + 1/3×1) / 4 = 0.58333…
    expect(governance.earnedWeight).toBeCloseTo(7 / 3, 10);
    expect(governance.scoredWeight).toBe(4);
    expect(governance.score).toBe(58.3);
    expect(result.themes[1]!.score).toBe(0);
    // (58.333… × 3 + 0 × 1) / 4 = 43.75 → 43.8
    expect(result.overallScore).toBe(43.8);
    expect(governance.explanation.map((l) => [l.questionId, l.reason, l.pointsEarned, l.maxPoints, l.weight])).toEqual([
      ["policy", "scored", 2, 2, 1],
      ["framework", "scored", 1, 2, 2],
      ["owner", "scored", 1, 3, 1],
    ]);
    expect(result.completeness).toBe(100);
    expect(result.questionnaire).toBe("test@1");
  });

  it("uses unrounded theme scores for the overall score and rounds half up to one decimal", () => {
    expect(roundScore(66.66666)).toBe(66.7);
    expect(roundScore(33.33333)).toBe(33.3);
    expect(roundScore(43.75)).toBe(43.8);
    expect(roundScore(0.05)).toBe(0.1);
    expect(roundScore(100)).toBe(100);
    // 1.005 × 10 is 10.049999999999999 in binary floating point; it is meant as 10.05.
    expect(roundScore(1.005 * 10)).toBe(10.1);
    expect(Math.round(1.005 * 10 * 10) / 10).toBe(10);
  });

  it("leaves a theme without answered scored questions out of the overall score", () => {
    const result = scoreAssessment(basic, [a("awareness", "yes")], { now });
    expect(result.themes[0]!.score).toBeNull();
    expect(result.themes[1]!.score).toBe(100);
    expect(result.overallScore).toBe(100);
  });

  it("gives null scores when nothing is answered", () => {
    const result = scoreAssessment(basic, [], { now });
    expect(result.overallScore).toBeNull();
    expect(result.themes.map((t) => t.score)).toEqual([null, null]);
    expect(result.completeness).toBe(0);
    expect(result.requiredUnanswered).toEqual(["policy", "framework", "owner", "awareness"]);
  });

  it("excludes a theme with weight 0 from the overall score", () => {
    const weighted = questionnaireOf({
      themes: [
        theme("a", [q("x", "yes_no", { points: { yes: 1, no: 0 } })], { weight: 0 }),
        theme("b", [q("y", "yes_no", { points: { yes: 1, no: 0 } })], { weight: 2 }),
      ],
    });
    const result = scoreAssessment(weighted, [a("x", "no"), a("y", "yes")], { now });
    expect(result.themes[0]!.score).toBe(0);
    expect(result.overallScore).toBe(100);
    expect(scoreAssessment(weighted, [a("x", "no")], { now }).overallScore).toBeNull();
  });

  it("does not score text, number, evidence, weight-0 or point-less questions", () => {
    const mixed = questionnaireOf({
      themes: [
        theme("t", [
          q("describe", "text"),
          q("hours", "number", { min: 0 }),
          q("certificate", "evidence", { evidence: "required" }),
          q("unweighted", "yes_no", { points: { yes: 1, no: 0 }, weight: 0 }),
          q("pointless", "yes_no"),
          q("undated", "date"),
          q("scored", "yes_no", { points: { yes: 1, no: 0 } }),
        ]),
      ],
    });
    const result = scoreAssessment(
      mixed,
      [
        a("describe", "Vi har en plan"),
        a("hours", 24),
        a("certificate", null, { evidenceCount: 1 }),
        a("unweighted", "no"),
        a("pointless", "no"),
        a("undated", "2020-01-01"),
        a("scored", "yes"),
      ],
      { now },
    );
    const t = result.themes[0]!;
    expect(t.explanation.map((l) => [l.reason, l.note])).toEqual([
      ["not-scored", "type-not-scored"],
      ["not-scored", "type-not-scored"],
      ["not-scored", "type-not-scored"],
      ["not-scored", "zero-weight"],
      ["not-scored", "no-points"],
      ["not-scored", "no-points"],
      ["scored", null],
    ]);
    expect(t.score).toBe(100);
    expect(t.answeredCount).toBe(7);
    expect(result.completeness).toBe(100);
  });
});

describe("scoreAssessment: hidden, not applicable, unanswered, invalid", () => {
  const conditional = questionnaireOf({
    themes: [
      theme("suppliers", [
        q("uses-subcontractors", "yes_no", { points: { yes: 1, no: 1 } }),
        q("subcontractor-dd", "yes_partly_no", {
          points: { yes: 2, partly: 1, no: 0 },
          showIf: { question: "uses-subcontractors", in: ["yes"] },
        }),
        q("subcontractor-list", "text", { showIf: { question: "subcontractor-dd", in: ["yes", "partly"] } }),
        q("insurance", "yes_no", { points: { yes: 1, no: 0 }, allowNotApplicable: true }),
        q("mfa", "yes_no", { points: { yes: 1, no: 0 } }),
        q("optional-note", "text", { required: false }),
      ]),
    ],
    flags: [
      { id: "subcontractors-without-dd", severity: "high", title: text("No DD"), explanation: text("No due diligence on sub-suppliers") },
    ],
    flagRules: [{ flag: "subcontractors-without-dd", when: { question: "subcontractor-dd", in: ["no"] } }],
  });

  it("ignores hidden questions, including those hidden because their condition's question is hidden", () => {
    const result = scoreAssessment(
      conditional,
      [
        a("uses-subcontractors", "no"),
        a("subcontractor-dd", "no"), // stale answer from before the supplier changed their mind
        a("subcontractor-list", "Acme"),
        a("insurance", "yes"),
        a("mfa", "yes"),
      ],
      { now },
    );
    const t = result.themes[0]!;
    expect(t.explanation.map((l) => [l.questionId, l.reason])).toEqual([
      ["uses-subcontractors", "scored"],
      ["subcontractor-dd", "hidden"],
      ["subcontractor-list", "hidden"],
      ["insurance", "scored"],
      ["mfa", "scored"],
      ["optional-note", "unanswered"],
    ]);
    expect(t.explanation[1]!.value).toBeNull();
    expect(t.score).toBe(100);
    expect(t.applicableCount).toBe(4);
    expect(t.answeredCount).toBe(3);
    expect(result.flags).toEqual([]);
    expect(result.completeness).toBe(100);
  });

  it("raises flags only from visible answers", () => {
    const result = scoreAssessment(conditional, [a("uses-subcontractors", "yes"), a("subcontractor-dd", "no")], { now });
    expect(result.flags.map((f) => f.flagId)).toEqual(["subcontractors-without-dd"]);
    expect(result.flags[0]!.triggers).toEqual([{ questionId: "subcontractor-dd", value: "no" }]);
  });

  it("counts an allowed not-applicable mark as complete but not in the score", () => {
    const result = scoreAssessment(
      conditional,
      [a("uses-subcontractors", "no"), a("insurance", "no", { notApplicable: true, notApplicableReason: "Offentlig myndighed" }), a("mfa", "no")],
      { now },
    );
    const t = result.themes[0]!;
    expect(t.explanation.find((l) => l.questionId === "insurance")).toMatchObject({ reason: "not-applicable", value: null, pointsEarned: null });
    // uses-subcontractors 1/1, mfa 0/1
    expect(t.score).toBe(50);
    expect(t.applicableCount).toBe(3);
    expect(result.completeness).toBe(100);
    expect(result.completenessDetail).toEqual({ requiredQuestions: 3, requiredQuestionsAnswered: 3, requiredEvidence: 0, requiredEvidencePresent: 0 });
  });

  it("treats not-applicable on a question that does not allow it as unanswered", () => {
    const result = scoreAssessment(conditional, [a("uses-subcontractors", "no"), a("mfa", "no", { notApplicable: true })], { now });
    const mfa = result.themes[0]!.explanation.find((l) => l.questionId === "mfa")!;
    expect(mfa).toMatchObject({ reason: "unanswered", note: "not-applicable-not-allowed" });
    expect(result.requiredUnanswered).toEqual(["insurance", "mfa"]);
  });

  it("lets unanswered questions lower completeness, not the score", () => {
    const full = scoreAssessment(conditional, [a("uses-subcontractors", "no"), a("insurance", "yes"), a("mfa", "yes")], { now });
    const partial = scoreAssessment(conditional, [a("uses-subcontractors", "no"), a("mfa", "yes")], { now });
    expect(full.overallScore).toBe(100);
    expect(partial.overallScore).toBe(100);
    expect(full.completeness).toBe(100);
    // 2 of 3 visible required questions answered
    expect(partial.completeness).toBe(66.7);
    expect(partial.themes[0]!.requiredUnanswered).toEqual(["insurance"]);
  });

  it("treats an answer the question does not accept as unanswered", () => {
    const result = scoreAssessment(
      conditional,
      [a("uses-subcontractors", "maybe"), a("insurance", ["yes"]), a("mfa", 1)],
      { now },
    );
    expect(result.themes[0]!.explanation.filter((l) => l.note === "invalid-answer").map((l) => l.questionId)).toEqual([
      "uses-subcontractors",
      "insurance",
      "mfa",
    ]);
    expect(result.overallScore).toBeNull();
    expect(result.completeness).toBe(0);
  });

  it("uses the last of duplicate answers, like toAnswerMap", () => {
    const result = scoreAssessment(conditional, [a("mfa", "no"), a("mfa", "yes")], { now });
    expect(result.themes[0]!.explanation.find((l) => l.questionId === "mfa")!.pointsEarned).toBe(1);
  });
});

describe("scoreAssessment: multiple choice", () => {
  const multi = (extra: Record<string, unknown>) =>
    questionnaireOf({
      themes: [
        theme("t", [
          q("controls", "multiple_choice", {
            options: [
              { value: "firewall", label: text("Firewall"), points: 2 },
              { value: "ids", label: text("IDS"), points: 2 },
              { value: "vpn", label: text("VPN"), points: 1 },
              { value: "none", label: text("None"), points: 0, exclusive: true },
            ],
            ...extra,
          }),
        ]),
      ],
    });

  it("caps the sum of chosen points at maxPoints", () => {
    const result = scoreAssessment(multi({ maxPoints: 3 }), [a("controls", ["firewall", "ids"])], { now });
    expect(result.themes[0]!.explanation[0]).toMatchObject({ pointsEarned: 3, maxPoints: 3, rawPoints: 4, note: "capped" });
    expect(result.overallScore).toBe(100);
  });

  it("defaults maxPoints to the sum of all options and counts a repeated value once", () => {
    const result = scoreAssessment(multi({}), [a("controls", ["firewall", "firewall", "vpn"])], { now });
    expect(result.themes[0]!.explanation[0]).toMatchObject({ value: ["firewall", "vpn"], pointsEarned: 3, maxPoints: 5, note: null });
    expect(result.overallScore).toBe(60);
  });

  it("scores an exclusive 'none' as 0", () => {
    expect(scoreAssessment(multi({}), [a("controls", ["none"])], { now }).overallScore).toBe(0);
  });

  it("does not count an exclusive option's points towards the default maximum (it cannot be combined)", () => {
    const withPointyExclusive = questionnaireOf({
      themes: [
        theme("t", [
          q("hosting", "multiple_choice", {
            options: [
              { value: "dk", label: text("DK"), points: 1 },
              { value: "eu", label: text("EU"), points: 1 },
              { value: "on-premises-only", label: text("On premises only"), points: 3, exclusive: true },
            ],
          }),
        ]),
      ],
    });
    expect(scoreAssessment(withPointyExclusive, [a("hosting", ["on-premises-only"])], { now }).overallScore).toBe(100);
    expect(scoreAssessment(withPointyExclusive, [a("hosting", ["dk", "eu"])], { now }).overallScore).toBe(66.7);
  });
});

describe("scoreAssessment: dates", () => {
  const dated = questionnaireOf({
    themes: [theme("t", [q("pentest", "date", { recentWithinMonths: 12 })])],
    flags: [{ id: "no-recent-pentest", severity: "high", title: text("Old pen test"), explanation: text("No pen test within a year") }],
    flagRules: [{ flag: "no-recent-pentest", when: { question: "pentest", olderThanMonths: 12 } }],
  });
  const score = (date: string, at: Date) => scoreAssessment(dated, [a("pentest", date)], { now: at });

  it("gives full marks within the window (boundary included) and 0 outside, measured from the injected now", () => {
    expect(score("2024-06-15", now).overallScore).toBe(100);
    expect(score("2024-06-15", now).themes[0]!.explanation[0]).toMatchObject({ note: "date-within", withinMonths: 12, pointsEarned: 1, maxPoints: 1 });
    expect(score("2024-06-14", now).overallScore).toBe(0);
    expect(score("2024-06-14", now).themes[0]!.explanation[0]!.note).toBe("date-too-old");
    expect(score("2025-01-01", now).overallScore).toBe(100);
    expect(score("2025-01-01", new Date("2026-01-02T00:00:00Z")).overallScore).toBe(0);
  });

  it("agrees with the olderThanMonths flag: 0 points exactly when the flag is raised", () => {
    for (const date of ["2024-06-13", "2024-06-14", "2024-06-15", "2024-06-16"]) {
      const result = score(date, now);
      expect(result.overallScore === 0).toBe(result.flags.length === 1);
    }
  });
});

describe("scoreAssessment: evidence and completeness", () => {
  const withEvidence = questionnaireOf({
    themes: [
      theme("t", [
        q("iso", "yes_no", { points: { yes: 1, no: 0 }, evidence: { default: "none", byAnswer: { yes: "required" } } }),
        q("policy-doc", "evidence", { evidence: "required" }),
        q("extra", "yes_no", { required: false, evidence: "required" }),
      ]),
    ],
  });

  it("counts required evidence of answered questions as completeness items", () => {
    const result = scoreAssessment(withEvidence, [a("iso", "yes"), a("policy-doc", null, { evidenceCount: 2 }), a("extra", "no")], { now });
    expect(result.completenessDetail).toEqual({ requiredQuestions: 2, requiredQuestionsAnswered: 2, requiredEvidence: 2, requiredEvidencePresent: 0 });
    expect(result.completeness).toBe(50);
    expect(result.missingEvidence).toEqual(["iso", "extra"]);
    expect(result.themes[0]!.missingEvidence).toEqual(["iso", "extra"]);
  });

  it("needs no evidence when the answer does not call for it, and is 100 with everything attached", () => {
    expect(scoreAssessment(withEvidence, [a("iso", "no"), a("policy-doc", null, { evidenceCount: 1 })], { now }).completeness).toBe(100);
    expect(
      scoreAssessment(withEvidence, [a("iso", "yes", { evidenceCount: 1 }), a("policy-doc", null, { evidenceCount: 1 })], { now }).completeness,
    ).toBe(100);
  });

  it("answers an evidence question with files only", () => {
    const result = scoreAssessment(withEvidence, [a("iso", "no"), a("policy-doc", null, { evidenceCount: 0 })], { now });
    expect(result.requiredUnanswered).toEqual(["policy-doc"]);
  });

  it("is 100 when nothing is required", () => {
    const optional = questionnaireOf({ themes: [theme("t", [q("x", "text", { required: false })])] });
    expect(scoreAssessment(optional, [], { now }).completeness).toBe(100);
  });
});

describe("scoreAssessment: flags", () => {
  const flagged = questionnaireOf({
    themes: [
      theme("t", [
        q("mfa", "yes_partly_no", { points: { yes: 2, partly: 1, no: 0 } }),
        q("mfa-exception", "yes_no", { points: { yes: 0, no: 1 } }),
        q("dpa", "yes_no", { points: { yes: 1, no: 0 } }),
        q("training", "yes_no", { points: { yes: 1, no: 0 } }),
      ]),
    ],
    flags: [
      { id: "no-training", severity: "medium", title: text("No training"), explanation: text("No awareness training") },
      { id: "no-mfa", severity: "high", title: text("No MFA"), explanation: text("MFA is not enforced") },
      { id: "mfa-exception", severity: "high", warning: true, title: text("MFA exception"), explanation: text("Asks to avoid MFA") },
      { id: "refuses-dpa", severity: "critical", warning: true, title: text("Refuses DPA"), explanation: text("Refuses a DPA") },
    ],
    flagRules: [
      { flag: "no-training", when: { question: "training", in: ["no"] } },
      { flag: "no-mfa", when: { question: "mfa", in: ["no", "partly"] } },
      { flag: "mfa-exception", when: { question: "mfa-exception", in: ["yes"] } },
      { flag: "mfa-exception", when: { all: [{ question: "mfa", in: ["no"] }, { question: "mfa-exception", in: ["yes"] }] } },
      { flag: "refuses-dpa", when: { question: "dpa", in: ["no"] } },
    ],
  });

  it("merges rules of one flag into one entry with de-duplicated triggers, sorted critical first and warnings first", () => {
    const result = scoreAssessment(flagged, [a("mfa", "no"), a("mfa-exception", "yes"), a("dpa", "no"), a("training", "no")], { now });
    expect(result.flags.map((f) => f.flagId)).toEqual(["refuses-dpa", "mfa-exception", "no-mfa", "no-training"]);
    const exception = result.flags[1]!;
    expect(exception).toMatchObject({ severity: "high", warning: true, title: text("MFA exception"), explanation: text("Asks to avoid MFA") });
    expect(exception.triggers).toEqual([
      { questionId: "mfa-exception", value: "yes" },
      { questionId: "mfa", value: "no" },
    ]);
  });

  it("raises nothing for the best answers", () => {
    const result = scoreAssessment(flagged, [a("mfa", "yes"), a("mfa-exception", "no"), a("dpa", "yes"), a("training", "yes")], { now });
    expect(result.flags).toEqual([]);
    expect(result.overallScore).toBe(100);
  });
});

describe("formatExplanationLine", () => {
  const questionnaire = questionnaireOf({
    themes: [
      theme("t", [
        q("mfa", "yes_partly_no", { points: { yes: 2, partly: 1, no: 0 } }),
        q("controls", "multiple_choice", {
          maxPoints: 2,
          options: [
            { value: "fw", label: { da: "Firewall", en: "Firewall" }, points: 2 },
            { value: "ids", label: { da: "Indtrængningsdetektion", en: "Intrusion detection" }, points: 1 },
          ],
        }),
        q("pentest", "date", { recentWithinMonths: 12 }),
        q("hours", "number"),
        q("insurance", "yes_no", { points: { yes: 1, no: 0 }, allowNotApplicable: true }),
        q("hidden", "text", { showIf: { question: "mfa", in: ["no"] } }),
        q("missing", "text"),
        q("weightless", "yes_no", { points: { yes: 1, no: 0 }, weight: 0.5 }),
      ]),
    ],
  });
  const result = scoreAssessment(
    questionnaire,
    [
      a("mfa", "partly"),
      a("controls", ["fw", "ids"]),
      a("pentest", "2023-01-01"),
      a("hours", 1.5),
      a("insurance", null, { notApplicable: true }),
      a("weightless", "yes"),
    ],
    { now },
  );
  const lines = result.themes[0]!.explanation;

  it("writes Danish sentences", () => {
    expect(lines.map((l) => formatExplanationLine(l, questionnaire, "da"))).toEqual([
      "»Question mfa (da)«: svaret »Delvist« giver 1 af 2 point (vægt 1).",
      "»Question controls (da)«: svaret »Firewall, Indtrængningsdetektion« giver 3 point, begrænset til højst 2 af 2 (vægt 1).",
      "»Question pentest (da)«: »2023-01-01« ligger mere end 12 måneder tilbage og giver 0 point (vægt 1).",
      "»Question hours (da)«: besvaret med »1,5«, men indgår ikke i scoren, da spørgsmålstypen giver ikke point.",
      "»Question insurance (da)«: markeret som ikke relevant og tæller ikke med.",
      "»Question hidden (da)«: vises ikke på grund af tidligere svar og tæller ikke med.",
      "»Question missing (da)«: ikke besvaret; det trækker fuldstændigheden ned, ikke scoren.",
      "»Question weightless (da)«: svaret »Ja« giver 1 af 1 point (vægt 0,5).",
    ]);
  });

  it("writes English sentences", () => {
    expect(lines.map((l) => formatExplanationLine(l, questionnaire, "en"))).toEqual([
      "“Question mfa”: the answer “Partly” earns 1 of 2 points (weight 1).",
      "“Question controls”: the answer “Firewall, Intrusion detection” is worth 3 points, capped at 2 of 2 (weight 1).",
      "“Question pentest”: “2023-01-01” is more than 12 months ago, 0 points (weight 1).",
      "“Question hours”: answered “1.5”, but not scored because this type of question is not scored.",
      "“Question insurance”: marked not applicable and not counted.",
      "“Question hidden”: not shown because of earlier answers, so not counted.",
      "“Question missing”: not answered; this lowers completeness, not the score.",
      "“Question weightless”: the answer “Yes” earns 1 of 1 points (weight 0.5).",
    ]);
  });
});

describe("scoreAssessment input", () => {
  it("accepts an AnswerMap as well as a list", () => {
    const questionnaire = questionnaireOf({ themes: [theme("t", [q("mfa", "yes_no", { points: { yes: 1, no: 0 } })])] });
    const list = [a("mfa", "yes")];
    const fromList = scoreAssessment(questionnaire, list, { now });
    expect(fromList.overallScore).toBe(100);
    expect(scoreAssessment(questionnaire, new Map(list.map((x) => [x.questionId, x])), { now })).toEqual(fromList);
  });
});
