/**
 * Issue 4, end to end: an admin signs in with TOTP, invites a reviewer, who follows the link from
 * the outbox and chooses a password; the reviewer registers a supplier with a risk profile, sees
 * its tier and the reasons, and sends the questionnaire; the invitation is in the outbox with a
 * working link. Then a tour of every staff page in Danish and English. The fixture runs axe on
 * every page load (0 violations) and fails on any CSP violation.
 */
import { and, eq, like } from "drizzle-orm";
import { test as plainTest, type BrowserContext } from "@playwright/test";
import { generateTOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { generateTotpSecret } from "../../../app/staff/totp.server";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser, TEST_PASSWORD } from "../../../db/factories/core";
import { assessments, emails, invitations, suppliers, users } from "../../../db/schema";
import { sendEmail } from "../../../app/email/send-email.server";
import { e2eDb } from "../support/database";
import { expect, test } from "../support/fixtures";

async function signIn(context: BrowserContext, token: string) {
  await context.addCookies([{ name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

const unique = () => Math.random().toString(36).slice(2, 8);

test.describe("staff flow (da)", () => {
  test.use({ locale: "da-DK" });

  test("admin with TOTP invites a reviewer, who registers a supplier and sends the questionnaire", async ({ page, db, context }) => {
    test.setTimeout(120_000);
    const org = makeOrganisation(db, { name: `Køge Forsyning ${unique()}` });
    const secret = generateTotpSecret();
    const admin = await makeUser(db, org.id, { role: "admin", name: "Anne Admin", totpSecret: secret });

    // 1. The admin signs in: password, then the TOTP code computed from the secret.
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible();
    await page.getByLabel("E-mailadresse").fill(admin.email);
    await page.getByLabel("Adgangskode").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Totrinsbekræftelse" })).toBeVisible();
    await page.getByLabel("Kode", { exact: true }).fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
    await page.getByRole("button", { name: "Bekræft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overblik" })).toBeVisible();

    // 2. The admin invites a reviewer.
    const reviewerEmail = `rikke-${unique()}@koege.example`;
    await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Brugere" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Brugere" })).toBeVisible();
    await page.getByLabel("Navn").fill("Rikke Reviewer");
    await page.getByLabel("E-mailadresse").fill(reviewerEmail);
    await page.getByLabel("Rolle").selectOption("reviewer");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("Invitationen er sendt")).toBeVisible();

    // 3. The invitation is in the outbox; its link is followed by the reviewer (in a clean browser).
    await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Udbakke" }).click();
    await page.getByRole("row").filter({ hasText: reviewerEmail }).getByRole("link").click();
    const inviteLink = page.getByRole("list").getByRole("link", { name: /\/staff-invite\// });
    const inviteUrl = await inviteLink.getAttribute("href");
    expect(inviteUrl).toMatch(/\/staff-invite\/[a-z2-7]{32}$/);
    await context.clearCookies();
    await page.goto(inviteUrl!);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Velkommen til");
    await page.getByLabel("Ny adgangskode").fill("sommer2024");
    await page.getByLabel("Gentag den nye adgangskode").fill("sommer2024");
    await page.getByRole("button", { name: "Opret konto" }).click();
    await expect(page.getByText("Adgangskoden skal være mindst 12 tegn").first()).toBeVisible();
    await page.getByLabel("Ny adgangskode").fill("rikke vurderer leverandører grundigt");
    await page.getByLabel("Gentag den nye adgangskode").fill("rikke vurderer leverandører grundigt");
    await page.getByRole("button", { name: "Opret konto" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overblik" })).toBeVisible();
    const reviewer = db.select().from(users).where(eq(users.email, reviewerEmail)).get()!;
    expect(reviewer.role).toBe("reviewer");

    // 4. The reviewer registers a supplier with a risk profile.
    await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Leverandører" }).click();
    await page.getByRole("link", { name: "Opret leverandør" }).click();
    const supplierName = `Nordlys Drift ${unique()} ApS`;
    await page.getByLabel("Leverandørens navn").fill(supplierName);
    await page.getByLabel("CVR-nummer").fill("10150817");
    await page.getByLabel("Navn", { exact: true }).fill("Sara Sikkerhed");
    await page.getByLabel("E-mailadresse").fill("sara@nordlys.example");
    await page.getByRole("group", { name: "Sikkerhedskontakt" }).getByLabel("Kontakt 1").check();
    const choose = async (group: string, option: string) => page.getByRole("group", { name: group }).getByLabel(option, { exact: true }).check();
    await choose("Følsomhed af data i leverancen", "Følsomme personoplysninger");
    await choose("Mængde af data", "Omfattende");
    await choose("Forretningskritiske systemer eller processer", "Ja");
    await choose("Kritisk infrastruktur", "Nej");
    await choose("Type af leverance", "Specialiseret");
    await choose("Hvor data ligger", "EU/EØS");
    await choose("Leverandørens adgang til jeres data", "Administrator");
    await choose("Driftsansvar", "Ja");
    await page.getByLabel("Årlig kontraktværdi (kr.)").fill("2500000");
    await choose("Vilje til samarbejde", "God");
    await page.getByRole("button", { name: "Opret leverandør" }).click();

    // 5. The tier and the reasons.
    await expect(page.getByRole("heading", { level: 1, name: supplierName })).toBeVisible();
    await expect(page.getByText("Leverandøren er oprettet", { exact: true })).toBeVisible();
    await expect(page.locator(".tier-badge")).toHaveText("Kritisk");
    await expect(page.getByRole("heading", { name: /Sådan er kritikaliteten beregnet/ })).toBeVisible();
    await expect(page.getByText("Følsomhed af data i leverancen: Følsomme personoplysninger (+4 point)")).toBeVisible();
    await expect(page.getByText(/I alt \d+ point giver Kritisk/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Tilsynsplan" })).toBeVisible();

    // 6. Send the questionnaire.
    await page.getByRole("link", { name: "Send spørgeskema" }).click();
    await expect(page.getByLabel("Spørgeskema", { exact: true })).toHaveValue("due-diligence");
    await expect(page.getByRole("checkbox", { name: /Sara Sikkerhed/ })).toBeChecked();
    await page.getByLabel("Sprog for Sara Sikkerhed").selectOption("en");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByText("Spørgeskemaet er sendt")).toBeVisible();
    await expect(page.getByText("Sendt", { exact: true }).first()).toBeVisible();
    const supplier = db.select().from(suppliers).where(eq(suppliers.name, supplierName)).get()!;
    const assessment = db.select().from(assessments).where(eq(assessments.supplierId, supplier.id)).get()!;
    expect(assessment.status).toBe("sent");
    expect(db.select().from(invitations).where(eq(invitations.assessmentId, assessment.id)).all()).toHaveLength(1);

    // 7. The invitation is in the outbox (admin), in English, with a working link.
    await context.clearCookies();
    await signIn(context, createStaffSession({ userId: admin.id, orgId: org.id, twoFactorVerified: true }, { db }).token);
    await page.goto("/staff/outbox");
    await page.getByRole("row").filter({ hasText: "sara@nordlys.example" }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("asks you to answer a cyber security questionnaire");
    const link = await page.getByRole("list").getByRole("link", { name: /\/invite\// }).getAttribute("href");
    expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
    const mail = db.select().from(emails).where(and(eq(emails.assessmentId, assessment.id), like(emails.kind, "supplier-invitation"))).get()!;
    expect(mail.locale).toBe("en");
    await context.clearCookies();
    const response = await page.goto(link!);
    expect(response?.status()).toBe(200);
  });
});

const TOUR = [
  "/staff",
  "/staff/suppliers",
  "/staff/suppliers?tier=medium&sort=tier&dir=desc",
  "/staff/suppliers/new",
  "/staff/suppliers/import",
  "/staff/suppliers/:s",
  "/staff/suppliers/:s/edit",
  "/staff/suppliers/:s/risk",
  "/staff/suppliers/:s/send",
  "/staff/suppliers/:s/contacts/:c",
  "/staff/suppliers/:s/assessments/:a",
  "/staff/users",
  "/staff/users/:u",
  "/staff/settings",
  "/staff/outbox",
  "/staff/outbox/:e",
  "/staff/account",
  "/login/two-factor-setup",
];
const PUBLIC_PAGES = ["/login", "/forgot-password", "/reset-password/doesnotexist", "/staff-invite/doesnotexist"];

for (const locale of ["da", "en"] as const) {
  test.describe(`staff pages (${locale})`, () => {
    test.use({ locale: locale === "da" ? "da-DK" : "en-GB" });
    let ids: { s: string; c: string; a: string; u: string; e: string; adminId: string; orgId: string };

    test.beforeAll(async () => {
      const db = e2eDb();
      const org = makeOrganisation(db, { name: `Tour ${locale} ${unique()}` });
      const admin = await makeUser(db, org.id, { role: "admin", name: "Tove Tour", totpSecret: generateTotpSecret() });
      const other = await makeUser(db, org.id, { role: "viewer", name: "Vagn Viewer" });
      const made = makeSupplier(db, org.id, { name: `Tour Leverandør ${unique()}`, ownerUserId: admin.id });
      const { assessment } = makeAssessment(db, { orgId: org.id, supplier: made.supplier, contacts: made.contacts });
      const email = await sendEmail({ orgId: org.id, to: "tour@example.test", subject: "Tour", html: '<p><a href="http://localhost/x">x</a></p>', text: "Tour http://localhost/x", kind: "supplier-invitation", locale }, { db });
      ids = { s: made.supplier.id, c: made.contacts[0]!.id, a: assessment.id, u: other.id, e: email.id!, adminId: admin.id, orgId: org.id };
    });

    for (const template of TOUR) {
      test(`${template} loads without axe or CSP problems`, async ({ page, db, context }) => {
        await signIn(context, createStaffSession({ userId: ids.adminId, orgId: ids.orgId, twoFactorVerified: true }, { db }).token);
        const path = template.replace(":c", ids.c).replace(":s", ids.s).replace(":a", ids.a).replace(":u", ids.u).replace(":e", ids.e);
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(/ · Leverandørtjek$/);
        if (template === "/staff/suppliers") await expect(page).toHaveTitle(locale === "da" ? "Leverandører · Leverandørtjek" : "Suppliers · Leverandørtjek");
      });
    }

    for (const path of PUBLIC_PAGES) {
      test(`${path} loads without axe or CSP problems`, async ({ page }) => {
        const response = await page.goto(path);
        if (/reset-password|staff-invite/.test(path)) expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      });
    }

    test("the supplier form's errors render accessibly", async ({ page, db, context }) => {
      await signIn(context, createStaffSession({ userId: ids.adminId, orgId: ids.orgId, twoFactorVerified: true }, { db }).token);
      await page.goto("/staff/suppliers/new");
      await page.getByRole("button", { name: locale === "da" ? "Opret leverandør" : "Add supplier" }).click();
      await expect(page.getByRole("alert").first()).toBeVisible();
      await expect(page.getByRole("alert").first().getByRole("link").first()).toBeVisible();
    });

    test("the settings form refuses a longer interval, accessibly", async ({ page, db, context }) => {
      await signIn(context, createStaffSession({ userId: ids.adminId, orgId: ids.orgId, twoFactorVerified: true }, { db }).token);
      await page.goto("/staff/settings");
      await page.getByLabel(locale === "da" ? "Måneder mellem vurderinger – Kritisk" : "Months between assessments – Critical").fill("24");
      await page.getByRole("button", { name: locale === "da" ? "Gem" : "Save" }).click();
      await expect(page.getByRole("alert").first()).toContainText(
        locale === "da" ? "Intervallet må kun gøres kortere end standarden" : "The interval may only be made shorter than the default",
      );
    });
  });
}

// axe-core cannot run with JavaScript disabled (its analysis never returns), so this test uses
// plain Playwright; the same pages are axe-checked with JavaScript on above.
plainTest.describe("without JavaScript", () => {
  plainTest.use({ locale: "da-DK", javaScriptEnabled: false });

  plainTest("a reviewer signs in and registers a supplier, adding a second contact row", async ({ page }) => {
    const db = e2eDb();
    const org = makeOrganisation(db, { name: `Uden JS ${unique()}` });
    const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Nora NoScript" });
    await page.goto("/login");
    await page.getByLabel("E-mailadresse").fill(reviewer.email);
    await page.getByLabel("Adgangskode").fill("forkert adgangskode");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByRole("alert")).toContainText("E-mailadressen eller adgangskoden er forkert");
    await page.getByLabel("Adgangskode").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overblik" })).toBeVisible();

    await page.goto("/staff/suppliers/new");
    const name = `Ingen Script ${unique()} ApS`;
    await page.getByLabel("Leverandørens navn").fill(name);
    await page.getByRole("button", { name: "Tilføj kontakt" }).click();
    await expect(page.getByRole("group", { name: "Kontakt 2" })).toBeVisible();
    await expect(page.getByLabel("Leverandørens navn")).toHaveValue(name);
    await page.getByRole("group", { name: "Kontakt 1" }).getByLabel("Navn").fill("En");
    await page.getByRole("group", { name: "Kontakt 1" }).getByLabel("E-mailadresse").fill("en@noscript.example");
    await page.getByRole("group", { name: "Kontakt 2" }).getByLabel("Navn").fill("To");
    await page.getByRole("group", { name: "Kontakt 2" }).getByLabel("E-mailadresse").fill("to@noscript.example");
    await page.getByRole("group", { name: "Sikkerhedskontakt" }).getByLabel("Kontakt 2").check();
    for (const [group, option] of [
      ["Følsomhed af data i leverancen", "Interne"],
      ["Mængde af data", "Begrænset"],
      ["Forretningskritiske systemer eller processer", "Nej"],
      ["Kritisk infrastruktur", "Nej"],
      ["Type af leverance", "Standardiseret"],
      ["Hvor data ligger", "Danmark"],
      ["Leverandørens adgang til jeres data", "Ingen"],
      ["Driftsansvar", "Nej"],
      ["Vilje til samarbejde", "God"],
    ] as const) {
      await page.getByRole("group", { name: group }).getByLabel(option, { exact: true }).check();
    }
    await page.getByRole("button", { name: "Opret leverandør" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.locator(".tier-badge")).toHaveText("Lav");
    const supplier = db.select().from(suppliers).where(eq(suppliers.name, name)).get()!;
    expect(supplier.tier).toBe("low");
  });
});
