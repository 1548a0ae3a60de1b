/**
 * Two organisations in one installation (SECURITY.md row 25): for every staff route with a
 * resource id, organisation B's users get 404 for A's ids — loaders and every action intent —
 * the response holds none of A's data, and nothing of A's changes. Lists show only B's own rows.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment } from "#db/factories/core";
import { emails, staffInvitations, subSuppliers, suppliers, users } from "#db/schema";
import { sendEmail } from "~/email/send-email.server";
import { loader as overviewLoader } from "~/routes/staff._index";
import { loader as outboxLoader } from "~/routes/staff.outbox._index";
import { loader as emailLoader } from "~/routes/staff.outbox.$emailId._index";
import { loader as emailHtmlLoader } from "~/routes/staff.outbox.$emailId.html";
import { loader as listLoader } from "~/routes/staff.suppliers._index";
import { action as pageAction, loader as pageLoader } from "~/routes/staff.suppliers.$supplierId._index";
import { action as assessmentAction, loader as assessmentLoader } from "~/routes/staff.suppliers.$supplierId.assessments.$assessmentId";
import { action as editAction, loader as editLoader } from "~/routes/staff.suppliers.$supplierId.edit";
import { action as contactAction, loader as contactLoader } from "~/routes/staff.suppliers.$supplierId.contacts.$contactId";
import { action as riskAction, loader as riskLoader } from "~/routes/staff.suppliers.$supplierId.risk";
import { action as sendAction, loader as sendLoader } from "~/routes/staff.suppliers.$supplierId.send";
import { action as usersAction, loader as usersLoader } from "~/routes/staff.users._index";
import { action as userAction, loader as userLoader } from "~/routes/staff.users.$userId";
import { isoDateIn } from "~/staff/dates";
import { args, call, get, makeOrgWithStaff, post, supplierOf, type CallResult, type Org } from "./support";

let a: Org;
let b: Org;
let secretName: string;
let ids: {
  supplierId: string;
  contactId: string;
  subSupplierId: string;
  assessmentId: string;
  bSupplierId: string;
  bAssessmentId: string;
  emailId: string;
  invitationId: string;
};

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
  secretName = `Hemmelig Leverandør ${Date.now()}`;
  const db = getDb();
  const made = supplierOf(a.org.id, { name: secretName, cvr: "10150817", notes: "fortrolig note" });
  const subSupplierId = "subsupplieraaaa1";
  db.insert(subSuppliers).values({ id: subSupplierId, orgId: a.org.id, supplierId: made.supplier.id, name: "Hemmelig Under", service: "x", country: "DK", critical: true }).run();
  const { assessment } = makeAssessment(db, { orgId: a.org.id, supplier: made.supplier, contacts: made.contacts });
  const bMade = supplierOf(b.org.id, { name: "B's egen ApS" });
  const bAssessment = makeAssessment(db, { orgId: b.org.id, supplier: bMade.supplier, contacts: bMade.contacts }).assessment;
  const email = await sendEmail({ orgId: a.org.id, to: "hemmelig@a.example", subject: `Mail om ${secretName}`, html: "<p>x</p>", text: "x", kind: "test", locale: "da" });
  db.insert(staffInvitations)
    .values({ id: "staffinvitationa1", orgId: a.org.id, email: "invitee@a.example", name: "Invitee", role: "viewer", tokenHash: `hash-${Date.now()}`, expiresAt: new Date(Date.now() + 86_400_000) })
    .run();
  ids = {
    supplierId: made.supplier.id,
    contactId: made.contacts[0]!.id,
    subSupplierId,
    assessmentId: assessment.id,
    bSupplierId: bMade.supplier.id,
    bAssessmentId: bAssessment.id,
    emailId: email.id!,
    invitationId: "staffinvitationa1",
  };
});

function expectHidden(result: CallResult, label: string) {
  expect(result.status, label).toBe(404);
  for (const secret of [secretName, "fortrolig note", "10150817", "hemmelig@a.example", a.admin.user.email, ids.contactId]) {
    expect(result.body, `${label} leaks ${secret}`).not.toContain(secret);
  }
}

describe("organisation B cannot reach organisation A's resources", () => {
  it("supplier pages and their actions", async () => {
    const s = ids.supplierId;
    const cookie = b.admin.cookie;
    const loaders: [string, () => unknown][] = [
      ["page", () => pageLoader(args(get(`/staff/suppliers/${s}`, cookie), { supplierId: s }))],
      ["edit", () => editLoader(args(get(`/staff/suppliers/${s}/edit`, cookie), { supplierId: s }))],
      ["risk", () => riskLoader(args(get(`/staff/suppliers/${s}/risk`, cookie), { supplierId: s }))],
      ["send", () => sendLoader(args(get(`/staff/suppliers/${s}/send`, cookie), { supplierId: s }))],
      ["contact", () => contactLoader(args(get(`/x`, cookie), { supplierId: s, contactId: ids.contactId }))],
      ["A's contact via B's supplier", () => contactLoader(args(get(`/x`, cookie), { supplierId: ids.bSupplierId, contactId: ids.contactId }))],
      ["assessment", () => assessmentLoader(args(get(`/staff/suppliers/${s}/assessments/${ids.assessmentId}`, cookie), { supplierId: s, assessmentId: ids.assessmentId }))],
      ["assessment via own supplier", () => assessmentLoader(args(get(`/x`, cookie), { supplierId: ids.bSupplierId, assessmentId: ids.assessmentId }))],
      ["own assessment via A's supplier", () => assessmentLoader(args(get(`/x`, cookie), { supplierId: s, assessmentId: ids.bAssessmentId }))],
    ];
    for (const [label, run] of loaders) expectHidden(await call(run), label);

    type Run = (r: Request, p: Record<string, string>) => unknown;
    type ActionCase = readonly [string, string, Record<string, string | string[]>, Run, Record<string, string>];
    const actions: ActionCase[] = [
      ["override", `/staff/suppliers/${s}`, { intent: "override-tier", tier: "low", reason: "Forsøg fra anden organisation" }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["clear override", `/staff/suppliers/${s}`, { intent: "clear-override", reason: "Forsøg fra anden organisation" }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["add contact", `/staff/suppliers/${s}`, { intent: "save-contact", name: "X", email: "x@x.example", locale: "da" }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["remove contact", `/staff/suppliers/${s}`, { intent: "remove-contact", id: ids.contactId }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["remove A's contact via B's supplier", `/x`, { intent: "remove-contact", id: ids.contactId }, (r, p) => pageAction(args(r, p)), { supplierId: ids.bSupplierId }],
      ["make security", `/staff/suppliers/${s}`, { intent: "make-security-contact", id: ids.contactId }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["add sub-supplier", `/staff/suppliers/${s}`, { intent: "add-sub-supplier", name: "X", service: "Y", country: "DK", critical: "no" }, (r, p) => pageAction(args(r, p)), { supplierId: s }],
      ["remove sub-supplier", `/x`, { intent: "remove-sub-supplier", id: ids.subSupplierId }, (r, p) => pageAction(args(r, p)), { supplierId: ids.bSupplierId }],
      ["edit contact", `/x`, { intent: "save-contact", name: "X", email: "x@x.example", locale: "da" }, (r, p) => contactAction(args(r, p)), { supplierId: s, contactId: ids.contactId }],
      ["edit A's contact via B's supplier", `/x`, { intent: "save-contact", name: "X", email: "x@x.example", locale: "da" }, (r, p) => contactAction(args(r, p)), { supplierId: ids.bSupplierId, contactId: ids.contactId }],
      ["edit", `/staff/suppliers/${s}/edit`, { name: "Overtaget", country: "DK" }, (r, p) => editAction(args(r, p)), { supplierId: s }],
      ["risk", `/staff/suppliers/${s}/risk`, { dataSensitivity: "none", dataVolume: "none", businessCritical: "no", criticalInfrastructure: "no", deliveryType: "standard", dataLocation: "denmark", accessLevel: "none", operationalResponsibility: "no", incidentCount: "0", cooperation: "good" }, (r, p) => riskAction(args(r, p)), { supplierId: s }],
      ["send", `/staff/suppliers/${s}/send`, { questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds: [ids.contactId] }, (r, p) => sendAction(args(r, p)), { supplierId: s }],
      ["send to A's contact from B's supplier", `/x`, { questionnaireId: "due-diligence", dueDate: isoDateIn(30, new Date()), contactIds: [ids.contactId] }, (r, p) => sendAction(args(r, p)), { supplierId: ids.bSupplierId }],
      ...(["resend", "add-contact", "extend", "revoke"] as const).map(
        (intent) =>
          [
            intent,
            `/staff/suppliers/${s}/assessments/${ids.assessmentId}`,
            { intent, contactId: ids.contactId, locale: "da", dueDate: isoDateIn(90, new Date()), reason: "Forsøg fra anden organisation" },
            ((r, p) => assessmentAction(args(r, p))) as Run,
            { supplierId: s, assessmentId: ids.assessmentId },
          ] as const,
      ),
    ];
    for (const [label, path, fields, run, params] of actions) {
      expectHidden(await call(() => run(post(path, cookie, fields), params)), label);
    }
    const row = getDb().select().from(suppliers).where(eq(suppliers.id, s)).get()!;
    expect(row.name).toBe(secretName);
    expect(row.tierOverride).toBeNull();
    expect(getDb().select().from(subSuppliers).where(eq(subSuppliers.id, ids.subSupplierId)).get()).toBeDefined();
  });

  it("users, invitations and the outbox", async () => {
    const cookie = b.admin.cookie;
    const userId = a.reviewer.user.id;
    expectHidden(await call(() => userLoader(args(get(`/staff/users/${userId}`, cookie), { userId }))), "user page");
    for (const fields of [{ intent: "change-role", role: "admin" }, { intent: "disable" }] as Record<string, string>[]) {
      expectHidden(await call(() => userAction(args(post(`/staff/users/${userId}`, cookie, fields), { userId }))), `user ${fields.intent}`);
    }
    expect(getDb().select().from(users).where(eq(users.id, userId)).get()).toMatchObject({ role: "reviewer", disabledAt: null });
    expectHidden(await call(() => usersAction(args(post("/staff/users", cookie, { intent: "revoke-invitation", id: ids.invitationId })))), "revoke invitation");
    expect(getDb().select().from(staffInvitations).where(eq(staffInvitations.id, ids.invitationId)).get()!.revokedAt).toBeNull();
    expectHidden(await call(() => emailLoader(args(get(`/staff/outbox/${ids.emailId}`, cookie), { emailId: ids.emailId }))), "outbox email");
    expectHidden(await call(() => emailHtmlLoader(args(get(`/staff/outbox/${ids.emailId}/html`, cookie), { emailId: ids.emailId }))), "outbox html");
    expect(getDb().select().from(emails).where(eq(emails.id, ids.emailId)).get()).toBeDefined();
  });

  it("lists and the overview hold only B's own data", async () => {
    const lists: [string, () => unknown][] = [
      ["suppliers", () => listLoader(args(get("/staff/suppliers?q=Hemmelig", b.viewer.cookie)))],
      ["all suppliers", () => listLoader(args(get("/staff/suppliers", b.viewer.cookie)))],
      ["overview", () => overviewLoader(args(get("/staff", b.viewer.cookie)))],
      ["outbox", () => outboxLoader(args(get("/staff/outbox", b.admin.cookie)))],
      ["users", () => usersLoader(args(get("/staff/users", b.admin.cookie)))],
    ];
    for (const [label, run] of lists) {
      const result = await call(run);
      expect(result.status, label).toBe(200);
      for (const secret of [secretName, "hemmelig@a.example", a.admin.user.email, "invitee@a.example"]) expect(result.body, `${label} leaks ${secret}`).not.toContain(secret);
    }
  });

  it("A's own users do see it (the test data is real)", async () => {
    const page = await call(() => pageLoader(args(get(`/staff/suppliers/${ids.supplierId}`, a.viewer.cookie), { supplierId: ids.supplierId })));
    expect(page.body).toContain(secretName);
    const email = await call(() => emailLoader(args(get(`/staff/outbox/${ids.emailId}`, a.admin.cookie), { emailId: ids.emailId })));
    expect(email.body).toContain("hemmelig@a.example");
  });
});

describe("roles", () => {
  it("viewers cannot act anywhere; admin-only pages refuse reviewers", async () => {
    const s = ids.supplierId;
    const v = a.viewer.cookie;
    const refused = [
      await call(() => pageAction(args(post(`/staff/suppliers/${s}`, v, { intent: "save-contact", name: "X", email: "x@x.example", locale: "da" }), { supplierId: s }))),
      await call(() => editAction(args(post(`/staff/suppliers/${s}/edit`, v, { name: "X", country: "DK" }), { supplierId: s }))),
      await call(() => editLoader(args(get(`/staff/suppliers/${s}/edit`, v), { supplierId: s }))),
      await call(() => riskAction(args(post(`/staff/suppliers/${s}/risk`, v, {}), { supplierId: s }))),
      await call(() => sendLoader(args(get(`/staff/suppliers/${s}/send`, v), { supplierId: s }))),
      await call(() => sendAction(args(post(`/staff/suppliers/${s}/send`, v, {}), { supplierId: s }))),
      await call(() => assessmentAction(args(post(`/x`, v, { intent: "revoke", reason: "nej nej nej" }), { supplierId: s, assessmentId: ids.assessmentId }))),
      await call(() => outboxLoader(args(get("/staff/outbox", a.reviewer.cookie)))),
      await call(() => emailLoader(args(get(`/staff/outbox/${ids.emailId}`, a.reviewer.cookie), { emailId: ids.emailId }))),
      await call(() => usersLoader(args(get("/staff/users", a.reviewer.cookie)))),
      await call(() => userLoader(args(get(`/staff/users/${a.viewer.user.id}`, a.reviewer.cookie), { userId: a.viewer.user.id }))),
    ];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 403));
    // Not signed in at all: sent to the login page with a same-site redirectTo.
    const anonymous = await call(() => listLoader(args(get("/staff/suppliers?tier=high"))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fsuppliers%3Ftier%3Dhigh");
  });
});
