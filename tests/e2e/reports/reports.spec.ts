/**
 * Issue 13: the dashboard's charts lead to the lists behind them, the assessment report downloads
 * as a PDF whose text holds the supplier (æøå), the flags and the decision, and the portfolio
 * downloads as an XLSX that opens with the expected rows. axe runs on every load (the fixture),
 * in Danish and English.
 */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { createStaffSession, validateStaffSessionToken } from "../../../app/auth/staff-session.server";
import { decideAssessment } from "../../../app/review/review.server";
import { makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { makeSubmittedAssessment } from "../../../db/factories/review";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");

async function session(context: BrowserContext, token: string, locale: "da" | "en") {
  await context.addCookies([
    { name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
    { name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" },
  ]);
}

/** A small portfolio like the demo's: a flagged supplier approved with a condition, a clean one, one not yet assessed. */
async function portfolio(db: Parameters<typeof makeOrganisation>[0]) {
  const org = makeOrganisation(db);
  const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rikke Rapport" });
  const viewer = await makeUser(db, org.id, { role: "viewer", name: "Revisor Røn" });
  const flagged = makeSupplier(db, org.id, { name: "Særlig Åbenhed ØkoDrift ApS", tier: "high" });
  const { assessment } = makeSubmittedAssessment(db, { orgId: org.id, ...flagged }, { dataDir, answers: { "mfa-privileged": "no", "breach-notification-deadline": "later" } });
  const reviewerToken = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db }).token;
  const decided = await decideAssessment(validateStaffSessionToken(reviewerToken, { db })!, assessment.id, {
    decision: "approved_with_conditions",
    reason: "Godkendt på betingelse af MFA for administratorer",
    conditions: [{ text: "Indfør MFA på administratorkonti", ownerSide: "supplier", ownerName: "IT-chef", deadline: "2099-01-31" }],
  }, { db });
  expect(decided).toEqual({ ok: true });
  const clean = makeSupplier(db, org.id, { name: "Ren Besked A/S", tier: "medium" });
  makeSubmittedAssessment(db, { orgId: org.id, ...clean }, { dataDir });
  makeSupplier(db, org.id, { name: "Ny Leverandør IVS", tier: "low" });
  const viewerToken = createStaffSession({ userId: viewer.id, orgId: org.id, twoFactorVerified: true }, { db }).token;
  return { assessment, viewerToken };
}

test("the dashboard's charts lead to their lists, in Danish and English", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const { viewerToken } = await portfolio(db);
  await session(context, viewerToken, "da");
  await page.goto("/staff");
  await page.getByRole("link", { name: "Overblik for ledelsen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overblik over leverandørerne");
  for (const chart of ["tier-rating", "flags", "status", "attention", "reassessment"]) await expect(page.locator(`[data-chart="${chart}"]`)).toBeVisible();
  const mfa = page.locator('[data-chart="flags"] a[data-segment="no-mfa-privileged"]');
  await expect(mfa).toHaveAttribute("aria-label", "Ingen MFA på privilegerede konti: 1 leverandører");
  await mfa.click();
  await expect(page).toHaveURL(/\/staff\/suppliers\?flag=no-mfa-privileged$/);
  await expect(page.locator("table tbody tr")).toHaveCount(1);
  await expect(page.locator("table tbody tr")).toContainText("Særlig Åbenhed ØkoDrift ApS");
  await expect(page.locator("#flag")).toHaveValue("no-mfa-privileged");

  await page.goto("/staff/dashboard");
  await page.locator('[data-chart="tier-rating"] a[data-segment="low:none"]').click();
  await expect(page).toHaveURL(/tier=low&rating=none/);
  await expect(page.locator("table tbody tr")).toHaveCount(1);
  await expect(page.locator("table tbody tr")).toContainText("Ny Leverandør IVS");

  await session(context, viewerToken, "en");
  await page.goto("/staff/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Supplier overview");
  await page.locator('[data-chart="flags"] summary').click();
  await expect(page.locator('[data-chart="flags"] table')).toContainText("No MFA on privileged accounts");
  await page.waitForLoadState("networkidle");
});

test("the assessment report downloads as a PDF with the supplier, its flags and the decision", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const { assessment, viewerToken } = await portfolio(db);
  await session(context, viewerToken, "da");
  await page.goto(`/staff/assessments/${assessment.id}/report`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rapport: Særlig Åbenhed ØkoDrift ApS");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent rapport som PDF" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`assessment-report-${assessment.id}.pdf`);
  const parser = new PDFParse({ data: new Uint8Array(await readFile((await download.path())!)) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  expect(text).toContain("Særlig Åbenhed ØkoDrift ApS");
  expect(text).toContain("Ingen MFA på privilegerede konti");
  expect(text).toContain("Ingen underretning om brud inden for 24/72 timer");
  expect(text).toContain("Godkendt med betingelser: Godkendt på betingelse af MFA for administratorer");

  await session(context, viewerToken, "en");
  await page.goto(`/staff/assessments/${assessment.id}/report`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report: Særlig Åbenhed ØkoDrift ApS");
  await expect(page.getByRole("link", { name: "Download report as PDF" })).toBeVisible();
  await page.waitForLoadState("networkidle");
});

test("the portfolio downloads as an XLSX with one row per supplier", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const { viewerToken } = await portfolio(db);
  await session(context, viewerToken, "da");
  await page.goto("/staff/suppliers");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Eksportér portefølje (Excel)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile((await download.path())!)).buffer);
  const sheet = workbook.getWorksheet("Portefølje")!;
  const rows = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
  expect(rows.map((row) => row[0])).toEqual(["Ny Leverandør IVS", "Ren Besked A/S", "Særlig Åbenhed ØkoDrift ApS"]);
  const flagged = rows[2]!;
  expect(flagged[3]).toBe("Høj");
  expect(flagged[5]).toBe("Godkendt med betingelser");
  expect(flagged[7]).toBe(2);
  expect(flagged[8]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.waitForLoadState("networkidle");
});

test("the contract requirements page lists the MFA and breach-notification requirements for a supplier with those flags", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const { assessment, viewerToken } = await portfolio(db);
  await session(context, viewerToken, "da");
  await page.goto(`/staff/assessments/${assessment.id}`);
  await page.getByRole("link", { name: "Sikkerhedskrav til kontrakten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sikkerhedskrav til kontrakten: Særlig Åbenhed ØkoDrift ApS");
  const mfa = page.locator('[data-requirement="mfa-privileged"]');
  await expect(mfa).toContainText("multifaktorautentificering for alle privilegerede");
  await expect(mfa).toContainText("Rødt flag: Ingen MFA på privilegerede konti");
  const breach = page.locator('[data-requirement="breach-notification-24h"]');
  await expect(breach).toContainText("senest 24 timer");
  await expect(breach).toContainText("Rødt flag: Ingen underretning om brud inden for 24/72 timer");
  await expect(page.getByLabel("Kravene som tekst til at indsætte i et kontraktudkast")).toHaveValue(/multifaktorautentificering/);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent som Word-dokument (DOCX)" }).click();
  expect((await downloading).suggestedFilename()).toBe(`contract-requirements-${assessment.id}.docx`);

  await session(context, viewerToken, "en");
  await page.goto(`/staff/assessments/${assessment.id}/contract-requirements`);
  await expect(page.locator('[data-requirement="mfa-privileged"]')).toContainText("multi-factor authentication for all privileged");
  await expect(page.locator('[data-requirement="breach-notification-24h"]')).toContainText("no later than 24 hours");
  await page.waitForLoadState("networkidle");
});

test("candidates are compared side by side, in Danish and English", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const { viewerToken } = await portfolio(db);
  await session(context, viewerToken, "da");
  await page.goto("/staff/dashboard");
  await page.getByRole("link", { name: "Sammenlign kandidater til et indkøb" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sammenlign kandidater");
  await page.getByLabel(/Særlig Åbenhed ØkoDrift ApS/).check();
  await page.getByLabel(/Ren Besked A\/S/).check();
  await page.getByRole("button", { name: "Sammenlign" }).click();
  const table = page.getByTestId("comparison");
  await expect(table.getByRole("columnheader", { name: "Ren Besked A/S" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Særlig Åbenhed ØkoDrift ApS" })).toBeVisible();
  await expect(table).toContainText("Ingen MFA på privilegerede konti");

  await page.getByLabel(/Ren Besked A\/S/).uncheck();
  await page.getByRole("button", { name: "Sammenlign" }).click();
  await expect(page.getByRole("alert")).toContainText("Vælg mindst 2 kandidater.");

  await session(context, viewerToken, "en");
  await page.goto("/staff/compare");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare candidates");
  await page.waitForLoadState("networkidle");
});
