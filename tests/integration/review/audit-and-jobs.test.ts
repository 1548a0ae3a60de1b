import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { assessments, emails, flags, remediationItems } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { runJobs } from "~/jobs/job-runner.server";
import { remediationRemindersJob } from "~/remediation/remediation.server";
import { flagAcceptanceLapseJob } from "~/review/flag-lapse.server";
import { action as decideAction, loader as reviewLoader } from "~/routes/staff.assessments.$assessmentId";
import { loader as auditLoader } from "~/routes/staff.audit";
import { loader as exportLoader } from "~/routes/staff.audit.export";
import { action as closeAction, loader as closeLoader } from "~/routes/staff.remediation.$itemId";
import { args, call, get, makeOrgWithStaff, post, submitted } from "./support";

type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;
let a: Org;
let b: Org;
const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

async function approveWithCondition(org: Org, deadline: string, ownerSide: "supplier" | "customer" = "supplier") {
  const made = submitted(org.org.id, { name: "Betingelse ApS", contacts: [{ name: "Sikkerhedskontakt", email: `sec-${Math.random().toString(36).slice(2)}@x.example`, locale: "en", isSecurityContact: true }] });
  const result = await call(() =>
    decideAction(
      args(
        post(`/staff/assessments/${made.assessment.id}`, org.reviewer.cookie, {
          intent: "decide",
          decision: "approved_with_conditions",
          reason: "Betinget godkendt",
          "conditions[0].text": "Lever pentest-rapport",
          "conditions[0].ownerSide": ownerSide,
          "conditions[0].ownerName": "Ansvarlig Person",
          "conditions[0].deadline": deadline,
        }),
        { assessmentId: made.assessment.id },
      ),
    ),
  );
  expect(result.status).toBe(303);
  const item = getDb().select().from(remediationItems).where(eq(remediationItems.assessmentId, made.assessment.id)).get()!;
  return { made, item };
}

describe("audit page and export", () => {
  it("is for admins and viewers; reviewers get 403", async () => {
    expect((await call(() => auditLoader(args(get("/staff/audit", a.admin.cookie))))).status).toBe(200);
    expect((await call(() => auditLoader(args(get("/staff/audit", a.viewer.cookie))))).status).toBe(200);
    expect((await call(() => auditLoader(args(get("/staff/audit", a.reviewer.cookie))))).status).toBe(403);
    expect((await call(() => exportLoader(args(get("/staff/audit/export", a.reviewer.cookie))))).status).toBe(403);
  });

  it("filters by action, actor and date, shows only the organisation's rows, and refuses bad filters", async () => {
    recordAudit({ orgId: a.org.id, actor: { type: "staff", id: a.admin.user.id, label: a.admin.user.name }, action: "organisation.settings.updated", details: { before: { x: 1 }, after: { x: 2 } } });
    recordAudit({ orgId: b.org.id, actor: { type: "staff", id: b.admin.user.id, label: "Anden org" }, action: "organisation.settings.updated" });
    const page = (await call(() => auditLoader(args(get("/staff/audit?action=organisation.settings.updated", a.viewer.cookie))))).value as { rows: { action: string; actor: string }[] };
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.action === "organisation.settings.updated" && r.actor !== "Anden org")).toBe(true);
    const byActor = (await call(() => auditLoader(args(get(`/staff/audit?actor=${b.admin.user.id}`, a.viewer.cookie))))).value as { rows: unknown[] };
    expect(byActor.rows).toEqual([]);
    const future = (await call(() => auditLoader(args(get(`/staff/audit?from=${iso(new Date(Date.now() + 2 * DAY))}`, a.viewer.cookie))))).value as { rows: unknown[] };
    expect(future.rows).toEqual([]);
    for (const query of ["?from=2026-13-01", "?action=%3Cx%3E", "?page=-1"]) {
      expect((await call(() => auditLoader(args(get(`/staff/audit${query}`, a.viewer.cookie))))).status, query).toBe(400);
    }
  });

  it("exports CSV with the same filters, guarded against formula injection", async () => {
    recordAudit({ orgId: a.org.id, actor: { type: "staff", id: a.admin.user.id, label: "=HYPERLINK(\"x\")" }, action: "staff.recovery-codes.regenerated" });
    const result = await call(() => exportLoader(args(get("/staff/audit/export?action=staff.recovery-codes.regenerated", a.admin.cookie))));
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = result.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor_type,actor_id,actor,action,action_label,target_type,target_id,ip,details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    // The stored action for machines, then its label in the reader's language.
    expect(lines[1]).toContain(`"staff.recovery-codes.regenerated","Nye gendannelseskoder oprettet"`);
    const english = await call(() =>
      exportLoader(args(new Request("http://localhost:3000/staff/audit/export?action=staff.recovery-codes.regenerated", { headers: { Cookie: `${a.admin.cookie}; lang=en` } }))),
    );
    expect(english.body).toContain(`"staff.recovery-codes.regenerated","New recovery codes created"`);
  });

  it("is append-only: UPDATE and DELETE on audit_log fail", () => {
    const sqlite = getDb().$client;
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'tampered' WHERE org_id = ?").run(a.org.id)).toThrow();
    expect(() => sqlite.prepare("DELETE FROM audit_log WHERE org_id = ?").run(a.org.id)).toThrow();
    expect(listAudit(getDb(), a.org.id, { action: "tampered" })).toEqual([]);
  });

  it("shows every review step in the assessment's history", async () => {
    const { made } = await approveWithCondition(a, iso(new Date(Date.now() + 30 * DAY)));
    const page = (await call(() => reviewLoader(args(get(`/staff/assessments/${made.assessment.id}`, a.viewer.cookie), { assessmentId: made.assessment.id })))).value as {
      history: { action: string }[];
    };
    expect(page.history.map((h) => h.action)).toContain("assessment.decided");
    const audit = (await call(() => auditLoader(args(get(`/staff/audit?assessment=${made.assessment.id}`, a.viewer.cookie))))).value as {
      rows: { action: string; targetId: string }[];
    };
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(audit.rows.every((row) => row.targetId === made.assessment.id)).toBe(true);
    expect(audit.rows.map((row) => row.action)).toContain("assessment.decided");
  });
});

describe("closing a remediation item", () => {
  it("needs a note, is audited, and is refused to viewers and other organisations", async () => {
    const { item } = await approveWithCondition(a, iso(new Date(Date.now() + 30 * DAY)));
    const path = `/staff/remediation/${item.id}`;
    expect((await call(() => closeLoader(args(get(path, b.reviewer.cookie), { itemId: item.id })))).status).toBe(404);
    expect((await call(() => closeAction(args(post(path, b.reviewer.cookie, { intent: "close-remediation", itemId: item.id, note: "x" }), { itemId: item.id })))).status).toBe(404);
    expect((await call(() => closeAction(args(post(path, a.viewer.cookie, { intent: "close-remediation", itemId: item.id, note: "x" }), { itemId: item.id })))).status).toBe(403);
    const empty = await call(() => closeAction(args(post(path, a.reviewer.cookie, { intent: "close-remediation", itemId: item.id, note: "" }), { itemId: item.id })));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.value)).toContain("validation.required");
    expect(getDb().select().from(remediationItems).where(eq(remediationItems.id, item.id)).get()!.status).toBe("open");

    const ok = await call(() =>
      closeAction(args(post(path, a.reviewer.cookie, { intent: "close-remediation", itemId: item.id, note: "Rapport modtaget", returnTo: "//evil.test" }), { itemId: item.id })),
    );
    expect(ok.status).toBe(303);
    expect((ok.value as Response).headers.get("Location")).toBe("/staff/review");
    expect(getDb().select().from(remediationItems).where(eq(remediationItems.id, item.id)).get()).toMatchObject({ status: "closed", closingNote: "Rapport modtaget" });
    expect(listAudit(getDb(), a.org.id, { action: "remediation.closed" })).toHaveLength(1);
  });
});

describe("jobs", () => {
  it("remediation reminders go before and after the deadline, once each, in the recipient's language", async () => {
    const now = new Date();
    const { item } = await approveWithCondition(a, iso(new Date(now.getTime() + 5 * DAY)));
    const reminders = () => getDb().select().from(emails).where(like(emails.dedupeKey, `remediation:${item.id}:%`)).all();

    await runJobs({ jobs: [remediationRemindersJob], now });
    await runJobs({ jobs: [remediationRemindersJob], now });
    expect(reminders().map((e) => e.dedupeKey)).toEqual([`remediation:${item.id}:before`]);
    expect(reminders()[0]!.locale).toBe("en");
    expect(reminders()[0]!.text).toContain("Lever pentest-rapport");

    const overdue = new Date(now.getTime() + 7 * DAY);
    await runJobs({ jobs: [remediationRemindersJob], now: overdue });
    await runJobs({ jobs: [remediationRemindersJob], now: overdue });
    expect(reminders().map((e) => e.dedupeKey).sort()).toEqual([`remediation:${item.id}:before`, `remediation:${item.id}:overdue-0`]);
    await runJobs({ jobs: [remediationRemindersJob], now: new Date(now.getTime() + 14 * DAY) });
    expect(reminders()).toHaveLength(3);
  });

  it("customer-side conditions remind the responsible staff member with a link", async () => {
    const now = new Date();
    const { item } = await approveWithCondition(a, iso(new Date(now.getTime() + 2 * DAY)), "customer");
    await runJobs({ jobs: [remediationRemindersJob], now });
    const mail = getDb().select().from(emails).where(eq(emails.dedupeKey, `remediation:${item.id}:before`)).get()!;
    expect(mail.toAddress).toBe(a.reviewer.user.email);
    expect(mail.text).toContain(`/staff/assessments/${item.assessmentId}`);
  });

  it("a lapsed risk acceptance raises the flag again, recounts for the queue and is audited", async () => {
    const made = submitted(a.org.id, { tier: "critical" }, { answers: { "customer-access-mfa": "exception-needed" } });
    const flag = getDb().select().from(flags).where(and(eq(flags.assessmentId, made.assessment.id), eq(flags.flagType, "mfa-exception"))).get()!;
    const until = iso(new Date(Date.now() + 10 * DAY));
    const accepted = await call(() =>
      decideAction(args(post(`/staff/assessments/${made.assessment.id}`, a.reviewer.cookie, { intent: "accept-flag", flagId: flag.id, reason: "Midlertidig", until }), { assessmentId: made.assessment.id })),
    );
    expect(accepted.status).toBe(303);
    const counted = () => getDb().select().from(assessments).where(eq(assessments.id, made.assessment.id)).get()!.criticalFlagCount;
    const acceptedCount = counted();

    // Before expiry nothing happens; the page shows it as accepted.
    await runJobs({ jobs: [flagAcceptanceLapseJob], now: new Date(Date.now() + 5 * DAY) });
    expect(getDb().select().from(flags).where(eq(flags.id, flag.id)).get()!.status).toBe("accepted");

    const later = new Date(Date.now() + 11 * DAY);
    await runJobs({ jobs: [flagAcceptanceLapseJob], now: later });
    await runJobs({ jobs: [flagAcceptanceLapseJob], now: later });
    expect(getDb().select().from(flags).where(eq(flags.id, flag.id)).get()!.status).toBe("open");
    expect(counted()).toBe(acceptedCount + 1);
    expect(listAudit(getDb(), a.org.id, { action: "flag.acceptance_lapsed", targetId: made.assessment.id })).toHaveLength(1);
  });
});
