/**
 * Issue 12, end to end: an admin edits the default RACI matrix; a supplier inherits it and then
 * differs; an invalid matrix is refused with the activity named; sub-suppliers from the answers
 * are confirmed; a yearly agreement review is recorded with a finding; a supplier is offboarded
 * through the checklist with the deletion confirmation uploaded by the supplier, after which its
 * invitation link no longer works. Every new page is visited in Danish and English; the fixture
 * runs axe (0 violations) and the CSP check on every page load.
 */
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "@playwright/test";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { generateTotpSecret } from "../../../app/staff/totp.server";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { makeSubmittedAssessment, tinyPdf } from "../../../db/factories/review";
import { emails, suppliers } from "../../../db/schema";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");
const unique = () => Math.random().toString(36).slice(2, 8);

async function signIn(context: BrowserContext, token: string, locale: "da" | "en") {
  await context.addCookies([
    { name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
    { name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" },
  ]);
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

test("an admin edits the default RACI; a supplier inherits it and differs; an invalid matrix is refused naming the activity", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const org = makeOrganisation(db, { name: `Roller Kommune ${unique()}` });
  const admin = await makeUser(db, org.id, { role: "admin", name: "Anne Admin", totpSecret: generateTotpSecret() });
  const made = makeSupplier(db, org.id, { name: "Matrix Drift ApS", tier: "high" });
  const { assessment } = makeSubmittedAssessment(db, { orgId: org.id, ...made }, { dataDir });
  const { token } = createStaffSession({ userId: admin.id, orgId: org.id, twoFactorVerified: true }, { db });
  await signIn(context, token, "da");

  await page.goto("/staff/settings");
  await page.getByRole("link", { name: "Standard for roller og ansvar (RACI)" }).click();
  await expect(h1(page)).toHaveText("Standard for roller og ansvar (RACI)");
  await expect(page.getByLabel("Aktivitet, række 1")).toHaveValue("Adgangsstyring");
  await page.getByLabel("Aktivitet, række 4").fill("Backup og gendannelse");
  await page.getByLabel("IT-ansvarlig for ny række 4").selectOption("A");
  await page.getByLabel("Leverandør for ny række 4").selectOption("R");
  await page.getByLabel("Kunde for ny række 4").selectOption("I");
  await page.getByRole("button", { name: "Gem matrix" }).click();
  await expect(page.getByText("Standardmatrixen er gemt")).toBeVisible();
  await expect(page.getByLabel("Aktivitet, række 4")).toHaveValue("Backup og gendannelse");

  // The supplier follows the default.
  await page.goto(`/staff/suppliers/${made.supplier.id}`);
  const raci = page.locator("section.raci-section");
  await expect(raci.getByText("Leverandøren følger organisationens standardmatrix.")).toBeVisible();
  await expect(raci.getByRole("rowheader", { name: "Backup og gendannelse" })).toBeVisible();

  // Differs: first an invalid matrix (no Responsible for backup), refused with the activity named.
  await raci.getByRole("link", { name: "Redigér roller og ansvar" }).click();
  await expect(h1(page)).toHaveText("Roller og ansvar: Matrix Drift ApS");
  await page.getByLabel("Leverandør for Backup og gendannelse").selectOption("C");
  await page.getByRole("button", { name: "Gem matrix" }).click();
  await expect(page.getByRole("alert")).toContainText("Aktiviteten \u201eBackup og gendannelse\u201c har ingen udførende (R)");
  await page.getByLabel("Kunde for Backup og gendannelse").selectOption("R");
  await page.getByRole("button", { name: "Gem matrix" }).click();
  await expect(h1(page)).toHaveText("Matrix Drift ApS");
  await expect(raci.getByText("Leverandøren har sin egen matrix, som afviger fra organisationens standard.")).toBeVisible();
  await expect(raci.getByRole("row", { name: /Backup og gendannelse/ }).getByRole("cell")).toHaveText(["A", "C", "R", "–"]);

  // The printable report carries the matrix.
  await page.goto(`/staff/assessments/${assessment.id}/report`);
  await expect(page.getByRole("heading", { name: "Roller og ansvar (RACI)" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Backup og gendannelse/ })).toBeVisible();

  // The new pages in English.
  await signIn(context, token, "en");
  await page.goto("/staff/settings/raci");
  await expect(h1(page)).toHaveText("Default roles and responsibilities (RACI)");
  await page.goto(`/staff/suppliers/${made.supplier.id}/raci`);
  await expect(h1(page)).toHaveText("Roles and responsibilities: Matrix Drift ApS");
  await page.getByRole("button", { name: "Use the organisation's default again" }).click();
  await expect(page.getByText("The supplier follows the organisation's default matrix.")).toBeVisible();
});

test("sub-suppliers from the answers are confirmed and a yearly agreement review is recorded with a finding", async ({ page, db, context }) => {
  test.setTimeout(150_000);
  const org = makeOrganisation(db, { name: `Aftale Region ${unique()}` });
  const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rikke Reviewer" });
  const made = makeSupplier(db, org.id, { name: "Kæde Hosting ApS", tier: "high" });
  makeSubmittedAssessment(db, { orgId: org.id, ...made }, {
    dataDir,
    answers: {
      "outsources-services": "yes",
      "subsuppliers-list": "Microsoft Ireland – hosting i Azure – Irland\nTwilio – SMS-udsendelse – USA",
      "contract-audit-right": "accept",
    },
  });
  const { token } = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  await signIn(context, token, "da");

  await page.goto(`/staff/suppliers/${made.supplier.id}`);
  await expect(page.getByText("2 underleverandører fra besvarelsen venter på at blive bekræftet.")).toBeVisible();
  await page.getByRole("link", { name: "Gennemgå underleverandører fra besvarelsen" }).click();
  await expect(h1(page)).toHaveText("Underleverandører fra besvarelsen: Kæde Hosting ApS");
  const microsoft = page.locator("section.sub-supplier-proposal").filter({ hasText: "Microsoft Ireland" });
  await expect(microsoft.getByLabel("Land")).toHaveValue("IE");
  await microsoft.getByRole("group", { name: "Kritisk underleverandør" }).getByLabel("Ja").check();
  await microsoft.getByRole("button", { name: "Bekræft Microsoft Ireland" }).click();
  await expect(page.locator("section.sub-supplier-proposal")).toHaveCount(1);
  await page.goto(`/staff/suppliers/${made.supplier.id}`);
  await expect(page.locator("section[aria-labelledby='subs-heading']").getByRole("row", { name: /Microsoft Ireland/ })).toContainText("Ja");

  // The yearly review: the agreement as evidence, the checklist, per clause what it contains.
  await page.getByRole("link", { name: "Årlig gennemgang af aftalen" }).click();
  await expect(h1(page)).toHaveText("Årlig gennemgang af aftalen: Kæde Hosting ApS");
  await page.getByLabel("Aftale (dokumentation for gennemgangen)").setInputFiles({ name: "aftale.pdf", mimeType: "application/pdf", buffer: tinyPdf("Underskrevet aftale") });
  await page.getByRole("button", { name: "Upload dokument" }).click();
  await expect(page.getByText("aftale.pdf er uploadet.")).toBeVisible();
  for (const question of [
    "Er sikkerhedskravene i aftalen stadig passende i forhold til risikoen?",
    "Er hændelser og væsentlige ændringer hos leverandøren siden sidst håndteret?",
    "Er tilsynsplanen fulgt?",
  ]) {
    await page.getByRole("group", { name: question }).getByLabel("Ja").check();
  }
  for (const clause of [
    "Databeskyttelsesklausuler",
    "Sikkerhedskrav",
    "Frist for underretning om brud",
    "Databehandleraftale",
    "Pligter hvis data kompromitteres",
    "Regler for lagring, overførsel og sletning",
    "Sanktioner eller afhjælpning ved brud",
    "Ret til opsigelse ved sikkerhedsbrud",
    "Ansvarsvilkår",
  ]) {
    await page.getByRole("group", { name: clause, exact: true }).getByLabel("Ja").check();
  }
  await page.getByRole("group", { name: "Ret til audit", exact: true }).getByLabel("Nej").check();
  await page.getByRole("group", { name: "Resultat" }).getByLabel("Aftalen skal genforhandles").check();
  await page.getByRole("button", { name: "Registrér gennemgangen" }).click();
  await expect(page.getByText("Gennemgangen er registreret (1 fund)")).toBeVisible();
  await expect(page.locator("[data-finding='contract-audit-right']").first()).toContainText("Ret til audit");
  await expect(page.getByRole("link", { name: "aftale.pdf" }).first()).toBeVisible();

  await signIn(context, token, "en");
  await page.goto(`/staff/suppliers/${made.supplier.id}/contract-review`);
  await expect(h1(page)).toHaveText("Yearly agreement review: Kæde Hosting ApS");
  await expect(page.locator("[data-finding='contract-audit-right']").first()).toContainText("Right to audit");
  await page.goto(`/staff/suppliers/${made.supplier.id}/sub-suppliers`);
  await expect(h1(page)).toHaveText("Sub-suppliers from the answers: Kæde Hosting ApS");
});

test("a supplier is offboarded through the checklist with its deletion confirmation, and its invitation link stops working", async ({ page, db, context }) => {
  test.setTimeout(150_000);
  const org = makeOrganisation(db, { name: `Afslut Forsyning ${unique()}` });
  const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rasmus Reviewer" });
  const made = makeSupplier(db, org.id, { name: "Farvel IT ApS", tier: "medium", contacts: [{ name: "Sikker Sanne", locale: "da" }] });
  const { invitations } = makeAssessment(db, { orgId: org.id, ...made });
  const inviteToken = invitations[0]!.token;
  const { token } = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  await signIn(context, token, "da");

  await page.goto(`/invite/${inviteToken}`);
  await expect(h1(page)).toContainText("Sikker Sanne");

  await page.goto(`/staff/suppliers/${made.supplier.id}`);
  await page.getByRole("link", { name: "Afslut samarbejdet" }).click();
  await expect(h1(page)).toHaveText("Afslut samarbejdet: Farvel IT ApS");
  await page.getByRole("button", { name: "Påbegynd afslutning af samarbejdet" }).click();
  const checklist = page.getByRole("group", { name: "Tjekliste for afslutning" });
  for (const item of ["Adgangsrettigheder fjernet", "Data leveret tilbage", "Data slettet hos leverandøren", "Underleverandørers kopier håndteret", "Overdragelse til ny leverandør", "Forpligtelser efter ophør noteret"]) {
    await checklist.getByLabel(item).check();
  }
  await page.getByRole("textbox", { name: "Noter" }).fill("Ingen ny leverandør; tavshedspligten gælder i 5 år.");
  await page.getByRole("button", { name: "Gem tjeklisten" }).click();
  await expect(page.getByText("Leverandørens skriftlige bekræftelse af sletning")).toBeVisible();
  await page.getByRole("button", { name: "Anmod om bekræftelse af sletning" }).click();
  await expect(page.getByText(/Bekræftelsen blev anmodet/)).toBeVisible();

  // The supplier's contact follows the emailed link (no session of any kind) and uploads the confirmation.
  const mail = db.select().from(emails).where(and(eq(emails.orgId, org.id), eq(emails.kind, "deletion-confirmation-request"))).orderBy(desc(emails.createdAt)).get()!;
  const link = /\/offboarding\/[a-z2-7]+/.exec(mail.text)![0];
  await context.clearCookies();
  await context.addCookies([{ name: "lang", value: "da", domain: "localhost", path: "/", sameSite: "Lax" }]);
  await page.goto(link);
  await expect(h1(page)).toHaveText(`Bekræft sletning af data for ${org.name}`);
  await page.getByLabel("Skriftlig bekræftelse af sletning").setInputFiles({ name: "sletning.pdf", mimeType: "application/pdf", buffer: tinyPdf("Alle data er slettet") });
  await page.getByRole("button", { name: "Upload bekræftelsen" }).click();
  await expect(page.getByText("sletning.pdf er uploadet.")).toBeVisible();
  await context.addCookies([{ name: "lang", value: "en", domain: "localhost", path: "/", sameSite: "Lax" }]);
  await page.goto(link);
  await expect(h1(page)).toHaveText(`Confirm the deletion of data for ${org.name}`);

  // Staff close the relationship: archived, links revoked.
  await signIn(context, token, "da");
  await page.goto(`/staff/suppliers/${made.supplier.id}/offboarding`);
  await expect(page.getByRole("link", { name: "sletning.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Afslut samarbejdet og arkivér leverandøren" }).click();
  await expect(page.getByText(/Leverandøren er arkiveret siden/)).toBeVisible();
  expect(db.select().from(suppliers).where(eq(suppliers.id, made.supplier.id)).get()?.archivedAt).not.toBeNull();
  await page.goto("/staff/suppliers/archived");
  await expect(page.getByRole("link", { name: "Farvel IT ApS" })).toBeVisible();

  await page.goto(`/invite/${inviteToken}`);
  await expect(h1(page)).toHaveText("Linket kan ikke bruges");
  await page.goto(link);
  await expect(h1(page)).toHaveText("Linket virker ikke");

  await signIn(context, token, "en");
  await page.goto(`/staff/suppliers/${made.supplier.id}/offboarding`);
  await expect(h1(page)).toHaveText("End the relationship: Farvel IT ApS");
  await page.goto("/staff/suppliers/archived");
  await expect(h1(page)).toHaveText("Archived suppliers");
  await page.goto(`/staff/suppliers/${made.supplier.id}`);
  await expect(page.getByText(/The supplier has been archived since/)).toBeVisible();
});
