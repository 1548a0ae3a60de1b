import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { riskProfiles, subSuppliers, supplierContacts, suppliers } from "#db/schema";
import { loader as listLoader } from "~/routes/staff.suppliers._index";
import { action as createAction, loader as createLoader } from "~/routes/staff.suppliers.new";
import { action as pageAction, loader as pageLoader } from "~/routes/staff.suppliers.$supplierId._index";
import { action as editAction } from "~/routes/staff.suppliers.$supplierId.edit";
import { action as contactAction, loader as contactLoader } from "~/routes/staff.suppliers.$supplierId.contacts.$contactId";
import { action as riskAction } from "~/routes/staff.suppliers.$supplierId.risk";
import { args, call, get, makeOrgWithStaff, post, supplierOf, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

export const CRITICAL_PROFILE = {
  dataSensitivity: "sensitive-personal",
  dataVolume: "extensive",
  businessCritical: "yes",
  criticalInfrastructure: "no",
  deliveryType: "specialised",
  dataLocation: "eu",
  accessLevel: "admin",
  operationalResponsibility: "yes",
  annualContractValueDkk: "2500000",
  incidentCount: "1",
  cooperation: "good",
};

function supplierFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Driftscenter Nord A/S",
    cvr: "10150817",
    country: "DK",
    services: "Drift af ESDH",
    notes: "",
    "contacts[0].name": "Sara Sikkerhed",
    "contacts[0].email": "sara@driftscenter.example",
    "contacts[0].locale": "da",
    "contacts[1].name": "John Smith",
    "contacts[1].email": "john@driftscenter.example",
    "contacts[1].locale": "en",
    securityContact: "0",
    "subSuppliers[0].name": "Cloud Hosting GmbH",
    "subSuppliers[0].service": "IaaS",
    "subSuppliers[0].country": "DE",
    "subSuppliers[0].critical": "yes",
    ...CRITICAL_PROFILE,
    ...overrides,
  };
}

const create = (fields: Record<string, string>, cookie = a.reviewer.cookie) => call(() => createAction(args(post("/staff/suppliers/new", cookie, fields))));

describe("creating a supplier", () => {
  it("saves supplier, contacts, sub-suppliers and risk profile; the tier and its reasons show", async () => {
    const result = await create(supplierFields());
    expect(result.status).toBe(303);
    const id = /\/staff\/suppliers\/([a-z2-7]+)/.exec(result.headers.get("Location")!)![1]!;
    const supplier = getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!;
    expect(supplier.orgId).toBe(a.org.id);
    expect(supplier.tier).toBe("critical");
    expect(supplier.nextAssessmentDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const contacts = getDb().select().from(supplierContacts).where(eq(supplierContacts.supplierId, id)).all();
    expect(contacts.filter((c) => c.isSecurityContact).map((c) => c.email)).toEqual(["sara@driftscenter.example"]);
    expect(getDb().select().from(subSuppliers).where(eq(subSuppliers.supplierId, id)).all()).toHaveLength(1);
    expect(getDb().select().from(riskProfiles).where(eq(riskProfiles.supplierId, id)).get()?.accessLevel).toBe("admin");
    const page = (await call(() => pageLoader(args(get(`/staff/suppliers/${id}`, a.viewer.cookie), { supplierId: id })))).value as {
      tierResult: { tier: string; reasons: { code: string }[] };
      plan: { control: string }[];
      canEdit: boolean;
    };
    expect(page.tierResult.tier).toBe("critical");
    expect(page.tierResult.reasons.map((r) => r.code)).toContain("points-threshold");
    expect(page.tierResult.reasons).toHaveLength(13); // 11 parameters (5.1 parameter 5 has two axes), the threshold, one floor
    expect(page.plan.map((p) => p.control)).toContain("penetration-test");
    expect(page.canEdit).toBe(false);
    expect(listAudit(getDb(), a.org.id, { action: "supplier.created", targetId: id })).toHaveLength(1);
  });

  const bad: [string, Record<string, string>, string][] = [
    ["missing name", { name: "" }, "validation.required"],
    ["CVR with 7 digits", { cvr: "1234567" }, "staff.validation.cvrFormat"],
    ["CVR failing modulus 11", { cvr: "10150818" }, "staff.validation.cvrChecksum"],
    ["CVR with letters", { cvr: "1015081A" }, "staff.validation.cvrFormat"],
    ["unknown country", { country: "XX" }, "validation.invalidChoice"],
    ["bad contact email", { "contacts[1].email": "john@" }, "validation.email"],
    ["duplicate contact email", { "contacts[1].email": "sara@driftscenter.example" }, "staff.validation.duplicateEmail"],
    ["no security contact", { securityContact: "" }, "staff.validation.securityContact"],
    ["security contact out of range", { securityContact: "5" }, "staff.validation.securityContact"],
    ["bad contact language", { "contacts[0].locale": "de" }, "validation.invalidChoice"],
    ["bad phone", { "contacts[0].phone": "call me maybe" }, "staff.validation.phone"],
    ["sub-supplier without service", { "subSuppliers[0].service": "" }, "validation.required"],
    ["missing risk answer", { dataSensitivity: "" }, "validation.invalidChoice"],
    ["unknown risk value", { accessLevel: "root" }, "validation.invalidChoice"],
    ["negative incidents", { incidentCount: "-1" }, "staff.validation.notNegative"],
    ["fractional contract value", { annualContractValueDkk: "12.5" }, "staff.validation.wholeNumber"],
    ["text as number", { incidentCount: "many" }, "validation.number"],
    ["owner from nowhere", { ownerUserId: "nosuchuser" }, "validation.invalidChoice"],
    ["name too long", { name: "x".repeat(201) }, "staff.validation.textTooLong"],
  ];
  for (const [label, overrides, message] of bad) {
    it(`refuses ${label} and saves nothing`, async () => {
      const name = `Afvist ${label}`;
      const result = await create(supplierFields({ name, ...overrides }));
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
      expect(getDb().select().from(suppliers).where(eq(suppliers.name, overrides.name ?? name)).all()).toHaveLength(0);
    });
  }

  it("is closed to viewers", async () => {
    expect((await call(() => createLoader(args(get("/staff/suppliers/new", a.viewer.cookie))))).status).toBe(403);
    expect((await create(supplierFields({ name: "Viewer ApS" }), a.viewer.cookie)).status).toBe(403);
  });
});

describe("the register list", () => {
  it("searches, filters, sorts and paginates within the organisation", async () => {
    const org = await makeOrgWithStaff();
    for (let i = 0; i < 30; i++) supplierOf(org.org.id, { name: `Liste ${String(i).padStart(2, "0")} ApS`, ownerUserId: i % 2 ? org.reviewer.user.id : null });
    supplierOf(org.org.id, { name: "Kritisk Kunde A/S", profile: { criticalInfrastructure: true } });
    const load = async (query: string) =>
      (await call(() => listLoader(args(get(`/staff/suppliers${query}`, org.viewer.cookie))))).value as { rows: { name: string; tier: string }[]; total: number; pages: number };
    const first = await load("");
    expect(first.total).toBe(31);
    expect(first.rows).toHaveLength(25);
    expect(first.pages).toBe(2);
    expect((await load("?page=2")).rows).toHaveLength(6);
    expect((await load("?q=Kritisk")).rows.map((r) => r.name)).toEqual(["Kritisk Kunde A/S"]);
    expect((await load("?tier=critical")).rows.map((r) => r.name)).toEqual(["Kritisk Kunde A/S"]);
    expect((await load(`?owner=${org.reviewer.user.id}`)).total).toBe(15);
    expect((await load("?status=none")).total).toBe(31);
    expect((await load("?status=sent")).total).toBe(0);
    expect((await load("?sort=name&dir=desc")).rows[0]!.name).toBe("Liste 29 ApS");
    expect((await load("?sort=tier")).rows[0]!.tier).toBe("critical");
    // Nonsense in the query string is ignored, not an error.
    expect((await load("?tier=ultra&page=-3&sort=evil")).total).toBe(31);
    expect((await load("?q=%25")).total).toBe(0);
    // Other organisations' suppliers never show.
    expect((await load("?q=Driftscenter")).total).toBe(0);
  });
});

describe("editing", () => {
  it("edits details, re-scores the risk profile, overrides the tier with a reason (audited), and manages contacts", async () => {
    const { supplier, contacts } = supplierOf(a.org.id, { name: "Redigér ApS" });
    const id = supplier.id;
    const edit = await call(() => editAction(args(post(`/staff/suppliers/${id}/edit`, a.reviewer.cookie, { name: "Redigeret ApS", country: "SE", cvr: "" }), { supplierId: id })));
    expect(edit.status).toBe(303);
    expect(getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!.name).toBe("Redigeret ApS");
    const badEdit = await call(() => editAction(args(post(`/staff/suppliers/${id}/edit`, a.reviewer.cookie, { name: "", country: "SE" }), { supplierId: id })));
    expect(badEdit.status).toBe(400);

    const risk = await call(() => riskAction(args(post(`/staff/suppliers/${id}/risk`, a.reviewer.cookie, { ...CRITICAL_PROFILE, criticalInfrastructure: "yes" }), { supplierId: id })));
    expect(risk.status).toBe(303);
    expect(getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!.tier).toBe("critical");
    const badRisk = await call(() => riskAction(args(post(`/staff/suppliers/${id}/risk`, a.reviewer.cookie, { ...CRITICAL_PROFILE, cooperation: "hostile" }), { supplierId: id })));
    expect(badRisk.status).toBe(400);

    const short = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "override-tier", tier: "low", reason: "kort" }), { supplierId: id })));
    expect(short.status).toBe(400);
    const override = await call(() =>
      pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "override-tier", tier: "medium", reason: "Kun testmiljø, ingen rigtige data" }), { supplierId: id })),
    );
    expect(override.status).toBe(200);
    const row = getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!;
    expect([row.tier, row.computedTier, row.tierOverride]).toEqual(["medium", "critical", "medium"]);
    const audit = listAudit(getDb(), a.org.id, { action: "supplier.tier-overridden", targetId: id });
    expect(audit[0]?.details).toMatchObject({ from: "critical", to: "medium", reason: "Kun testmiljø, ingen rigtige data" });
    await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "clear-override", reason: "Produktion alligevel i brug" }), { supplierId: id })));
    expect(getDb().select().from(suppliers).where(eq(suppliers.id, id)).get()!.tier).toBe("critical");

    const added = await call(() =>
      pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "save-contact", name: "Ny Kontakt", email: "ny@example.test", locale: "en", isSecurityContact: "yes" }), { supplierId: id })),
    );
    expect(added.status).toBe(200);
    const all = getDb().select().from(supplierContacts).where(eq(supplierContacts.supplierId, id)).all();
    expect(all.filter((c) => c.isSecurityContact).map((c) => c.email)).toEqual(["ny@example.test"]);
    const dup = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "save-contact", name: "Dublet", email: "ny@example.test", locale: "da" }), { supplierId: id })));
    expect(dup.status).toBe(400);
    const removeSecurity = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "remove-contact", id: all.find((c) => c.isSecurityContact)!.id }), { supplierId: id })));
    expect(removeSecurity.status).toBe(400);
    const removeOther = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "remove-contact", id: contacts[0]!.id }), { supplierId: id })));
    expect(removeOther.status).toBe(200);

    const sub = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "add-sub-supplier", name: "Backup AB", service: "Backup", country: "SE", critical: "no" }), { supplierId: id })));
    expect(sub.status).toBe(200);
    const badSub = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.reviewer.cookie, { intent: "add-sub-supplier", name: "X", service: "Y", country: "ZZ", critical: "maybe" }), { supplierId: id })));
    expect(badSub.status).toBe(400);
    const viewer = await call(() => pageAction(args(post(`/staff/suppliers/${id}`, a.viewer.cookie, { intent: "override-tier", tier: "low", reason: "Viewer forsøger at ændre" }), { supplierId: id })));
    expect(viewer.status).toBe(403);
  });
});

describe("editing a contact", () => {
  it("saves changes, keeps one security contact, and refuses bad input", async () => {
    const { supplier, contacts } = supplierOf(a.org.id, {
      contacts: [
        { name: "Første", email: `f-${Date.now()}@c.example`, locale: "da", isSecurityContact: true },
        { name: "Anden", email: `a-${Date.now()}@c.example`, locale: "en", isSecurityContact: false },
      ],
    });
    const [first, second] = contacts as [(typeof contacts)[0], (typeof contacts)[0]];
    const path = (id: string) => `/staff/suppliers/${supplier.id}/contacts/${id}`;
    const edit = (id: string, fields: Record<string, string>, cookie = a.reviewer.cookie) =>
      call(() => contactAction(args(post(path(id), cookie, { intent: "save-contact", ...fields }), { supplierId: supplier.id, contactId: id })));
    expect((await call(() => contactLoader(args(get(path(first.id), a.reviewer.cookie), { supplierId: supplier.id, contactId: first.id })))).status).toBe(200);
    expect((await edit(first.id, { name: "", email: first.email, locale: "da" })).status).toBe(400);
    expect((await edit(first.id, { name: "X", email: "nope", locale: "da" })).status).toBe(400);
    expect((await edit(first.id, { name: "X", email: second.email, locale: "da" })).status).toBe(400);
    const lonely = await edit(first.id, { name: "Første", email: first.email, locale: "da", isSecurityContact: "no" });
    expect(lonely.status).toBe(400);
    expect(JSON.stringify(lonely.value)).toContain("staff.contacts.needSecurityContact");
    const moved = await edit(second.id, { name: "Anden Ny", email: second.email, phone: "+45 11 22 33 44", locale: "da", isSecurityContact: "yes" });
    expect(moved.status).toBe(303);
    const rows = getDb().select().from(supplierContacts).where(eq(supplierContacts.supplierId, supplier.id)).all();
    expect(rows.filter((c) => c.isSecurityContact).map((c) => c.name)).toEqual(["Anden Ny"]);
    expect((await edit(second.id, { name: "Viewer", email: second.email, locale: "da" }, a.viewer.cookie)).status).toBe(403);
  });
});
