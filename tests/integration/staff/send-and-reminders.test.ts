import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { assessments, emails, invitations, suppliers } from "#db/schema";
import { findUsableInvitation } from "~/invitations/invitations.server";
import { runJobs } from "~/jobs/job-runner.server";
import { dueReminder, nextAssessmentJob, remindersJob } from "~/reminders/reminders.server";
import { action as assessmentAction, loader as assessmentLoader } from "~/routes/staff.suppliers.$supplierId.assessments.$assessmentId";
import { action as sendAction, loader as sendLoader } from "~/routes/staff.suppliers.$supplierId.send";
import { hashToken } from "~/security/tokens.server";
import { isoDateIn } from "~/staff/dates";
import { args, call, get, makeOrgWithStaff, post, supplierOf, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

const DAY = 86_400_000;

function tokenIn(text: string): string {
  const match = /http:\/\/localhost:3000\/invite\/([a-z2-7]+)/.exec(text);
  if (!match) throw new Error(`no invitation link in ${text}`);
  return match[1]!;
}

function newSupplier(org: Org = a) {
  return supplierOf(org.org.id, {
    name: `Sendes ${Math.random().toString(36).slice(2, 7)} ApS`,
    contacts: [
      { name: "Sikker Sara", email: `sara-${Math.random().toString(36).slice(2)}@s.example`, locale: "da", isSecurityContact: true },
      { name: "English Eric", email: `eric-${Math.random().toString(36).slice(2)}@s.example`, locale: "en", isSecurityContact: false },
    ],
  });
}

async function send(org: Org, supplierId: string, contactIds: string[], extra: Record<string, string> = {}) {
  return call(() =>
    sendAction(
      args(
        post(`/staff/suppliers/${supplierId}/send`, org.reviewer.cookie, { questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds, ...extra }),
        { supplierId },
      ),
    ),
  );
}

describe("sending a questionnaire", () => {
  it("suggests the variant by tier and lists the contacts", async () => {
    const low = supplierOf(a.org.id, { profile: { dataSensitivity: "none", dataVolume: "none", accessLevel: "none", dataLocation: "denmark", annualContractValueDkk: null } });
    const page = (await call(() => sendLoader(args(get(`/staff/suppliers/${low.supplier.id}/send`, a.reviewer.cookie), { supplierId: low.supplier.id })))).value as {
      suggested: string;
      questionnaires: { id: string }[];
    };
    expect(low.supplier.tier).toBe("low");
    expect(page.suggested).toBe("due-diligence-light");
    expect(page.questionnaires.map((q) => q.id)).toEqual(expect.arrayContaining(["due-diligence", "due-diligence-light"]));
  });

  it("creates the assessment and one invitation per contact, emailed in the chosen language with a working link", async () => {
    const { supplier, contacts } = newSupplier();
    const [sara, eric] = contacts as [typeof contacts[0], typeof contacts[0]];
    const result = await send(a, supplier.id, [sara.id, eric.id], { [`locale.${sara.id}`]: "en" });
    expect(result.status).toBe(303);
    const assessmentId = /assessments\/([a-z2-7]+)/.exec(result.headers.get("Location")!)![1]!;
    const assessment = getDb().select().from(assessments).where(eq(assessments.id, assessmentId)).get()!;
    expect(assessment).toMatchObject({ status: "sent", orgId: a.org.id, supplierId: supplier.id, tier: supplier.tier });
    const rows = getDb().select().from(invitations).where(eq(invitations.assessmentId, assessmentId)).all();
    expect(rows).toHaveLength(2);
    const mails = getDb().select().from(emails).where(eq(emails.assessmentId, assessmentId)).all();
    expect(mails.map((m) => [m.toAddress, m.locale, m.kind]).sort()).toEqual(
      [
        [sara.email, "en", "supplier-invitation"],
        [eric.email, "en", "supplier-invitation"],
      ].sort(),
    );
    for (const mail of mails) {
      const token = tokenIn(mail.text);
      expect(mail.html).toContain(`/invite/${token}`);
      expect(rows.map((r) => r.tokenHash)).toContain(hashToken(token));
      expect(findUsableInvitation(token)?.assessment.id).toBe(assessmentId);
    }
    expect(listAudit(getDb(), a.org.id, { action: "assessment.sent", targetId: assessmentId })).toHaveLength(1);

    // Only one open questionnaire per supplier.
    const again = await send(a, supplier.id, [sara.id]);
    expect(again.status).toBe(409);
  });

  it("refuses bad input and changes nothing", async () => {
    const { supplier, contacts } = newSupplier();
    const other = newSupplier();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds: [] }, "staff.validation.pickContact"],
      [{ questionnaireId: "due-diligence", dueDate: "2020-01-01", contactIds: [contacts[0]!.id] }, "staff.send.dueInPast"],
      [{ questionnaireId: "due-diligence", dueDate: isoDateIn(400, new Date()), contactIds: [contacts[0]!.id] }, "staff.send.dueTooFar"],
      [{ questionnaireId: "due-diligence", dueDate: "2026-02-30", contactIds: [contacts[0]!.id] }, "validation.date"],
      [{ questionnaireId: "no-such-questionnaire", dueDate: isoDateIn(30, new Date()), contactIds: [contacts[0]!.id] }, "validation.invalidChoice"],
      [{ questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds: [contacts[0]!.id], [`locale.${contacts[0]!.id}`]: "fr" }, "validation.invalidChoice"],
    ];
    for (const [fields, message] of cases) {
      const result = await call(() => sendAction(args(post(`/staff/suppliers/${supplier.id}/send`, a.reviewer.cookie, fields), { supplierId: supplier.id })));
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
    }
    const foreign = await call(() =>
      sendAction(args(post(`/staff/suppliers/${supplier.id}/send`, a.reviewer.cookie, { questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds: [other.contacts[0]!.id] }), { supplierId: supplier.id })),
    );
    expect(foreign.status).toBe(404);
    expect(getDb().select().from(assessments).where(eq(assessments.supplierId, supplier.id)).all()).toHaveLength(0);
    const unprofiled = supplierOf(a.org.id);
    getDb().update(suppliers).set({ tier: null, computedTier: null }).where(eq(suppliers.id, unprofiled.supplier.id)).run();
    const noTier = await send(a, unprofiled.supplier.id, [unprofiled.contacts[0]!.id]);
    expect(noTier.status).toBe(409);
    expect((await send({ ...a, reviewer: a.viewer }, supplier.id, [contacts[0]!.id])).status).toBe(403);
  });
});

describe("managing a sent questionnaire", () => {
  it("re-sends (old link dies), extends, adds a contact and revokes — each audited", async () => {
    const { supplier, contacts } = newSupplier();
    const [sara, eric] = contacts as [typeof contacts[0], typeof contacts[0]];
    const sent = await send(a, supplier.id, [sara.id]);
    const assessmentId = /assessments\/([a-z2-7]+)/.exec(sent.headers.get("Location")!)![1]!;
    const path = `/staff/suppliers/${supplier.id}/assessments/${assessmentId}`;
    const params = { supplierId: supplier.id, assessmentId };
    const act = (fields: Record<string, string>, cookie = a.reviewer.cookie) => call(() => assessmentAction(args(post(path, cookie, fields), params)));
    const firstToken = tokenIn(getDb().select().from(emails).where(and(eq(emails.assessmentId, assessmentId), eq(emails.toAddress, sara.email))).get()!.text);

    expect((await act({ intent: "resend", contactId: sara.id })).status).toBe(200);
    expect(findUsableInvitation(firstToken)).toBeNull();
    const mails = getDb().select().from(emails).where(and(eq(emails.assessmentId, assessmentId), eq(emails.toAddress, sara.email))).all();
    expect(mails).toHaveLength(2);
    const secondToken = tokenIn(mails.find((m) => !m.text.includes(firstToken))!.text);
    expect(findUsableInvitation(secondToken)).not.toBeNull();
    expect((await act({ intent: "resend", contactId: eric.id })).status).toBe(400);

    expect((await act({ intent: "add-contact", contactId: eric.id, locale: "en" })).status).toBe(200);
    expect((await act({ intent: "add-contact", contactId: eric.id, locale: "en" })).status).toBe(400);

    const current = getDb().select().from(assessments).where(eq(assessments.id, assessmentId)).get()!;
    expect((await act({ intent: "extend", dueDate: current.dueDate })).status).toBe(400);
    expect((await act({ intent: "extend", dueDate: "not a date" })).status).toBe(400);
    const later = isoDateIn(60, new Date());
    expect((await act({ intent: "extend", dueDate: later })).status).toBe(200);
    expect(getDb().select().from(assessments).where(eq(assessments.id, assessmentId)).get()!.dueDate).toBe(later);
    expect(findUsableInvitation(secondToken)!.invitation.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60 * DAY);

    expect((await act({ intent: "revoke", reason: "" })).status).toBe(400);
    expect((await act({ intent: "revoke", reason: "Kontrakten er opsagt" }, a.viewer.cookie)).status).toBe(403);
    expect((await act({ intent: "revoke", reason: "Kontrakten er opsagt" })).status).toBe(200);
    expect(getDb().select().from(assessments).where(eq(assessments.id, assessmentId)).get()!.status).toBe("revoked");
    expect(findUsableInvitation(secondToken)).toBeNull();
    expect((await act({ intent: "resend", contactId: sara.id })).status).toBe(409);
    expect((await act({ intent: "bogus" })).status).toBe(400);

    const actions = listAudit(getDb(), a.org.id, { targetType: "assessment", targetId: assessmentId }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["assessment.sent", "assessment.invitation.resent", "assessment.contact.added", "assessment.due-date.extended", "assessment.revoked"]));
    const page = (await call(() => assessmentLoader(args(get(path, a.viewer.cookie), params)))).value as { timeline: unknown[]; invitations: unknown[] };
    expect(page.timeline.length).toBeGreaterThanOrEqual(5);
    expect(page.invitations).toHaveLength(3);
    expect(JSON.stringify(page)).not.toContain(secondToken);
  });
});

describe("reminders", () => {
  const cadence = { daysAfterSend: [7], daysBeforeDue: [3], onDueDate: true, escalateAfterDays: 3 };

  it("picks one reminder per day from the cadence", () => {
    const sentOn = "2026-03-01";
    const dueDate = "2026-03-31";
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-05" }, cadence)).toBeNull();
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-08" }, cadence)).toEqual({ kind: "after-send", day: 7 });
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-20" }, cadence)).toEqual({ kind: "after-send", day: 7 });
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-28" }, cadence)).toEqual({ kind: "before-due", day: 3 });
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-31" }, cadence)).toEqual({ kind: "due-today", day: 0 });
    expect(dueReminder({ sentOn, dueDate, today: "2026-04-01" }, cadence)).toBeNull();
    expect(dueReminder({ sentOn, dueDate, today: "2026-03-31" }, { ...cadence, onDueDate: false })).toBeNull();
  });

  it("sends each reminder once, whether the jobs run twice or concurrently, then escalates to the owner", async () => {
    const org = await makeOrgWithStaff();
    const { supplier, contacts } = supplierOf(org.org.id, { ownerUserId: org.reviewer.user.id, contacts: [{ name: "Kontakt", email: `k-${Date.now()}@r.example`, locale: "en" }] });
    const sentAt = new Date(Date.now() - 8 * DAY);
    const sent = await call(() =>
      sendAction(args(post(`/staff/suppliers/${supplier.id}/send`, org.reviewer.cookie, { questionnaireId: "due-diligence", dueDate: isoDateIn(10, new Date()), contactIds: [contacts[0]!.id] }), { supplierId: supplier.id })),
    );
    const assessmentId = /assessments\/([a-z2-7]+)/.exec(sent.headers.get("Location")!)![1]!;
    getDb().update(assessments).set({ sentAt }).where(eq(assessments.id, assessmentId)).run();
    const reminderKeys = () =>
      getDb().select({ key: emails.dedupeKey, kind: emails.kind, to: emails.toAddress }).from(emails).where(and(eq(emails.assessmentId, assessmentId), like(emails.dedupeKey, "reminder:%"))).all();

    await runJobs({ jobs: [remindersJob] });
    await runJobs({ jobs: [remindersJob] });
    await Promise.all([runJobs({ jobs: [remindersJob] }), runJobs({ jobs: [remindersJob] }), runJobs({ jobs: [remindersJob] })]);
    const afterSend = reminderKeys();
    expect(afterSend).toHaveLength(1);
    expect(afterSend[0]).toMatchObject({ kind: "reminder-after-send", to: contacts[0]!.email });
    // The contact never opened the link: the reminder brings a fresh one, created once only.
    const reminderMail = getDb().select().from(emails).where(and(eq(emails.assessmentId, assessmentId), like(emails.dedupeKey, "reminder:%"))).get()!;
    const fresh = tokenIn(reminderMail.text);
    expect(findUsableInvitation(fresh)?.contact.id).toBe(contacts[0]!.id);
    expect(getDb().select().from(invitations).where(eq(invitations.assessmentId, assessmentId)).all()).toHaveLength(2);
    // Once the contact has used a link, reminders no longer replace it.
    getDb().update(invitations).set({ lastUsedAt: new Date() }).where(eq(invitations.tokenHash, hashToken(fresh))).run();

    // Three days before the due date, then on it.
    const beforeDue = new Date(Date.now() + 7 * DAY);
    await Promise.all([runJobs({ jobs: [remindersJob], now: beforeDue }), runJobs({ jobs: [remindersJob], now: beforeDue })]);
    const onDue = new Date(Date.now() + 10 * DAY);
    await runJobs({ jobs: [remindersJob], now: onDue });
    await runJobs({ jobs: [remindersJob], now: onDue });
    expect(reminderKeys().map((r) => r.kind).sort()).toEqual(["reminder-after-send", "reminder-before-due", "reminder-due-today"]);
    expect(getDb().select().from(invitations).where(eq(invitations.assessmentId, assessmentId)).all()).toHaveLength(2);
    expect(findUsableInvitation(fresh)).not.toBeNull();
    expect(getDb().select().from(emails).where(and(eq(emails.assessmentId, assessmentId), eq(emails.kind, "reminder-due-today"))).get()!.text).not.toContain("/invite/");
    const keys = reminderKeys().map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);

    // Overdue by the escalation days: the owner hears about it, once.
    const overdue = new Date(Date.now() + 13 * DAY);
    await Promise.all([runJobs({ jobs: [remindersJob], now: overdue }), runJobs({ jobs: [remindersJob], now: overdue })]);
    await runJobs({ jobs: [remindersJob], now: new Date(Date.now() + 14 * DAY) });
    const escalations = getDb().select().from(emails).where(and(eq(emails.assessmentId, assessmentId), eq(emails.kind, "overdue-escalation"))).all();
    expect(escalations.map((e) => e.toAddress)).toEqual([org.reviewer.user.email]);
    expect(escalations[0]!.text).toContain(supplier.name);

    // Past due date plus the grace period: expired, and no more reminders.
    await runJobs({ jobs: [remindersJob], now: new Date(Date.now() + 45 * DAY) });
    expect(getDb().select().from(assessments).where(eq(assessments.id, assessmentId)).get()!.status).toBe("expired");
  });
});

describe("next assessment dates", () => {
  it("follow the last assessment, the tier and the organisation's shorter interval, idempotently", async () => {
    const org = await makeOrgWithStaff({ reassessmentMonths: { high: 6 } });
    const { supplier } = supplierOf(org.org.id, { profile: { dataSensitivity: "sensitive-personal", dataVolume: "extensive" } });
    expect(supplier.tier).toBe("high");
    getDb().update(suppliers).set({ lastAssessedAt: new Date("2026-01-15T10:00:00Z") }).where(eq(suppliers.id, supplier.id)).run();
    const first = await runJobs({ jobs: [nextAssessmentJob] });
    expect(first[0]!.details.updated).toBeGreaterThanOrEqual(1);
    expect(getDb().select().from(suppliers).where(eq(suppliers.id, supplier.id)).get()!.nextAssessmentDue).toBe("2026-07-15");
    const again = await runJobs({ jobs: [nextAssessmentJob] });
    expect(again[0]!.details.updated).toBe(0);
  });
});
