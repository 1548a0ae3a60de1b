/**
 * Issue 11, reassessment: the job starts one when the date comes (on the tier's current
 * questionnaire, v1 answers carried into v2, evidence copied, contacts invited in their language),
 * running it twice or concurrently sends nothing twice; staff can start one by hand (audited);
 * bad inputs change nothing.
 */
import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeApprovedAssessment } from "#db/factories/reassessment";
import { listAudit } from "#db/repos/audit";
import { answers, assessments, emails, evidenceFiles, invitations, questionnaireVersions } from "#db/schema";
import { evidencePath } from "~/evidence/upload.server";
import { findUsableInvitation } from "~/invitations/invitations.server";
import { runJobs } from "~/jobs/job-runner.server";
import { reassessmentJob } from "~/reassessment/reassessment.server";
import { nextAssessmentJob } from "~/reminders/reminders.server";
import { action as reassessAction, loader as reassessLoader } from "~/routes/staff.suppliers.$supplierId.reassess";
import { startReassessmentByStaff } from "~/reassessment/staff.server";
import { args, call, get, makeOrgWithStaff, post, supplierOf, type Org } from "../staff/support";

const DAY = 86_400_000;
const JOBS = [nextAssessmentJob, reassessmentJob];
let a: Org;
let b: Org;

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

function assessedSupplier(org: Org, decidedAt: Date, extra: { answers?: Record<string, string> } = {}) {
  const db = getDb();
  const tag = Math.random().toString(36).slice(2, 8);
  const made = supplierOf(org.org.id, {
    name: `Revurderes ${tag} ApS`,
    tier: "high",
    contacts: [
      { name: "Sikker Sara", email: `sara-${tag}@s.example`, locale: "da", isSecurityContact: true },
      { name: "English Eric", email: `eric-${tag}@s.example`, locale: "en", isSecurityContact: false },
    ],
  });
  const previous = makeApprovedAssessment(db, { orgId: org.org.id, ...made }, {
    version: 1,
    decidedAt,
    answers: extra.answers,
    evidence: [{ questionId: "security-policy", fileName: "Politik.pdf" }],
  });
  return { ...made, previous: previous.assessment, evidence: previous.evidence };
}

const assessmentsOf = (supplierId: string) => getDb().select().from(assessments).where(eq(assessments.supplierId, supplierId)).all();
const emailsOf = (assessmentId: string) => getDb().select().from(emails).where(eq(emails.assessmentId, assessmentId)).all();

describe("the reassessment job", () => {
  it("starts nothing before the date, and the reassessment on the date: v2, carried forward, invited in each contact's language", async () => {
    const decidedAt = new Date("2025-03-10T10:00:00Z");
    const s = assessedSupplier(a, decidedAt, { answers: { "mfa-enforced": "partly" } });
    const previousAnswers = getDb().select().from(answers).where(eq(answers.assessmentId, s.previous.id)).all();

    await runJobs({ jobs: JOBS, now: new Date("2026-03-09T10:00:00Z") });
    expect(assessmentsOf(s.supplier.id)).toHaveLength(1);

    const now = new Date("2026-03-10T07:00:00Z");
    const [, job] = await runJobs({ jobs: JOBS, now });
    expect(job).toMatchObject({ status: "succeeded" });
    const created = assessmentsOf(s.supplier.id).find((x) => x.id !== s.previous.id)!;
    expect(created).toMatchObject({ kind: "reassessment", previousAssessmentId: s.previous.id, status: "sent", tier: "high", dueDate: "2026-04-09" });
    const version = getDb().select().from(questionnaireVersions).where(eq(questionnaireVersions.id, created.questionnaireVersionId)).get()!;
    expect(version.key).toBe("due-diligence@2");

    const carried = getDb().select().from(answers).where(eq(answers.assessmentId, created.id)).all();
    expect(carried.length).toBeGreaterThan(40);
    expect(carried.every((x) => x.carriedForward && x.revision === 1)).toBe(true);
    expect(carried.find((x) => x.questionId === "mfa-enforced")?.value).toBe("partly");
    expect(carried.find((x) => x.questionId === "platform-admin-access")).toBeUndefined();
    // Everything carried is last year's answer, unchanged.
    const before = new Map(previousAnswers.map((x) => [x.questionId, x.value]));
    for (const x of carried) expect(x.value).toEqual(before.get(x.questionId));

    // Evidence is copied: new rows, new files, the old ones untouched.
    const files = getDb().select().from(evidenceFiles).where(eq(evidenceFiles.assessmentId, created.id)).all();
    const policy = files.find((f) => f.questionId === "security-policy")!;
    const old = s.evidence.find((f) => f.questionId === "security-policy")!;
    expect(policy.storageName).not.toBe(old.storageName);
    expect(policy.sha256).toBe(old.sha256);
    expect(existsSync(evidencePath(policy.storageName))).toBe(true);
    expect(existsSync(evidencePath(old.storageName))).toBe(true);

    const sent = emailsOf(created.id);
    expect(sent.map((e) => [e.toAddress.split("-")[0], e.locale, e.kind]).sort()).toEqual([
      ["eric", "en", "reassessment-invitation"],
      ["sara", "da", "reassessment-invitation"],
    ]);
    expect(sent.find((e) => e.locale === "da")!.text).toContain("udfyldt på forhånd");
    expect(sent.find((e) => e.locale === "en")!.subject).toContain("review your answers again");
    const token = /\/invite\/([a-z2-7]+)/.exec(sent[0]!.text)![1]!;
    expect(findUsableInvitation(token, { now })?.assessment.id).toBe(created.id);

    const audit = listAudit(getDb(), a.org.id, { targetType: "assessment", targetId: created.id }, 10);
    expect(audit.map((x) => x.action)).toEqual(["assessment.reassessment-started"]);
    expect(audit[0]).toMatchObject({ actorType: "system" });
    expect(audit[0]!.details).toMatchObject({ previousAssessmentId: s.previous.id, newQuestions: ["platform-admin-access"], startedBy: "schedule" });
  });

  it("sends nothing twice: run again, and run twice at once", async () => {
    const s = assessedSupplier(a, new Date("2025-05-01T10:00:00Z"));
    const now = new Date("2026-05-02T08:00:00Z");
    await Promise.all([runJobs({ jobs: JOBS, now }), runJobs({ jobs: JOBS, now })]);
    await runJobs({ jobs: JOBS, now });
    await runJobs({ jobs: JOBS, now: new Date(now.getTime() + 3 * DAY) });
    const created = assessmentsOf(s.supplier.id).filter((x) => x.id !== s.previous.id);
    expect(created).toHaveLength(1);
    expect(emailsOf(created[0]!.id)).toHaveLength(2);
    expect(getDb().select().from(invitations).where(eq(invitations.assessmentId, created[0]!.id)).all()).toHaveLength(2);
  });

  it("leaves a supplier without an approved assessment, or with one still under way, alone", async () => {
    const s = assessedSupplier(a, new Date("2025-01-05T10:00:00Z"));
    getDb().update(assessments).set({ decision: "rejected", status: "rejected" }).where(eq(assessments.id, s.previous.id)).run();
    const result = await runJobs({ jobs: [reassessmentJob], now: new Date("2026-01-06T10:00:00Z") });
    expect(result[0]!.details).toMatchObject({ refused: { "reassessment.error.noPrevious": 1 } });
    expect(assessmentsOf(s.supplier.id)).toHaveLength(1);
  });
});

describe("starting a reassessment by hand", () => {
  it("starts it for a reviewer, audited as theirs, and refuses a second one with a localised error", async () => {
    const s = assessedSupplier(a, new Date(Date.now() - 30 * DAY));
    const page = await call(() => reassessLoader(args(get(`/staff/suppliers/${s.supplier.id}/reassess`, a.reviewer.cookie), { supplierId: s.supplier.id })));
    expect(page.status).toBe(200);
    const started = await call(() =>
      reassessAction(args(post(`/staff/suppliers/${s.supplier.id}/reassess`, a.reviewer.cookie, { intent: "start-reassessment" }), { supplierId: s.supplier.id })),
    );
    expect(started.status).toBe(303);
    const created = assessmentsOf(s.supplier.id).find((x) => x.id !== s.previous.id)!;
    expect(started.headers.get("Location")).toBe(`/staff/suppliers/${s.supplier.id}/assessments/${created.id}?notice=sent`);
    expect(created).toMatchObject({ kind: "reassessment", previousAssessmentId: s.previous.id, createdBy: a.reviewer.user.id });
    const audit = listAudit(getDb(), a.org.id, { targetType: "assessment", targetId: created.id }, 5);
    expect(audit[0]).toMatchObject({ action: "assessment.reassessment-started", actorType: "staff", actorId: a.reviewer.user.id });

    const again = await call(() =>
      reassessAction(args(post(`/staff/suppliers/${s.supplier.id}/reassess`, a.reviewer.cookie, { intent: "start-reassessment" }), { supplierId: s.supplier.id })),
    );
    expect(again.status).toBe(400);
    expect(again.body).toContain("reassessment.error.underWay");
    expect(assessmentsOf(s.supplier.id)).toHaveLength(2);
  });

  it("refuses a malformed post, a viewer, and another organisation's supplier (404), changing nothing", async () => {
    const s = assessedSupplier(a, new Date(Date.now() - 30 * DAY));
    const bad = await call(() => reassessAction(args(post(`/staff/suppliers/${s.supplier.id}/reassess`, a.reviewer.cookie, { intent: "other" }), { supplierId: s.supplier.id })));
    expect(bad.status).toBe(400);
    const viewer = await call(() =>
      reassessAction(args(post(`/staff/suppliers/${s.supplier.id}/reassess`, a.viewer.cookie, { intent: "start-reassessment" }), { supplierId: s.supplier.id })),
    );
    expect(viewer.status).toBe(403);
    const crossLoader = await call(() => reassessLoader(args(get(`/staff/suppliers/${s.supplier.id}/reassess`, b.reviewer.cookie), { supplierId: s.supplier.id })));
    expect(crossLoader.status).toBe(404);
    const crossAction = await call(() =>
      reassessAction(args(post(`/staff/suppliers/${s.supplier.id}/reassess`, b.reviewer.cookie, { intent: "start-reassessment" }), { supplierId: s.supplier.id })),
    );
    expect(crossAction.status).toBe(404);
    expect(assessmentsOf(s.supplier.id)).toHaveLength(1);
  });

  it("refuses to carry forward from another organisation's assessment", async () => {
    const mine = assessedSupplier(a, new Date(Date.now() - 30 * DAY));
    const theirs = assessedSupplier(b, new Date(Date.now() - 30 * DAY));
    const staff = { user: { ...a.reviewer.user, orgId: a.org.id }, organisation: { id: a.org.id } } as never;
    const outcome = await startReassessmentByStaff(staff, mine.supplier.id, "127.0.0.1", { fromAssessmentId: theirs.previous.id });
    expect(outcome).toEqual({ kind: "refused", message: "reassessment.error.otherOrganisation" });
    expect(assessmentsOf(mine.supplier.id)).toHaveLength(1);
    const addresses = mine.contacts.map((c) => c.email);
    expect(getDb().select().from(emails).where(eq(emails.kind, "reassessment-invitation")).all().filter((e) => addresses.includes(e.toAddress))).toEqual([]);
  });
});
