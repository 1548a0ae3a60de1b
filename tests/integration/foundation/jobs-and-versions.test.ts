import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser } from "#db/factories/core";
import { ensureQuestionnaireVersion, QuestionnaireVersionChangedError } from "#db/repos/questionnaire-versions";
import { jobRuns, staffSessions, supplierSessions } from "#db/schema";
import { createStaffSession, STAFF_SESSION_ABSOLUTE_MS } from "~/auth/staff-session.server";
import { runJobs, type Job } from "~/jobs/job-runner.server";
import { pruneExpiredJob } from "~/jobs/registry.server";
import { createSupplierSession, SUPPLIER_SESSION_IDLE_MS } from "~/supplier-portal/supplier-session.server";
import { getLatestQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import { parseQuestionnaireText } from "~/questionnaire/load-questionnaire";
import { loadQuestionnaireVersion, snapshotQuestionnaireVersion } from "~/questionnaire/versions.server";

describe("job runner", () => {
  it("records each run and prunes expired sessions", async () => {
    const db = getDb();
    const org = makeOrganisation(db);
    const user = await makeUser(db, org.id);
    const old = new Date("2025-01-01T00:00:00Z");
    createStaffSession({ userId: user.id, orgId: org.id, twoFactorVerified: true }, { now: old });
    const fresh = createStaffSession({ userId: user.id, orgId: org.id, twoFactorVerified: true });
    const results = await runJobs({ now: new Date(old.getTime() + STAFF_SESSION_ABSOLUTE_MS + 1) });
    const prune = results.find((r) => r.job === "prune-expired");
    expect(prune?.status).toBe("succeeded");
    const remaining = db.select().from(staffSessions).all().map((s) => s.id);
    expect(remaining).toContain(fresh.sessionId);
    expect(remaining).toHaveLength(1);
    expect(db.select().from(jobRuns).all().some((r) => r.job === "prune-expired" && r.status === "succeeded")).toBe(true);
  });

  it("prunes supplier sessions past their expiry and keeps live ones", async () => {
    const db = getDb();
    const org = makeOrganisation(db);
    const { supplier, contacts } = makeSupplier(db, org.id);
    const { assessment, invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts });
    const input = { orgId: org.id, assessmentId: assessment.id, contactId: contacts[0]!.id, invitationId: invitations[0]!.invitationId };
    const now = new Date();
    const idle = createSupplierSession(input, { now: new Date(now.getTime() - SUPPLIER_SESSION_IDLE_MS - 1) });
    const live = createSupplierSession(input, { now });
    await runJobs({ now, jobs: [pruneExpiredJob] });
    const remaining = db.select().from(supplierSessions).where(eq(supplierSessions.orgId, org.id)).all().map((s) => s.id);
    expect(remaining).toEqual([live.sessionId]);
    expect(remaining).not.toContain(idle.sessionId);
  });

  it("records a failing job as failed and runs the others", async () => {
    const failing: Job = { name: "always-fails", run: () => { throw new Error("boom"); } };
    const fine: Job = { name: "fine", run: () => ({ done: true }) };
    const results = await runJobs({ jobs: [failing, fine] });
    expect(results.map((r) => [r.job, r.status])).toEqual([["always-fails", "failed"], ["fine", "succeeded"]]);
    const failedRun = getDb().select().from(jobRuns).all().find((r) => r.job === "always-fails");
    expect(failedRun).toMatchObject({ status: "failed", details: { error: "boom" } });
  });
});

describe("questionnaire version snapshots", () => {
  it("stores the exact file once and refuses changed content under the same version", () => {
    const entry = getLatestQuestionnaireEntry("due-diligence");
    expect(entry).toBeDefined();
    const first = snapshotQuestionnaireVersion(entry!);
    const again = snapshotQuestionnaireVersion(entry!);
    expect(again.id).toBe(first.id);
    expect(first.content).toBe(entry!.text);
    expect(loadQuestionnaireVersion(first.id).themes).toHaveLength(10);
    const edited = { ...entry!, text: `${entry!.text} `, contentHash: "0".repeat(64) };
    expect(() => snapshotQuestionnaireVersion(edited)).toThrow(QuestionnaireVersionChangedError);
  });

  it("still reads a snapshot that a newer authoring rule would refuse, so sent assessments stay readable", () => {
    const entry = getLatestQuestionnaireEntry("due-diligence")!;
    // A flag without a rule is refused when authoring ("can never be raised"), not a broken shape.
    const json = JSON.parse(entry.text) as { version: number; flagRules: { flag: string }[] };
    const kept = json.flagRules.filter((rule) => rule.flag !== json.flagRules[0]!.flag);
    const text = JSON.stringify({ ...json, version: 90, flagRules: kept });
    expect(() => parseQuestionnaireText(text, "due-diligence.v90.json")).toThrow(/can never be raised/);
    const row = ensureQuestionnaireVersion(getDb(), { id: "snapshot-older-rules", key: "due-diligence@90", questionnaireId: "due-diligence", version: 90, content: text, contentHash: "9".repeat(64) });
    const read = loadQuestionnaireVersion(row.id);
    expect(read.version).toBe(90);
    expect(read.flagRules).toHaveLength(kept.length);
  });

  it("refuses a snapshot whose shape is broken, rather than reading half of it", () => {
    const row = ensureQuestionnaireVersion(getDb(), { id: "snapshot-broken", key: "broken@1", questionnaireId: "broken", version: 1, content: JSON.stringify({ id: "broken", version: 1, themes: "none" }), contentHash: "8".repeat(64) });
    expect(() => loadQuestionnaireVersion(row.id)).toThrow();
  });
});
