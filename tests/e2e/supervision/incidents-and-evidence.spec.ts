/**
 * Issue 11 (incidents and changes, expiring evidence, assurance reports), end to end: a supplier
 * reports an incident through its report link and staff see it on the timeline with the next
 * assessment moved by the organisation's rule; staff see an expiring assurance report in the
 * supplier list and on the supplier page, and why it is flagged. Then every new page in Danish and
 * English. The fixture runs axe on every page load (0 violations) and fails on any CSP violation.
 */
import { eq } from "drizzle-orm";
import type { BrowserContext } from "@playwright/test";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { generateTotpSecret } from "../../../app/staff/totp.server";
import { formatDate } from "../../../app/i18n/format";
import { generateToken, hashToken, newId } from "../../../app/security/tokens.server";
import { addDaysIso, isoDate } from "../../../app/staff/dates";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { insertDatedEvidence, insertEvidenceRequest } from "../../../db/repos/dated-evidence";
import { suppliers } from "../../../db/schema";
import type { Db } from "../../../db/client";
import { expect, test } from "../support/fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);
const today = isoDate(new Date());

async function signIn(context: BrowserContext, db: Db, userId: string, orgId: string) {
  const { token } = createStaffSession({ userId, orgId, twoFactorVerified: true }, { db });
  await context.addCookies([{ name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

/** An organisation whose rule moves the next assessment to an incident's date + 14 days, an admin, and an assessed supplier. */
async function setUp(db: Db) {
  const org = makeOrganisation(db, { name: `Roskilde Forsyning ${unique()}`, settings: { eventRules: { incident: { action: "move", days: 14 } } } });
  // Admins must have a second factor; the session below counts as having passed it.
  const admin = await makeUser(db, org.id, { role: "admin", name: "Anne Admin", totpSecret: generateTotpSecret() });
  const lastAssessedAt = new Date(Date.now() - 60 * 86_400_000);
  const { supplier, contacts } = makeSupplier(db, org.id, {
    name: `Nordlys Drift ${unique()} ApS`,
    tier: "high",
    lastAssessedAt,
    nextAssessmentDue: isoDate(new Date(lastAssessedAt.getTime() + 365 * 86_400_000)),
  });
  return { org, admin, supplier, contacts };
}

test.describe("incidents and evidence (da)", () => {
  test.use({ locale: "da-DK" });

  test("a supplier reports an incident through the report link; staff see it on the timeline with the date moved by the rule", async ({ page, db, context }) => {
    const { org, admin, supplier } = await setUp(db);
    await signIn(context, db, admin.id, org.id);

    // Staff create the standing report link from the supplier page.
    await page.goto(`/staff/suppliers/${supplier.id}`);
    await expect(page.getByRole("heading", { level: 2, name: "Hændelser og ændringer" })).toBeVisible();
    await expect(page.getByText("Ingen hændelser eller ændringer er registreret.")).toBeVisible();
    await page.getByRole("link", { name: "Registrér hændelse eller ændring" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Hændelser og ændringer hos ${supplier.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Opret indberetningslink" }).click();
    await expect(page.getByText("Nyt indberetningslink oprettet")).toBeVisible();
    const link = (await page.getByTestId("report-link").textContent())!;
    expect(link).toMatch(/\/report\/[a-z2-7]{32}$/);

    // The supplier, in a browser of its own, reports an incident.
    await context.clearCookies();
    await page.goto(new URL(link).pathname);
    await expect(page.getByRole("heading", { level: 1, name: `Indberet en hændelse eller ændring for ${supplier.name}` })).toBeVisible();
    const occurredOn = addDaysIso(today, -2);
    await page.getByRole("button", { name: "Send indberetningen" }).click();
    await expect(page.getByText("Vælg en af mulighederne").first()).toBeVisible();
    await page.getByLabel("Hvad er sket").selectOption("incident");
    await page.getByLabel("Dato for hændelsen eller ændringen").fill(occurredOn);
    await page.getByLabel("Beskrivelse").fill("Phishing-angreb mod driftsteamet; én konto kompromitteret og lukket.");
    await page.getByLabel("Dit navn").fill("Sara Sikkerhed");
    await page.getByRole("button", { name: "Send indberetningen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tak, vi har modtaget det" })).toBeVisible();
    await expect(page).toHaveURL(/\/report\/received$/);

    // Staff see it on the timeline, with the next assessment moved to the incident's date + 14 days.
    await signIn(context, db, admin.id, org.id);
    await page.goto(`/staff/suppliers/${supplier.id}`);
    const moved = addDaysIso(occurredOn, 14);
    const timeline = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Hændelser og ændringer" }) });
    await expect(timeline.getByText("Sikkerhedshændelse")).toBeVisible();
    await expect(timeline.getByText("indberettet af leverandøren: Sara Sikkerhed")).toBeVisible();
    await expect(timeline.getByText(`Næste vurdering rykket frem til ${formatDate(moved, "da")} efter organisationens regel.`)).toBeVisible();
    await expect(page.getByText(`Næste vurdering: ${formatDate(moved, "da")}`)).toBeVisible();
    expect(db.select().from(suppliers).where(eq(suppliers.id, supplier.id)).get()!.nextAssessmentDue).toBe(moved);

    // The risk profile shows the recorded incident beside the typed count.
    await page.goto(`/staff/suppliers/${supplier.id}/risk`);
    await expect(page.getByText("Registreret på leverandøren de seneste 12 måneder: 1 sikkerhedshændelser")).toBeVisible();
  });

  test("staff see an expiring assurance report in the supplier list and on the supplier page, with why it is flagged", async ({ page, db, context }) => {
    const { org, admin, supplier } = await setUp(db);
    insertDatedEvidence(db, {
      id: newId(),
      orgId: org.id,
      supplierId: supplier.id,
      kind: "isae3402",
      reportType: "type2",
      auditor: "Revisionsfirmaet Nord",
      periodStart: addDaysIso(today, -730),
      periodEnd: addDaysIso(today, -380),
      scope: "Drift af ESDH",
      qualified: true,
      bridgeLetter: false,
      expiresOn: addDaysIso(today, 20),
      scopeCovers: null,
      createdAt: new Date(),
    });
    await signIn(context, db, admin.id, org.id);
    await page.goto(`/staff/suppliers?q=${encodeURIComponent(supplier.name)}`);
    const row = page.getByRole("row").filter({ hasText: supplier.name });
    await expect(row.getByText(`${formatDate(addDaysIso(today, 20), "da")} (udløber snart)`)).toBeVisible();
    await row.getByRole("link", { name: supplier.name }).click();
    const evidence = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Revisorerklæringer og dateret dokumentation" }) });
    await expect(evidence.getByText("ISAE 3402-erklæring, type 2")).toBeVisible();
    await expect(evidence.getByText("Ældre end 12 måneder")).toBeVisible();
    await expect(evidence.getByText("Konklusion med forbehold")).toBeVisible();

    // Staff mark that the scope does not cover the service: a third reason.
    await evidence.getByRole("link", { name: "Ret ISAE 3402-erklæring" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Ret revisorerklæring eller dateret dokumentation for ${supplier.name}` })).toBeVisible();
    await page.getByLabel("Dækker omfanget den ydelse, vi køber?").selectOption("no");
    await page.getByLabel("Periodens slutning").fill(addDaysIso(today, -800));
    await page.getByRole("button", { name: "Gem" }).click();
    await expect(page.getByText("Periodens slutning kan ikke ligge før dens start").first()).toBeVisible();
    await page.getByLabel("Periodens slutning").fill(addDaysIso(today, -380));
    await page.getByRole("button", { name: "Gem" }).click();
    await expect(page.getByText("Omfanget dækker ikke ydelsen")).toBeVisible();
  });
});

/** Visits every new page in one language: the staff pages, the report link, the renewal link and the portal pages. */
async function tour(page: import("@playwright/test").Page, context: BrowserContext, db: Db, locale: "da" | "en") {
  const { org, admin, supplier, contacts } = await setUp(db);
  const { invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: "due-diligence" });
  const slot = newId();
  insertDatedEvidence(db, { id: slot, orgId: org.id, supplierId: supplier.id, kind: "iso27001", periodEnd: addDaysIso(today, -300), expiresOn: addDaysIso(today, 10), createdAt: new Date() });
  const renewalToken = generateToken();
  insertEvidenceRequest(db, { id: newId(), orgId: org.id, datedEvidenceId: slot, contactId: contacts[0]!.id, tokenHash: hashToken(renewalToken), expiresAt: new Date(Date.now() + 30 * 86_400_000) });
  const heading = (da: string, en: string) => page.getByRole("heading", { level: 1, name: locale === "da" ? da : en });

  await signIn(context, db, admin.id, org.id);
  await page.goto(`/staff/suppliers/${supplier.id}/events`);
  await expect(heading(`Hændelser og ændringer hos ${supplier.name}`, `Incidents and changes at ${supplier.name}`)).toBeVisible();
  await page.getByRole("button", { name: locale === "da" ? "Opret indberetningslink" : "Create report link" }).click();
  const link = (await page.getByTestId("report-link").textContent())!;
  await page.goto(`/staff/suppliers/${supplier.id}/evidence`);
  await expect(heading(`Tilføj revisorerklæring eller dateret dokumentation for ${supplier.name}`, `Add an assurance report or dated evidence for ${supplier.name}`)).toBeVisible();
  await page.goto(`/staff/suppliers/${supplier.id}/evidence?edit=${slot}`);
  await expect(heading(`Ret revisorerklæring eller dateret dokumentation for ${supplier.name}`, `Edit an assurance report or dated evidence for ${supplier.name}`)).toBeVisible();
  await page.goto("/staff/settings/events");
  await expect(heading("Regel for hændelser og ændringer", "Rule for incidents and changes")).toBeVisible();
  await page.getByRole("group", { name: locale === "da" ? "Sikkerhedshændelse" : "Security incident" }).getByLabel(locale === "da" ? "Ny vurdering med det samme" : "New assessment at once").check();
  await page.getByRole("button", { name: locale === "da" ? "Gem reglen" : "Save the rule" }).click();
  await expect(page.getByRole("alert").or(page.locator(".alert-success")).first()).toBeVisible();

  await context.clearCookies();
  await page.goto(new URL(link).pathname);
  await expect(heading(`Indberet en hændelse eller ændring for ${supplier.name}`, `Report an incident or change for ${supplier.name}`)).toBeVisible();
  await page.goto("/report/abcdefghijklmnopqrstuvwxyz234567");
  await expect(heading("Linket kan ikke bruges", "This link cannot be used")).toBeVisible();
  await page.goto(`/evidence-request/${renewalToken}`);
  await expect(heading("Send nyt dokument: ISO/IEC 27001-certifikat", "Send a new document: ISO/IEC 27001 certificate")).toBeVisible();

  // The portal, through the invitation's session.
  await page.goto(`/invite/${invitations[0]!.token}`);
  await page.getByRole("button", { name: locale === "da" ? "Start besvarelsen" : "Start answering" }).click();
  await expect(page).toHaveURL(/\/s$/);
  await page.goto("/s/assurance");
  await expect(heading("Revisorerklæringer, certifikater og anden dateret dokumentation", "Assurance reports, certificates and other dated evidence")).toBeVisible();
  await page.goto("/s/report");
  await expect(heading(`Indberet en hændelse eller ændring for ${supplier.name}`, `Report an incident or change for ${supplier.name}`)).toBeVisible();
}

test.describe("new pages (da)", () => {
  test.use({ locale: "da-DK" });
  test("every new page in Danish", async ({ page, db, context }) => {
    test.setTimeout(120_000);
    await tour(page, context, db, "da");
  });
});

test.describe("new pages (en)", () => {
  test.use({ locale: "en-GB" });
  test("every new page in English", async ({ page, db, context }) => {
    test.setTimeout(120_000);
    await tour(page, context, db, "en");
  });
});
