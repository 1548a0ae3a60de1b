/**
 * The relationship after onboarding (issue 12) through the routes: RACI (default and per
 * supplier), sub-suppliers from the answers, the yearly agreement review with its reminder,
 * offboarding with the supplier's deletion confirmation, archiving and reactivation. Every route
 * with an id answers another organisation with 404; bad inputs change nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment } from "#db/factories/core";
import { makeSubmittedAssessment, tinyPdf } from "#db/factories/review";
import {
  answers,
  assessments,
  auditLog,
  contractReviews,
  emails,
  evidenceFiles,
  invitations,
  organisations,
  raciDefaults,
  raciEntries,
  remediationItems,
  subSuppliers,
  supplierContacts,
  supplierDocuments,
  supplierEvents,
  suppliers,
} from "#db/schema";
import { findUsableInvitation } from "~/invitations/invitations.server";
import { runReassessments, startReassessment } from "~/reassessment/reassessment.server";
import { runContractReviewReminders } from "~/relationship/contract-review.server";
import { recordSubSupplierChange } from "~/relationship/sub-suppliers.server";
import { runReminders } from "~/reminders/reminders.server";
import { sendRemediationReminders } from "~/remediation/remediation.server";
import { loadQueuePage } from "~/review/queue.server";
import { action as tokenAction, loader as tokenLoader } from "~/routes/offboarding.$token";
import { action as defaultRaciAction, loader as defaultRaciLoader } from "~/routes/staff.settings_.raci";
import { loader as supplierPageLoader } from "~/routes/staff.suppliers.$supplierId._index";
import { action as reviewAction, loader as reviewLoader } from "~/routes/staff.suppliers.$supplierId.contract-review";
import { loader as documentLoader } from "~/routes/staff.suppliers.$supplierId.documents.$documentId";
import { action as offboardingAction, loader as offboardingLoader } from "~/routes/staff.suppliers.$supplierId.offboarding";
import { action as raciAction, loader as raciLoader } from "~/routes/staff.suppliers.$supplierId.raci";
import { action as subAction, loader as subLoader } from "~/routes/staff.suppliers.$supplierId.sub-suppliers";
import { loader as archivedLoader } from "~/routes/staff.suppliers.archived";
import { loader as listLoader } from "~/routes/staff.suppliers._index";
import { requireStaff } from "~/auth/staff-session.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { isoDate } from "~/staff/dates";
import { args, BASE, call, get, makeOrgWithStaff, post, postMultipart, supplierOf, type Org } from "../staff/support";

let a: Org;
let b: Org;
const db = () => getDb();

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

const raciFields = (rows: string[][]) =>
  Object.fromEntries(
    rows.flatMap((r, i) => [
      [`rows[${i}].activity`, r[0]!],
      [`rows[${i}].itLead`, r[1]!],
      [`rows[${i}].supplier`, r[2]!],
      [`rows[${i}].customer`, r[3]!],
      [`rows[${i}].partner`, r[4]!],
    ]),
  );

describe("RACI", () => {
  it("an admin edits the default; a supplier inherits it, then differs; an invalid matrix is refused naming the activity", async () => {
    const seeded = await call(() => defaultRaciLoader(args(get("/staff/settings/raci", a.admin.cookie))));
    expect(seeded.value).toMatchObject({ seeded: true, rows: [{ activity: "Adgangsstyring" }, { activity: "Databeskyttelse" }, { activity: "Incident response" }] });

    const refusedForReviewer = await call(() => defaultRaciAction(args(post("/staff/settings/raci", a.reviewer.cookie, raciFields([["Backup", "A", "R", "", ""]])))));
    expect(refusedForReviewer.status).toBe(403);

    const saved = await call(() =>
      defaultRaciAction(args(post("/staff/settings/raci", a.admin.cookie, raciFields([["Adgangsstyring", "R", "A", "I", "I"], ["Backup", "A", "R", "", "I"], ["", "", "", "", ""]])))),
    );
    expect(saved.status).toBe(200);
    expect(db().select().from(raciDefaults).where(eq(raciDefaults.orgId, a.org.id)).all().map((r) => r.activity)).toEqual(["Adgangsstyring", "Backup"]);

    const { supplier } = supplierOf(a.org.id, { name: "RACI Leverandør ApS" });
    const inherited = await call(() => raciLoader(args(get(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie), { supplierId: supplier.id })));
    expect(inherited.value).toMatchObject({ raci: { inherited: true, rows: [{ activity: "Adgangsstyring" }, { activity: "Backup" }] } });

    const invalid = await call(() =>
      raciAction(args(post(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie, raciFields([["Adgangsstyring", "R", "A", "I", "I"], ["Backup", "C", "R", "", "I"]])), { supplierId: supplier.id })),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain("Aktiviteten \u201eBackup\u201c har ingen ansvarlig (A)");
    const english = await call(() =>
      raciAction(
        args(post(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie, raciFields([["Backup", "A", "A", "R", ""]]), { "Accept-Language": "en" }), { supplierId: supplier.id }),
      ),
    );
    expect(english.body).toContain("The activity \u201cBackup\u201d has 2 Accountables (A); there must be exactly one");
    const noName = await call(() => raciAction(args(post(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie, raciFields([["", "A", "R", "", ""]])), { supplierId: supplier.id })));
    expect(noName.status).toBe(400);
    expect(noName.body).toContain("relationship.raci.activityRequired");
    expect(db().select().from(raciEntries).where(eq(raciEntries.supplierId, supplier.id)).all()).toEqual([]);

    const differs = await call(() =>
      raciAction(args(post(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie, raciFields([["Adgangsstyring", "A/R", "C", "I", "I"], ["Backup", "A", "R", "", "I"]])), { supplierId: supplier.id })),
    );
    expect(differs.status).toBe(303);
    const page = await call(() => supplierPageLoader(args(get(`/staff/suppliers/${supplier.id}`, a.viewer.cookie), { supplierId: supplier.id })));
    expect(page.value).toMatchObject({ relationship: { raci: { inherited: false, rows: [{ activity: "Adgangsstyring", itLead: "A/R" }, { activity: "Backup" }] } } });

    const reset = await call(() => raciAction(args(post(`/staff/suppliers/${supplier.id}/raci`, a.reviewer.cookie, { intent: "reset" }), { supplierId: supplier.id })));
    expect(reset.status).toBe(303);
    expect(db().select().from(raciEntries).where(eq(raciEntries.supplierId, supplier.id)).all()).toEqual([]);
    const actions = db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.orgId, a.org.id), sql`${auditLog.action} like '%raci%'`)).all().map((r) => r.action);
    expect(actions).toEqual(["organisation.raci.updated", "supplier.raci.updated", "supplier.raci.reset"]);
  });

  it("answers another organisation's supplier with 404, and a viewer may not edit", async () => {
    const { supplier } = supplierOf(a.org.id);
    expect((await call(() => raciLoader(args(get(`/staff/suppliers/${supplier.id}/raci`, b.reviewer.cookie), { supplierId: supplier.id })))).status).toBe(404);
    expect((await call(() => raciAction(args(post(`/staff/suppliers/${supplier.id}/raci`, b.admin.cookie, { intent: "reset" }), { supplierId: supplier.id })))).status).toBe(404);
    expect((await call(() => raciLoader(args(get(`/staff/suppliers/${supplier.id}/raci`, a.viewer.cookie), { supplierId: supplier.id })))).status).toBe(403);
    expect((await call(() => raciLoader(args(get(`/staff/suppliers/x'or'1/raci`, a.reviewer.cookie), { supplierId: "x'or'1" })))).status).toBe(404);
  });
});

describe("sub-suppliers from the answers", () => {
  it("lists the answer's lines to confirm; a confirmed critical one that a later answer drops is an event requesting a reassessment", async () => {
    const made = supplierOf(a.org.id, { name: "Underleverandør-kilde ApS" });
    const { assessment } = makeSubmittedAssessment(db(), { orgId: a.org.id, ...made }, {
      answers: { "outsources-services": "yes", "subsuppliers-list": "Microsoft Ireland – hosting i Azure – Irland\nTwilio – SMS – USA" },
    });
    const path = `/staff/suppliers/${made.supplier.id}/sub-suppliers`;
    const listed = await call(() => subLoader(args(get(path, a.reviewer.cookie), { supplierId: made.supplier.id })));
    expect(listed.value).toMatchObject({ found: { assessmentId: assessment.id, proposals: [{ name: "Microsoft Ireland", country: "IE" }, { name: "Twilio", country: "US" }] } });

    const confirm = (fields: Record<string, string>, cookie = a.reviewer.cookie, supplierId = made.supplier.id) =>
      call(() => subAction(args(post(`/staff/suppliers/${supplierId}/sub-suppliers`, cookie, { assessmentId: assessment.id, proposal: "0", sourceText: "line", ...fields }), { supplierId })));
    const missing = await confirm({ name: "Microsoft Ireland", service: "hosting", critical: "yes" });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain(`"country":["validation.invalidChoice"]`);
    expect((await confirm({ name: "Microsoft Ireland", service: "hosting", country: "IE", critical: "yes" }, b.reviewer.cookie)).status).toBe(404);
    const otherAssessment = makeAssessment(db(), { orgId: a.org.id, ...supplierOf(a.org.id) }).assessment;
    expect((await confirm({ assessmentId: otherAssessment.id, name: "X", service: "y", country: "DK", critical: "no" })).status).toBe(404);
    expect(db().select().from(subSuppliers).where(eq(subSuppliers.supplierId, made.supplier.id)).all()).toEqual([]);

    expect((await confirm({ name: "Microsoft Ireland", service: "hosting i Azure", country: "IE", critical: "yes" })).status).toBe(303);
    expect((await confirm({ name: "microsoft ireland", service: "igen", country: "IE", critical: "no" })).body).toContain("relationship.subSuppliers.alreadyListed");
    const rows = db().select().from(subSuppliers).where(eq(subSuppliers.supplierId, made.supplier.id)).all();
    expect(rows).toMatchObject([{ name: "Microsoft Ireland", critical: true, country: "IE", sourceAssessmentId: assessment.id, confirmedBy: a.reviewer.user.id }]);
    const after = await call(() => subLoader(args(get(path, a.reviewer.cookie), { supplierId: made.supplier.id })));
    expect(after.value).toMatchObject({ found: { proposals: [{ name: "Twilio" }] } });

    const later = makeSubmittedAssessment(db(), { orgId: a.org.id, ...made }, {
      answers: { "outsources-services": "yes", "subsuppliers-list": "Amazon Web Services – hosting – Tyskland\nTwilio – SMS – USA" },
    }).assessment;
    // The organisation's rule for sub-supplier events: a reassessment at once.
    const settings = db().select().from(organisations).where(eq(organisations.id, a.org.id)).get()!.settings;
    db().update(organisations).set({ settings: { ...settings, eventRules: { sub_supplier: { action: "reassess" } } } }).where(eq(organisations.id, a.org.id)).run();
    const ctxOf = (assessmentRow: typeof later) =>
      ({ assessment: assessmentRow, session: { contactId: made.contacts[0]!.id }, contactName: made.contacts[0]!.name }) as unknown as SupplierContext;
    const eventId = recordSubSupplierChange(ctxOf(later));
    expect(eventId).not.toBeNull();
    const [event] = db().select().from(supplierEvents).where(eq(supplierEvents.supplierId, made.supplier.id)).all();
    expect(event).toMatchObject({ id: eventId, kind: "sub_supplier", source: "supplier", reassessmentRequested: true, reporterName: made.contacts[0]!.name });
    expect(event!.description).toBe("Kritisk underleverandør ikke længere nævnt i besvarelsen: Microsoft Ireland. Nye i besvarelsen: Amazon Web Services, Twilio.");
    // Unchanged answers raise nothing.
    expect(recordSubSupplierChange(ctxOf(assessment))).toBeNull();
    expect(db().select().from(supplierEvents).where(eq(supplierEvents.supplierId, made.supplier.id)).all()).toHaveLength(1);
  });

  it("answers another organisation with 404", async () => {
    const { supplier } = supplierOf(a.org.id);
    expect((await call(() => subLoader(args(get(`/staff/suppliers/${supplier.id}/sub-suppliers`, b.admin.cookie), { supplierId: supplier.id })))).status).toBe(404);
  });
});

function reviewFields(overrides: Record<string, string> = {}) {
  const fields: Record<string, string> = {
    "checklist.requirements-fit-risk": "yes",
    "checklist.incidents-and-changes-handled": "yes",
    "checklist.supervision-plan-kept": "no",
    outcome: "amended",
    nextDueOn: isoDate(new Date(Date.now() + 300 * 86_400_000)),
    notes: "Gennemgået med leverandøren",
  };
  for (const clause of ["contract-data-protection-clauses", "contract-security-requirements", "contract-audit-right", "breach-notification-deadline", "data-processing-agreement", "data-compromise-obligations", "data-storage-transfer-deletion", "contract-sanctions", "contract-termination-rights", "liability-terms"]) {
    fields[`clauses.${clause}`] = "yes";
  }
  return { ...fields, ...overrides };
}

describe("yearly agreement review", () => {
  it("records checklist, clauses and outcome; an accepted clause the agreement lacks is a finding; the agreement is evidence", async () => {
    const made = supplierOf(a.org.id, { name: "Aftale ApS" });
    makeSubmittedAssessment(db(), { orgId: a.org.id, ...made }, { answers: { "contract-audit-right": "accept", "liability-terms": "refuse" } });
    const path = `/staff/suppliers/${made.supplier.id}/contract-review`;
    const params = { supplierId: made.supplier.id };

    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(tinyPdf("Underskrevet aftale"))], { type: "application/pdf" }), "aftale.pdf");
    const uploaded = await call(() => reviewAction(args(postMultipart(path, a.reviewer.cookie, form), params)));
    expect(uploaded.status).toBe(200);
    const [document] = db().select().from(supplierDocuments).where(eq(supplierDocuments.supplierId, made.supplier.id)).all();
    expect(document).toMatchObject({ kind: "agreement", originalName: "aftale.pdf", mimeType: "application/pdf", uploadedByUserId: a.reviewer.user.id });
    const fake = new FormData();
    fake.append("file", new Blob(["<html>nej</html>"], { type: "application/pdf" }), "falsk.pdf");
    expect((await call(() => reviewAction(args(postMultipart(path, a.reviewer.cookie, fake), params)))).status).toBe(422);

    const past = await call(() => reviewAction(args(post(path, a.reviewer.cookie, reviewFields({ nextDueOn: "2020-01-01" })), params)));
    expect(past.status).toBe(400);
    expect(past.body).toContain("relationship.review.nextInFuture");
    const tooLate = await call(() => reviewAction(args(post(path, a.reviewer.cookie, reviewFields({ nextDueOn: isoDate(new Date(Date.now() + 500 * 86_400_000)) })), params)));
    expect(tooLate.body).toContain("relationship.review.nextWithinYear");
    const { "checklist.supervision-plan-kept": _dropped, ...incomplete } = reviewFields();
    expect((await call(() => reviewAction(args(post(path, a.reviewer.cookie, incomplete), params)))).status).toBe(400);
    expect((await call(() => reviewAction(args(post(path, a.reviewer.cookie, reviewFields({ outcome: "maybe" })), params)))).status).toBe(400);
    expect((await call(() => reviewAction(args(post(path, a.viewer.cookie, reviewFields()), params)))).status).toBe(403);
    expect((await call(() => reviewAction(args(post(path, b.reviewer.cookie, reviewFields()), params)))).status).toBe(404);
    expect(db().select().from(contractReviews).where(eq(contractReviews.supplierId, made.supplier.id)).all()).toEqual([]);

    const recorded = await call(() =>
      reviewAction(args(post(path, a.reviewer.cookie, reviewFields({ "clauses.contract-audit-right": "no", "clauses.liability-terms": "no", documentId: document!.id })), params)),
    );
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get("Location")).toContain("recorded=1");
    const [review] = db().select().from(contractReviews).where(eq(contractReviews.supplierId, made.supplier.id)).all();
    expect(review).toMatchObject({ outcome: "amended", completedBy: a.reviewer.user.id, documentId: document!.id, findings: [{ clause: "contract-audit-right", agreement: "no" }], checklist: { "supervision-plan-kept": "no" } });
    const page = await call(() => reviewLoader(args(get(path, a.viewer.cookie), params)));
    expect(page.value).toMatchObject({ canEdit: false, state: { dueOn: review!.nextDueOn, reviews: [{ findings: [{ clause: "contract-audit-right" }] }] } });

    const download = await call(() => documentLoader(args(get(`/staff/suppliers/${made.supplier.id}/documents/${document!.id}`, a.viewer.cookie), { ...params, documentId: document!.id })));
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain("attachment");
    expect((await call(() => documentLoader(args(get("/x", b.viewer.cookie), { ...params, documentId: document!.id })))).status).toBe(404);
    expect((await call(() => reviewLoader(args(get(path, b.viewer.cookie), params)))).status).toBe(404);
  });

  it("reminds the internal owner a month ahead, once, and never for an archived supplier", async () => {
    const org = await makeOrgWithStaff();
    const now = new Date();
    const registered = new Date(now.getTime() - 350 * 86_400_000);
    const due = supplierOf(org.org.id, { name: "Snart Gennemgang ApS", ownerUserId: org.reviewer.user.id, createdAt: registered });
    supplierOf(org.org.id, { name: "Arkiveret Gennemgang ApS", ownerUserId: org.reviewer.user.id, createdAt: registered, archivedAt: now });
    supplierOf(org.org.id, { name: "Ny ApS", ownerUserId: org.reviewer.user.id });
    supplierOf(org.org.id, { name: "Uden ejer ApS", createdAt: registered });
    const first = await runContractReviewReminders({ db: db(), now });
    const sentHere = db().select().from(emails).where(and(eq(emails.orgId, org.org.id), eq(emails.kind, "contract-review-reminder"))).all();
    expect(sentHere).toHaveLength(1);
    expect(sentHere[0]).toMatchObject({ toAddress: org.reviewer.user.email });
    expect(sentHere[0]!.text).toContain("Snart Gennemgang ApS");
    expect(sentHere[0]!.dedupeKey).toContain(due.supplier.id);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    await runContractReviewReminders({ db: db(), now });
    expect(db().select().from(emails).where(and(eq(emails.orgId, org.org.id), eq(emails.kind, "contract-review-reminder"))).all()).toHaveLength(1);
  });
});

describe("offboarding", () => {
  it("runs the checklist, takes the supplier's deletion confirmation through its link, archives without deleting, and an admin reactivates", async () => {
    const made = supplierOf(a.org.id, { name: "Afsluttes ApS", ownerUserId: a.reviewer.user.id });
    const supplierId = made.supplier.id;
    const submitted = makeSubmittedAssessment(db(), { orgId: a.org.id, ...made }, { evidence: [{ questionId: "iso27001-certificate", fileName: "cert.pdf" }] }).assessment;
    db().update(assessments).set({ status: "approved" }).where(eq(assessments.id, submitted.id)).run();
    const inQueue = makeSubmittedAssessment(db(), { orgId: a.org.id, ...made }).assessment;
    const open = makeAssessment(db(), { orgId: a.org.id, ...made }, { dueDate: isoDate(new Date(Date.now() + 5 * 86_400_000)) });
    db().insert(remediationItems).values({ id: `rem${Date.now()}`, orgId: a.org.id, supplierId, assessmentId: submitted.id, text: "Ret MFA", ownerSide: "supplier", ownerName: "Leverandør", deadline: isoDate(new Date()) }).run();
    const count = () => ({
      assessments: db().select().from(assessments).where(eq(assessments.supplierId, supplierId)).all().length,
      answers: db().select({ n: sql<number>`count(*)` }).from(answers).innerJoin(assessments, eq(assessments.id, answers.assessmentId)).where(eq(assessments.supplierId, supplierId)).get()!.n,
      evidence: db().select({ n: sql<number>`count(*)` }).from(evidenceFiles).innerJoin(assessments, eq(assessments.id, evidenceFiles.assessmentId)).where(eq(assessments.supplierId, supplierId)).get()!.n,
      contacts: db().select().from(supplierContacts).where(eq(supplierContacts.supplierId, supplierId)).all().length,
      invitations: db().select({ n: sql<number>`count(*)` }).from(invitations).innerJoin(assessments, eq(assessments.id, invitations.assessmentId)).where(eq(assessments.supplierId, supplierId)).get()!.n,
      audit: db().select({ n: sql<number>`count(*)` }).from(auditLog).where(eq(auditLog.targetId, supplierId)).get()!.n,
    });
    const path = `/staff/suppliers/${supplierId}/offboarding`;
    const params = { supplierId };
    const act = (fields: Record<string, string | string[]>, cookie = a.reviewer.cookie) => call(() => offboardingAction(args(post(path, cookie, fields), params)));

    expect((await act({ intent: "complete" })).body).toContain("relationship.offboarding.notStarted");
    expect((await act({ intent: "start" }, b.reviewer.cookie)).status).toBe(404);
    expect((await act({ intent: "start" }, a.viewer.cookie)).status).toBe(403);
    expect((await act({ intent: "start" })).status).toBe(303);
    expect((await act({ intent: "start" })).body).toContain("relationship.offboarding.alreadyStarted");
    expect((await act({ intent: "checklist", done: ["access-revoked", "not-a-point"] })).status).toBe(400);
    expect((await act({ intent: "request", contactId: "missing" })).body).toContain("validation.invalidChoice");
    expect((await act({ intent: "request", contactId: made.contacts[0]!.id })).status).toBe(303);
    expect((await act({ intent: "complete" })).body).toContain("relationship.offboarding.notReady");
    const all = ["access-revoked", "data-returned", "data-deleted", "sub-supplier-copies-handled", "handover", "surviving-obligations"];
    expect((await act({ intent: "checklist", done: all, notes: "Ingen ny leverandør" })).status).toBe(303);
    expect((await act({ intent: "complete" })).body).toContain("relationship.offboarding.notReady");

    const mail = db().select().from(emails).where(and(eq(emails.orgId, a.org.id), eq(emails.kind, "deletion-confirmation-request"))).all().at(-1)!;
    const token = /\/offboarding\/([a-z2-7]+)/.exec(mail.text)![1]!;
    const shown = await call(() => tokenLoader(args(get(`/offboarding/${token}`), { token })));
    expect(shown.value).toMatchObject({ supplierName: "Afsluttes ApS", received: false });
    expect((await call(() => tokenLoader(args(get("/offboarding/abcdefghijklmnopqrstuvwxyz234567"), { token: "abcdefghijklmnopqrstuvwxyz234567" })))).status).toBe(404);
    const noFile = new FormData();
    noFile.append("note", "x");
    expect((await call(() => tokenAction(args(postMultipart(`/offboarding/${token}`, "", noFile), { token })))).status).toBe(400);
    const confirmation = new FormData();
    confirmation.append("file", new Blob([new Uint8Array(tinyPdf("Data er slettet"))], { type: "application/pdf" }), "sletning.pdf");
    const uploaded = await call(() => tokenAction(args(postMultipart(`/offboarding/${token}`, "", confirmation), { token })));
    expect(uploaded.status).toBe(200);
    expect(db().select().from(supplierDocuments).where(and(eq(supplierDocuments.supplierId, supplierId), eq(supplierDocuments.kind, "deletion-confirmation"))).all()).toMatchObject([
      { originalName: "sletning.pdf", uploadedByContactId: made.contacts[0]!.id },
    ]);

    const before = count();
    expect(findUsableInvitation(open.invitations[0]!.token)).not.toBeNull();
    expect((await act({ intent: "complete" })).status).toBe(303);
    const archived = db().select().from(suppliers).where(eq(suppliers.id, supplierId)).get()!;
    expect(archived.archivedAt).not.toBeNull();
    const after = count();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit).toBeGreaterThan(before.audit);
    expect(findUsableInvitation(open.invitations[0]!.token)).toBeNull();
    expect(db().select({ id: assessments.id, status: assessments.status }).from(assessments).where(eq(assessments.supplierId, supplierId)).all()).toEqual(
      expect.arrayContaining([
        { id: submitted.id, status: "approved" },
        { id: inQueue.id, status: "revoked" },
        { id: open.assessment.id, status: "revoked" },
      ]),
    );
    // The link for the confirmation is retired with the offboarding.
    expect((await call(() => tokenLoader(args(get(`/offboarding/${token}`), { token })))).status).toBe(404);

    // Reminders, remediation reminders, the agreement review job and the queue pass it by; lists keep it apart.
    await runReminders({ db: db(), now: new Date() });
    await sendRemediationReminders(db(), new Date());
    await runContractReviewReminders({ db: db(), now: new Date(Date.now() + 400 * 86_400_000) });
    const mailsForIt = db().select().from(emails).where(and(eq(emails.orgId, a.org.id), sql`(${emails.assessmentId} in (${open.assessment.id}, ${inQueue.id}) or ${emails.text} like '%Afsluttes ApS%')`)).all();
    expect(mailsForIt.map((m) => m.kind).filter((k) => k !== "deletion-confirmation-request")).toEqual([]);
    const staff = requireStaff(get("/staff/review", a.admin.cookie));
    const queue = loadQueuePage(staff, new URL(`${BASE}/staff/review`), "da");
    expect(JSON.stringify(queue)).not.toContain(inQueue.id);
    const list = await call(() => listLoader(args(get("/staff/suppliers?q=Afsluttes", a.viewer.cookie))));
    expect(list.body).not.toContain(supplierId);
    const archivedList = await call(() => archivedLoader(args(get("/staff/suppliers/archived", a.viewer.cookie))));
    expect(archivedList.body).toContain(supplierId);
    expect((await call(() => archivedLoader(args(get("/staff/suppliers/archived", b.viewer.cookie))))).body).not.toContain(supplierId);
    expect((await act({ intent: "start" })).body).toContain("relationship.archived.noChanges");
    // Reassessments stop: neither the job nor a start by hand touches an archived supplier.
    expect(await startReassessment(a.org.id, supplierId, { type: "system" })).toEqual({ kind: "refused", message: "reassessment.error.archived" });
    await runReassessments({ db: db(), now: new Date(Date.now() + 800 * 86_400_000) });
    expect(db().select().from(assessments).where(eq(assessments.supplierId, supplierId)).all()).toHaveLength(before.assessments);

    // Reactivation: admins only (audited refusal for a reviewer), with a recent sign-in.
    expect((await act({ intent: "reactivate" })).status).toBe(403);
    expect((await act({ intent: "reactivate" }, b.admin.cookie)).status).toBe(404);
    expect((await act({ intent: "reactivate" }, a.admin.cookie)).status).toBe(303);
    expect(db().select().from(suppliers).where(eq(suppliers.id, supplierId)).get()!.archivedAt).toBeNull();
    expect((await act({ intent: "reactivate" }, a.admin.cookie)).body).toContain("relationship.offboarding.notArchived");
    const trail = db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, supplierId)).all().map((r) => r.action);
    expect(trail).toEqual(expect.arrayContaining(["supplier.offboarding.started", "supplier.offboarding.deletion-requested", "supplier.offboarding.confirmation-uploaded", "supplier.archived", "supplier.reactivated"]));
  });

  it("answers another organisation's supplier with 404 on the page", async () => {
    const { supplier } = supplierOf(a.org.id);
    expect((await call(() => offboardingLoader(args(get(`/staff/suppliers/${supplier.id}/offboarding`, b.viewer.cookie), { supplierId: supplier.id })))).status).toBe(404);
  });
});
