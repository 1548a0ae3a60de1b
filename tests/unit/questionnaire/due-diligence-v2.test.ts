/**
 * due-diligence v2 (issue 11): the deep-access warning flag also fires for a SaaS or hosting
 * supplier with administrative access to our data on its own platform, and a supplier that does
 * not enforce MFA at all raises an MFA warning. v1 stays as it was sent.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultQuestionnairesDir, getLatestQuestionnaireEntry, getQuestionnaire } from "../../../app/questionnaire/catalogue.server";
import type { AnswerInput } from "../../../app/questionnaire/answer-types";
import { scoreAssessment } from "../../../app/scoring/score-assessment";

const v1 = getQuestionnaire("due-diligence", 1)!;
const v2 = getQuestionnaire("due-diligence", 2)!;
const now = new Date("2026-06-01T12:00:00Z");
const ids = (q: typeof v1) => q.themes.flatMap((t) => t.questions.map((question) => question.id));
const flagIds = (q: typeof v1, answers: AnswerInput[]) => scoreAssessment(q, answers, { now }).flags.map((f) => f.flagId);

describe("due-diligence v2", () => {
  it("is the latest version, and v1 is unchanged (byte-identical to what was sent)", () => {
    expect(getLatestQuestionnaireEntry("due-diligence")?.questionnaire.version).toBe(2);
    const bytes = readFileSync(join(defaultQuestionnairesDir(), "due-diligence.v1.json"));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe("052bdab7dea704ad83fa3055063ba890ccff75708b6f29269869c2a3b7dc50a3");
  });

  it("keeps every v1 question id, with the same type, and adds only platform-admin-access", () => {
    const types = new Map(v2.themes.flatMap((t) => t.questions.map((q) => [q.id, q.type] as const)));
    for (const theme of v1.themes) for (const q of theme.questions) expect(types.get(q.id)).toBe(q.type);
    expect(ids(v2).filter((id) => !ids(v1).includes(id))).toEqual(["platform-admin-access"]);
  });

  it("raises deep-access-without-oversight for admin access to our data on the supplier's own platform", () => {
    const answers: AnswerInput[] = [
      { questionId: "customer-system-access", value: "no" },
      { questionId: "platform-admin-access", value: "yes", comment: "Our support can read all tenants" },
      { questionId: "backend-access-oversight", value: "no", comment: "Not logged" },
    ];
    expect(flagIds(v2, answers)).toContain("deep-access-without-oversight");
    // v1 had no way to say so: the same supplier raised nothing.
    expect(flagIds(v1, answers)).not.toContain("deep-access-without-oversight");
    // With full oversight there is no flag.
    expect(flagIds(v2, [...answers.slice(0, 2), { questionId: "backend-access-oversight", value: "yes" }])).not.toContain("deep-access-without-oversight");
  });

  it("still raises it for backend access to our systems, as v1 did", () => {
    const answers: AnswerInput[] = [
      { questionId: "customer-system-access", value: "yes" },
      { questionId: "backend-access", value: "yes", comment: "DB admin" },
      { questionId: "backend-access-oversight", value: "partly", comment: "Logged only" },
    ];
    expect(flagIds(v1, answers)).toContain("deep-access-without-oversight");
    expect(flagIds(v2, answers)).toContain("deep-access-without-oversight");
  });

  it("raises the mfa-not-enforced warning flag when MFA is not enforced at all, and not when it partly is", () => {
    const none: AnswerInput[] = [{ questionId: "mfa-enforced", value: "no", comment: "Passwords only" }];
    const raised = scoreAssessment(v2, none, { now }).flags.find((f) => f.flagId === "mfa-not-enforced");
    expect(raised).toMatchObject({ severity: "critical", warning: true });
    expect(flagIds(v1, none)).toEqual([]);
    expect(flagIds(v2, [{ questionId: "mfa-enforced", value: "partly", comment: "email only" }])).not.toContain("mfa-not-enforced");
  });
});
