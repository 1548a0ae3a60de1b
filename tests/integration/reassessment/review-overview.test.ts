/**
 * Issue 11: the review page of a reassessment shows what changed since the last approved
 * assessment, flags new / resolved / still open, and the score trend; the staff overview counts
 * reassessments overdue and due within 30/60/90 days exactly as the supplier list filters them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeApprovedAssessment } from "#db/factories/reassessment";
import { makeSubmittedAssessment } from "#db/factories/review";
import { getQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import { snapshotQuestionnaireVersion } from "~/questionnaire/versions.server";
import { loader as reviewLoader } from "~/routes/staff.assessments.$assessmentId";
import { loader as overviewLoader } from "~/routes/staff._index";
import { loader as suppliersLoader } from "~/routes/staff.suppliers._index";
import { isoDateIn } from "~/staff/dates";
import { args, call, get, makeOrgWithStaff, supplierOf, type Org } from "../staff/support";

let a: Org;
let b: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

describe("the review page of a reassessment", () => {
  it("shows exactly the changed answers, the new question, the flag changes and the trend", async () => {
    const db = getDb();
    const made = supplierOf(a.org.id, { tier: "high" });
    const day = new Date();
    day.setUTCHours(8, 0, 0, 0);
    const previous = makeApprovedAssessment(db, { orgId: a.org.id, ...made }, {
      version: 1,
      submittedAt: day,
      decidedAt: new Date(day.getTime() + 3_600_000),
      answers: { "cyber-insurance": "no" },
    });
    const current = makeSubmittedAssessment(db, { orgId: a.org.id, ...made }, {
      questionnaireVersionId: snapshotQuestionnaireVersion(getQuestionnaireEntry("due-diligence", 2)!, db).id,
      submittedAt: new Date(day.getTime() + 7_200_000),
      kind: "reassessment",
      previousAssessmentId: previous.assessment.id,
      answers: { "critical-patching": "within-30-days", "mfa-enforced": "no" },
      comments: {
        "critical-patching": "Nyt patchvindue",
        "mfa-enforced": "Ikke endnu",
        // As last year (the factory comments every answer that needs one).
        "security-framework": "Se vores politik.",
        certifications: "Se vores politik.",
        "external-assessments": "Se vores politik.",
      },
    });
    const result = await call(() => reviewLoader(args(get(`/staff/assessments/${current.assessment.id}`, a.reviewer.cookie), { assessmentId: current.assessment.id })));
    expect(result.status).toBe(200);
    const page = result.value as {
      comparison: { changed: { questionId: string }[]; added: { questionId: string }[]; flags: { flagType: string; change: string }[] };
      scoreTrend: { id: string }[];
      themes: { questions: { id: string; changedSinceLast: boolean | null }[] }[];
    };
    // Last year "no cyber insurance"; this year the best answer: changed, as are the two overrides.
    expect(page.comparison.changed.map((c) => c.questionId)).toEqual(["mfa-enforced", "critical-patching", "cyber-insurance"]);
    expect(page.comparison.added.map((c) => c.questionId)).toEqual(["platform-admin-access"]);
    expect(page.comparison.flags).toEqual([
      { flagType: "mfa-not-enforced", change: "new", title: "Håndhæver ikke MFA" },
      { flagType: "no-cyber-insurance", change: "resolved", title: "Ingen cyberforsikring" },
    ]);
    expect(page.scoreTrend.map((p) => p.id)).toEqual([previous.assessment.id, current.assessment.id]);
    // The per-question "since last time" view is real now that previousAssessmentId is written.
    const perQuestion = new Map(page.themes.flatMap((t) => t.questions.map((q) => [q.id, q.changedSinceLast])));
    expect(perQuestion.get("mfa-enforced")).toBe(true);
    expect(perQuestion.get("security-policy")).toBe(false);

    const other = await call(() => reviewLoader(args(get(`/staff/assessments/${current.assessment.id}`, b.reviewer.cookie), { assessmentId: current.assessment.id })));
    expect(other.status).toBe(404);
  });
});

describe("reassessments due on the staff overview", () => {
  it("counts overdue and due within 30/60/90 days (overdue included), matching the supplier list's filter", async () => {
    const org = await makeOrgWithStaff();
    const due = (days: number, extra: Record<string, unknown> = {}) =>
      supplierOf(org.org.id, { tier: "high", lastAssessedAt: new Date(), nextAssessmentDue: isoDateIn(days, new Date()), ...extra });
    due(-5);
    due(20);
    due(45);
    due(80);
    due(200);
    due(-10, { archivedAt: new Date() });
    const overview = await call(() => overviewLoader(args(get("/staff", org.viewer.cookie))));
    const counts = (overview.value as { reassessmentsDue: { overdue: number; within: { days: number; count: number }[] } }).reassessmentsDue;
    expect(counts).toEqual({ overdue: 1, within: [{ days: 30, count: 2 }, { days: 60, count: 3 }, { days: 90, count: 4 }] });
    for (const [next, expected] of [["overdue", 1], ["30", 2], ["60", 3], ["90", 4]] as const) {
      const list = await call(() => suppliersLoader(args(get(`/staff/suppliers?next=${next}`, org.viewer.cookie))));
      expect((list.value as { total: number }).total, next).toBe(expected);
    }
  });
});
