/**
 * Carry-forward across questionnaire versions (issue 11): by stable question id, v1 answers into
 * a v2 assessment; ids kept, added, removed; option sets changed; lapsed evidence dates; another
 * organisation's assessment refused.
 */
import { describe, expect, it } from "vitest";
import { getQuestionnaire } from "../../../app/questionnaire/catalogue.server";
import type { Question, Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { carryForward, evidenceDateLapsed, type PreviousAnswer } from "../../../app/reassessment/carry-forward";

const v1 = getQuestionnaire("due-diligence", 1)!;
const v2 = getQuestionnaire("due-diligence", 2)!;
const now = new Date("2027-03-01T09:00:00Z");

const answer = (questionId: string, value: PreviousAnswer["value"], extra: Partial<PreviousAnswer> = {}): PreviousAnswer => ({
  questionId,
  value,
  notApplicable: false,
  notApplicableReason: null,
  comment: null,
  ...extra,
});

function edit(q: Questionnaire, questionId: string, change: (question: Question) => Question): Questionnaire {
  const copy = structuredClone(q);
  for (const theme of copy.themes) theme.questions = theme.questions.map((question) => (question.id === questionId ? change(question) : question));
  return copy;
}

function run(previous: Questionnaire, next: Questionnaire, answers: PreviousAnswer[], evidence: { id: string; questionId: string }[] = []) {
  const result = carryForward({ fromOrgId: "org-a", toOrgId: "org-a", previous, next, answers, evidence }, now);
  if (result.kind !== "ok") throw new Error("refused");
  return result;
}

describe("carryForward v1 → v2", () => {
  it("keeps answers to questions whose ids are in both versions, with comments and not-applicable marks", () => {
    const result = run(v1, v2, [
      answer("security-policy", "yes"),
      answer("mfa-enforced", "partly", { comment: "Only e-mail" }),
      answer("cloud-security-policy", null, { notApplicable: true, notApplicableReason: "No cloud" }),
    ]);
    expect(result.answers).toEqual([
      answer("security-policy", "yes"),
      answer("cloud-security-policy", null, { notApplicable: true, notApplicableReason: "No cloud" }),
      answer("mfa-enforced", "partly", { comment: "Only e-mail" }),
    ]);
    expect(result.dropped).toEqual([]);
  });

  it("reports the question v2 added as new, and carries nothing into it", () => {
    const result = run(v1, v2, [answer("backend-access", "no")]);
    expect(result.newQuestionIds).toEqual(["platform-admin-access"]);
    expect(result.answers.map((a) => a.questionId)).toEqual(["backend-access"]);
  });

  it("drops answers to questions the new version removed", () => {
    const without = structuredClone(v2);
    for (const theme of without.themes) theme.questions = theme.questions.filter((q) => q.id !== "phishing-simulations");
    const result = run(v1, without, [answer("phishing-simulations", "yes"), answer("awareness-training", "regular")]);
    expect(result.answers.map((a) => a.questionId)).toEqual(["awareness-training"]);
    expect(result.dropped).toEqual([{ questionId: "phishing-simulations", reason: "removed" }]);
  });

  it("drops an answer whose option no longer exists, keeps one whose option still does", () => {
    const narrowed = edit(v2, "data-location", (q) =>
      q.type === "single_choice" ? { ...q, options: q.options.filter((o) => o.value !== "unknown") } : q,
    );
    expect(run(v1, narrowed, [answer("data-location", "unknown", { comment: "?" })])).toMatchObject({
      answers: [],
      dropped: [{ questionId: "data-location", reason: "option-removed" }],
    });
    expect(run(v1, narrowed, [answer("data-location", "denmark")]).answers).toHaveLength(1);
  });

  it("drops a multiple-choice answer if any chosen option was removed, and keeps it when options were only added", () => {
    const narrowed = edit(v2, "network-controls", (q) =>
      q.type === "multiple_choice" ? { ...q, options: q.options.filter((o) => o.value !== "vpn") } : q,
    );
    expect(run(v1, narrowed, [answer("network-controls", ["firewall", "vpn"])]).dropped).toEqual([
      { questionId: "network-controls", reason: "option-removed" },
    ]);
    const widened = edit(v2, "network-controls", (q) =>
      q.type === "multiple_choice" ? { ...q, options: [...q.options, { ...q.options[0]!, value: "zero-trust" }] } : q,
    );
    expect(run(v1, widened, [answer("network-controls", ["firewall", "vpn"])]).answers).toEqual([answer("network-controls", ["firewall", "vpn"])]);
  });

  it("drops an answer whose question changed type, and a not-applicable mark the new version no longer allows", () => {
    const retyped = edit(v2, "security-contact", (q) => ({ ...q, type: "date" }) as Question);
    expect(run(v1, retyped, [answer("security-contact", "Jens")]).dropped).toEqual([{ questionId: "security-contact", reason: "type-changed" }]);
    const noNa = edit(v2, "cloud-security-policy", (q) => ({ ...q, allowNotApplicable: false }));
    expect(run(v1, noNa, [answer("cloud-security-policy", null, { notApplicable: true, notApplicableReason: "x" })]).dropped).toEqual([
      { questionId: "cloud-security-policy", reason: "not-applicable-removed" },
    ]);
  });

  it("drops a lapsed evidence date with that question's evidence; other evidence carries forward", () => {
    const result = run(
      v1,
      v2,
      [
        answer("penetration-test", "external"),
        answer("penetration-test-date", "2025-12-31"), // performed-on, valid 12 months: lapsed by 2027-03-01
        answer("iso27001-certificate-expiry", "2027-02-28"), // valid-until, the day before: lapsed
        answer("insurance-end-date", "2027-03-01"), // valid until today: still valid
        answer("security-policy", "yes"),
      ],
      [
        { id: "f1", questionId: "penetration-test-date" },
        { id: "f2", questionId: "iso27001-certificate-expiry" },
        { id: "f3", questionId: "security-policy" },
        { id: "f4", questionId: "insurance-proof" },
        { id: "f5", questionId: "security-contact" }, // a question that takes no evidence
      ],
    );
    expect(result.dropped).toEqual([
      { questionId: "iso27001-certificate-expiry", reason: "lapsed" },
      { questionId: "penetration-test-date", reason: "lapsed" },
    ]);
    expect(result.answers.map((a) => a.questionId)).toEqual(["security-policy", "penetration-test", "insurance-end-date"]);
    expect(result.evidenceIds).toEqual(["f3", "f4"]);
  });

  it("refuses answers from another organisation's assessment", () => {
    expect(
      carryForward({ fromOrgId: "org-a", toOrgId: "org-b", previous: v1, next: v2, answers: [answer("security-policy", "yes")], evidence: [] }, now),
    ).toEqual({ kind: "refused", reason: "other-organisation" });
  });
});

describe("evidenceDateLapsed", () => {
  const pentest = v2.themes.flatMap((t) => t.questions).find((q) => q.id === "penetration-test-date")!;
  it("counts performed-on validity in calendar months, leap day included", () => {
    expect(evidenceDateLapsed(pentest, "2024-02-29", new Date("2025-02-28T00:00:00Z"))).toBe(false);
    expect(evidenceDateLapsed(pentest, "2024-02-28", new Date("2025-03-01T00:00:00Z"))).toBe(true);
    expect(evidenceDateLapsed(pentest, "not a date", now)).toBe(false);
  });
});
