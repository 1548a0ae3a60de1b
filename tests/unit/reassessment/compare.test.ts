import { describe, expect, it } from "vitest";
import { getQuestionnaire } from "../../../app/questionnaire/catalogue.server";
import { compareAssessments, type ComparedAnswer } from "../../../app/reassessment/compare";

const v1 = getQuestionnaire("due-diligence", 1)!;
const v2 = getQuestionnaire("due-diligence", 2)!;
const a = (questionId: string, value: ComparedAnswer["value"], extra: Partial<ComparedAnswer> = {}): ComparedAnswer => ({
  questionId,
  value,
  comment: null,
  notApplicable: false,
  notApplicableReason: null,
  ...extra,
});

describe("compareAssessments", () => {
  it("lists changed answers (value or comment), new questions and unconfirmed carried-forward answers", () => {
    const result = compareAssessments({
      previous: v1,
      current: v2,
      previousAnswers: [a("security-policy", "yes"), a("mfa-enforced", "partly", { comment: "email" }), a("critical-patching", "within-14-days"), a("awareness-training", "regular")],
      currentAnswers: [
        a("security-policy", "yes", { carriedForward: true }),
        a("mfa-enforced", "partly", { comment: "email and VPN" }),
        a("critical-patching", "within-30-days"),
        a("platform-admin-access", "no"),
        // awareness-training unanswered now: a change
      ],
      previousFlags: [],
      currentFlags: [],
    });
    expect(result.changed).toEqual(["mfa-enforced", "critical-patching", "awareness-training"]);
    expect(result.added).toEqual(["platform-admin-access"]);
    expect(result.unconfirmed).toEqual(["security-policy"]);
  });

  it("tells new, resolved and still-open red flags apart; a flag the reviewer resolved counts as gone", () => {
    const result = compareAssessments({
      previous: v1,
      current: v2,
      previousAnswers: [],
      currentAnswers: [],
      previousFlags: [
        { flagType: "no-cyber-insurance", status: "open" },
        { flagType: "no-backup-plan", status: "accepted" },
        { flagType: "no-recent-pentest", status: "resolved" },
      ],
      currentFlags: [
        { flagType: "no-backup-plan", status: "open" },
        { flagType: "mfa-not-enforced", status: "open" },
        { flagType: "no-recent-pentest", status: "open" },
      ],
    });
    expect(result.flags).toEqual([
      { flagType: "mfa-not-enforced", change: "new" },
      { flagType: "no-recent-pentest", change: "new" },
      { flagType: "no-backup-plan", change: "open" },
      { flagType: "no-cyber-insurance", change: "resolved" },
    ]);
  });
});
