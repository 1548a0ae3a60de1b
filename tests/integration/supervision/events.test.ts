/**
 * Incidents and changes (CFCS 5.5): staff record them, the supplier reports them through its
 * standing report link; each lands on the timeline, audited, and moves the next assessment (or
 * asks for a reassessment) by the organisation's rule. Bad input, another organisation's ids and
 * unusable links change nothing.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { auditLog, organisations, supplierEvents, supplierReportLinks, suppliers } from "#db/schema";
import { runJobs } from "~/jobs/job-runner.server";
import { nextAssessmentJob } from "~/reminders/reminders.server";
import { action as reportAction, loader as reportLoader } from "~/routes/report.$token";
import { action as eventsAction, loader as eventsLoader } from "~/routes/staff.suppliers.$supplierId.events";
import { loader as pageLoader } from "~/routes/staff.suppliers.$supplierId._index";
import { loader as riskLoader } from "~/routes/staff.suppliers.$supplierId.risk";
import { action as rulesAction, loader as rulesLoader } from "~/routes/staff.settings_.events";
import { action as settingsAction } from "~/routes/staff.settings";
import { addDaysIso, isoDate } from "~/staff/dates";
import { args, call, get, makeOrgWithStaff, post, supplierOf, type Org } from "../staff/support";
import { dumpDatabase, freshIp } from "../supplier/support";

let a: Org;
let b: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff({ eventRules: { incident: { action: "move", days: 10 }, data_location: { action: "reassess" } } });
  b = await makeOrgWithStaff();
});

const today = isoDate(new Date());
const daysAgo = (n: number) => addDaysIso(today, -n);

/** An assessed supplier whose next assessment is a year after the last one. */
function assessedSupplier(orgId: string) {
  const lastAssessedAt = new Date(Date.now() - 30 * 86_400_000);
  const made = supplierOf(orgId, { tier: "high", lastAssessedAt, nextAssessmentDue: isoDate(new Date(lastAssessedAt.getTime() + 365 * 86_400_000)) });
  return made.supplier;
}

const supplierRow = (id: string) => getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!;
const eventsOf = (id: string) => getDb().select().from(supplierEvents).where(eq(supplierEvents.supplierId, id)).all();
/** The tables a refused request must leave alone. */
const watched = () => {
  const all = dumpDatabase();
  return { events: all.supplier_events, suppliers: all.suppliers, links: all.supplier_report_links, audit: all.audit_log, organisations: all.organisations };
};

const recordEvent = (supplierId: string, fields: Record<string, string>, cookie = a.reviewer.cookie) =>
  call(() => eventsAction(args(post(`/staff/suppliers/${supplierId}/events`, cookie, { intent: "record-event", ...fields }), { supplierId })));

describe("staff record an incident or change", () => {
  it("an incident lands on the timeline, audited, and moves the next assessment to its date + the rule's days", async () => {
    const supplier = assessedSupplier(a.org.id);
    const result = await recordEvent(supplier.id, { kind: "incident", occurredOn: daysAgo(2), description: "Phishing mod driftsteamet" });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/staff/suppliers/${supplier.id}?notice=event#events-heading`);
    const [event] = eventsOf(supplier.id);
    expect(event).toMatchObject({ kind: "incident", source: "staff", recordedBy: a.reviewer.user.id, movedTo: addDaysIso(daysAgo(2), 10), reassessmentRequested: false });
    expect(supplierRow(supplier.id).nextAssessmentDue).toBe(addDaysIso(daysAgo(2), 10));
    const audit = listAudit(getDb(), a.org.id, { targetType: "supplier", targetId: supplier.id });
    expect(audit.map((e) => e.action)).toContain("supplier.event.recorded");

    const page = (await call(() => pageLoader(args(get(`/staff/suppliers/${supplier.id}`, a.viewer.cookie), { supplierId: supplier.id })))).value as {
      timeline: { events: { description: string; movedTo: string | null }[]; reassessmentRequested: boolean };
    };
    expect(page.timeline.events[0]).toMatchObject({ description: "Phishing mod driftsteamet", movedTo: addDaysIso(daysAgo(2), 10) });
    expect(page.timeline.reassessmentRequested).toBe(false);
  });

  it("the schedule job keeps the moved date (it passes recorded events to nextAssessment())", async () => {
    const supplier = assessedSupplier(a.org.id);
    await recordEvent(supplier.id, { kind: "incident", occurredOn: daysAgo(1), description: "Ransomware hos underleverandør" });
    await runJobs({ jobs: [nextAssessmentJob] });
    expect(supplierRow(supplier.id).nextAssessmentDue).toBe(addDaysIso(daysAgo(1), 10));
  });

  it("a change of data location asks for a reassessment at once under a reassess rule; the page says so", async () => {
    const supplier = assessedSupplier(a.org.id);
    await recordEvent(supplier.id, { kind: "data_location", occurredOn: daysAgo(3), description: "Data flyttet til USA" });
    expect(eventsOf(supplier.id)[0]).toMatchObject({ reassessmentRequested: true, movedTo: null });
    expect(supplierRow(supplier.id).nextAssessmentDue).toBe(today);
    const page = (await call(() => pageLoader(args(get(`/staff/suppliers/${supplier.id}`, a.viewer.cookie), { supplierId: supplier.id })))).value as {
      timeline: { reassessmentRequested: boolean };
    };
    expect(page.timeline.reassessmentRequested).toBe(true);
  });

  it("the risk page shows recorded incidents of the last 12 months beside the typed count, which stays as typed", async () => {
    const supplier = assessedSupplier(a.org.id);
    await recordEvent(supplier.id, { kind: "incident", occurredOn: daysAgo(10), description: "Hændelse 1" });
    await recordEvent(supplier.id, { kind: "incident", occurredOn: daysAgo(400), description: "Gammel hændelse" });
    await recordEvent(supplier.id, { kind: "sub_supplier", occurredOn: daysAgo(5), description: "Ny hostingpartner" });
    const risk = (await call(() => riskLoader(args(get(`/staff/suppliers/${supplier.id}/risk`, a.reviewer.cookie), { supplierId: supplier.id })))).value as {
      recordedIncidents: number;
      defaults: Record<string, string>;
    };
    expect(risk.recordedIncidents).toBe(1);
    expect(risk.defaults.incidentCount).toBe("0");
  });

  it("bad input gets a localised error and changes nothing", async () => {
    const supplier = assessedSupplier(a.org.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ kind: "burglary", occurredOn: daysAgo(1), description: "x" }, "kind", "validation.invalidChoice"],
      [{ kind: "incident", occurredOn: "2026-02-30", description: "x" }, "occurredOn", "validation.date"],
      [{ kind: "incident", occurredOn: addDaysIso(today, 2), description: "x" }, "occurredOn", "supervision.validation.eventInFuture"],
      [{ kind: "incident", occurredOn: daysAgo(1), description: "   " }, "description", "validation.required"],
    ];
    for (const [fields, field, message] of cases) {
      const before = watched();
      const result = await recordEvent(supplier.id, fields);
      expect(result.status).toBe(400);
      expect((result.value as { result: { error: Record<string, string[]> } }).result.error[field]).toEqual([message]);
      expect(watched()).toEqual(before);
    }
  });

  it("a viewer may not record; another organisation's supplier is 404 and unchanged", async () => {
    const supplier = assessedSupplier(a.org.id);
    expect((await recordEvent(supplier.id, { kind: "incident", occurredOn: daysAgo(1), description: "x" }, a.viewer.cookie)).status).toBe(403);
    const theirs = assessedSupplier(b.org.id);
    const before = watched();
    expect((await recordEvent(theirs.id, { kind: "incident", occurredOn: daysAgo(1), description: "x" })).status).toBe(404);
    expect((await call(() => eventsLoader(args(get(`/staff/suppliers/${theirs.id}/events`, a.reviewer.cookie), { supplierId: theirs.id })))).status).toBe(404);
    const issue = await call(() => eventsAction(args(post(`/staff/suppliers/${theirs.id}/events`, a.reviewer.cookie, { intent: "issue-link" }), { supplierId: theirs.id })));
    expect(issue.status).toBe(404);
    expect(watched()).toEqual({ ...before, audit: watched().audit });
    expect(eventsOf(theirs.id)).toEqual([]);
    expect(getDb().select().from(supplierReportLinks).where(eq(supplierReportLinks.supplierId, theirs.id)).all()).toEqual([]);
  });
});

const context = (ip: string) => ({ requestId: "t", nonce: "n", ip });
const visit = (token: string, ip: string) => call(() => reportLoader(args(get(`/report/${token}`), { token }, context(ip))));
const report = (token: string, fields: Record<string, string>, ip: string) => call(() => reportAction(args(post(`/report/${token}`, "", fields), { token }, context(ip))));

async function issueLink(supplierId: string): Promise<string> {
  const result = await call(() => eventsAction(args(post(`/staff/suppliers/${supplierId}/events`, a.reviewer.cookie, { intent: "issue-link" }), { supplierId })));
  expect(result.status).toBe(200);
  const url = (result.value as { linkUrl: string }).linkUrl;
  const token = /\/report\/([a-z2-7]+)$/.exec(url)![1]!;
  return token;
}

describe("the supplier's report link", () => {
  it("stores only the token's hash; GET changes nothing; the report is recorded, moves the date, and redirects away from the token", async () => {
    const supplier = assessedSupplier(a.org.id);
    const token = await issueLink(supplier.id);
    expect(JSON.stringify(dumpDatabase())).not.toContain(token);

    const ip = freshIp();
    const before = dumpDatabase();
    const page = await visit(token, ip);
    expect(page.status).toBe(200);
    expect(page.value).toMatchObject({ supplierName: supplier.name, organisationName: a.org.name });
    expect(dumpDatabase()).toEqual(before);

    const result = await report(token, { kind: "incident", occurredOn: daysAgo(1), description: "Kompromitteret konto", reporterName: "Sara Sikkerhed" }, ip);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/report/received");
    expect(result.headers.get("Referrer-Policy")).toBe("no-referrer");
    const [event] = eventsOf(supplier.id);
    expect(event).toMatchObject({ source: "supplier", reporterName: "Sara Sikkerhed", recordedBy: null, movedTo: addDaysIso(daysAgo(1), 10) });
    expect(supplierRow(supplier.id).nextAssessmentDue).toBe(addDaysIso(daysAgo(1), 10));
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.action, "supplier.event.recorded"), eq(auditLog.targetId, supplier.id))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ orgId: a.org.id, actorType: "supplier", actorLabel: "Sara Sikkerhed" });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("bad input through the link gets a localised error and changes nothing", async () => {
    const supplier = assessedSupplier(a.org.id);
    const token = await issueLink(supplier.id);
    const before = watched();
    const result = await report(token, { kind: "meteor", occurredOn: daysAgo(1), description: "x", reporterName: "" }, freshIp());
    expect(result.status).toBe(400);
    const errors = (result.value as { error: Record<string, string[]> }).error;
    expect(errors.kind).toEqual(["validation.invalidChoice"]);
    expect(errors.reporterName).toEqual(["validation.required"]);
    expect(watched()).toEqual(before);
  });

  it("revoked, replaced and unknown links all get the same 404 and change nothing", async () => {
    const supplier = assessedSupplier(a.org.id);
    const revoked = await issueLink(supplier.id);
    const revoke = await call(() => eventsAction(args(post(`/staff/suppliers/${supplier.id}/events`, a.reviewer.cookie, { intent: "revoke-link" }), { supplierId: supplier.id })));
    expect(revoke.value).toMatchObject({ revoked: true });
    const replaced = await issueLink(supplier.id);
    await issueLink(supplier.id);
    const answers = [];
    for (const token of [revoked, replaced, "a".repeat(32), "not-a-token"]) {
      const ip = freshIp();
      const before = watched();
      const seen = await visit(token, ip);
      const posted = await report(token, { kind: "incident", occurredOn: daysAgo(1), description: "x", reporterName: "X" }, ip);
      expect(seen.status).toBe(404);
      expect(posted.status).toBe(404);
      expect(watched()).toEqual(before);
      answers.push(seen.body, posted.body);
    }
    expect(new Set(answers).size).toBe(1);
    expect(eventsOf(supplier.id)).toEqual([]);
  });

  it("guesses are throttled per IP: after 10 misses even a working link gets 429", async () => {
    const supplier = assessedSupplier(a.org.id);
    const token = await issueLink(supplier.id);
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await visit(`${"b".repeat(31)}${"abcdefghij"[i]}`, ip)).status).toBe(404);
    expect((await visit(token, ip)).status).toBe(429);
    expect((await report(token, { kind: "incident", occurredOn: daysAgo(1), description: "x", reporterName: "X" }, ip)).status).toBe(429);
    expect(eventsOf(supplier.id)).toEqual([]);
    expect((await visit(token, freshIp())).status).toBe(200);
  });
});

describe("the organisation's rule in settings", () => {
  const rules = (fields: Record<string, string>, cookie: string) => call(() => rulesAction(args(post("/staff/settings/events", cookie, fields))));
  const valid = { action_incident: "reassess", action_sub_supplier: "move", days_sub_supplier: "45", action_service_change: "move", days_service_change: "60", action_data_location: "move", days_data_location: "7" };
  const settingsOf = (orgId: string) => getDb().select().from(organisations).where(eq(organisations.id, orgId)).get()!.settings;

  it("an admin saves it (audited); the general settings form keeps it", async () => {
    const org = await makeOrgWithStaff();
    expect((await call(() => rulesLoader(args(get("/staff/settings/events", org.admin.cookie))))).value).toMatchObject({ defaults: { action_incident: "move", days_incident: "30" } });
    expect((await rules(valid, org.admin.cookie)).value).toMatchObject({ saved: true });
    expect(settingsOf(org.org.id).eventRules).toEqual({
      incident: { action: "reassess" },
      sub_supplier: { action: "move", days: 45 },
      service_change: { action: "move", days: 60 },
      data_location: { action: "move", days: 7 },
    });
    expect(listAudit(getDb(), org.org.id, {}).map((e) => e.action)).toContain("organisation.event-rules.updated");
    const general = await call(() =>
      settingsAction(args(post("/staff/settings", org.admin.cookie, { defaultLocale: "en", daysAfterSend: "7", daysBeforeDue: "3", escalateAfterDays: "3", onDueDate: "on" }))),
    );
    expect(general.status).toBe(200);
    expect(settingsOf(org.org.id).defaultLocale).toBe("en");
    expect(settingsOf(org.org.id).eventRules?.incident).toEqual({ action: "reassess" });
  });

  it("bad days or an unknown action get a localised error and change nothing; a reviewer is refused", async () => {
    const org = await makeOrgWithStaff();
    const before = settingsOf(org.org.id);
    const bad = await rules({ ...valid, days_sub_supplier: "400", action_service_change: "ignore" }, org.admin.cookie);
    expect(bad.status).toBe(400);
    const errors = (bad.value as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.days_sub_supplier).toEqual(["supervision.validation.ruleDays"]);
    expect(errors.action_service_change).toEqual(["validation.invalidChoice"]);
    expect(settingsOf(org.org.id)).toEqual(before);
    expect((await rules(valid, org.reviewer.cookie)).status).toBe(403);
    expect(settingsOf(org.org.id)).toEqual(before);
  });
});
