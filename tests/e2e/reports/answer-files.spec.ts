/**
 * Reusable supplier answers (issue 13): a supplier downloads its submitted answers in one
 * organisation's portal, imports the file into another organisation's invitation and sees the
 * answers prefilled; a foreign file gets a clear error. axe runs on every load (the fixture).
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { makeOrganisation, makeSupplier } from "../../../db/factories/core";
import { makeSubmittedAssessment } from "../../../db/factories/review";
import { inviteSupplier } from "../supplier/helpers";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");

async function language(context: BrowserContext, locale: "da" | "en") {
  await context.addCookies([{ name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" }]);
}

async function openInvitation(page: Page, token: string) {
  await page.goto(`/invite/${token}`);
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/s(\/|$)/);
}

test("answers downloaded in one organisation are imported into another's invitation and shown prefilled", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const org = makeOrganisation(db, { name: "Første Kommune" });
  const { supplier, contacts } = makeSupplier(db, org.id, { name: "Genbrug Æblegården ApS", tier: "medium" });
  const made = makeSubmittedAssessment(db, { orgId: org.id, supplier, contacts }, {
    dataDir,
    questionnaireId: "due-diligence",
    answers: { "security-contact": "Søren Øster, CISO" },
    evidence: [{ questionId: "security-policy", fileName: "Informationssikkerhedspolitik.pdf" }],
  });
  await language(context, "da");
  await openInvitation(page, made.invitations[0]!.token);
  await page.goto("/s/receipt");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent jeres svar som fil (JSON)" }).click();
  const file = await (await downloading).path();

  // Another organisation invites the same supplier.
  await context.clearCookies();
  await language(context, "da");
  const { token } = inviteSupplier(db);
  await openInvitation(page, token);
  await page.goto("/s");
  await page.getByRole("link", { name: "Har I en svarfil fra Leverandørtjek? Indlæs jeres tidligere svar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indlæs tidligere svar");
  await page.locator("#answer-file").setInputFiles(file!);
  await page.getByRole("button", { name: "Indlæs svar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Svarene er indlæst");
  await expect(page.getByTestId("evidence-again")).toContainText("Informationssikkerhedspolitik.pdf");
  await page.getByTestId("imported").getByRole("link", { name: "Sikkerhedsstyring og -politikker" }).click();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Søren Øster, CISO");
  // Imported answers are carried forward: marked, and confirmed (or corrected) theme by theme before submitting.
  await expect(page.getByRole("heading", { name: "Uændret siden sidst?" })).toBeVisible();
  await page.getByRole("button", { name: "Bekræft temaet uændret" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sikkerhedsstyring og -politikker" })).toBeVisible();

  // In English, a foreign file is refused with a clear message.
  await language(context, "en");
  await page.goto("/s/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import earlier answers");
  const foreign = path.join(os.tmpdir(), `foreign-${Date.now()}.json`);
  await writeFile(foreign, JSON.stringify({ exportedBy: "another tool", answers: [] }));
  await page.locator("#answer-file").setInputFiles(foreign);
  await page.getByRole("button", { name: "Import answers" }).click();
  await expect(page.locator("#answer-file-error")).toContainText("The file is not an answer file from Leverandørtjek, or it has been changed. Nothing was changed.");
  await page.waitForLoadState("networkidle");
});
