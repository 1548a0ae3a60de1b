/**
 * Viewers read the queue, the review page and the audit log without any action forms; a reviewer
 * without JavaScript records verdicts and decisions through plain form posts, and sees the
 * server's localised errors. axe checks every page load (the fixture), in Danish and English.
 */
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { makeSubmittedAssessment } from "../../../db/factories/review";
import { test as plainTest } from "@playwright/test";
import { e2eDb } from "../support/database";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");

async function session(context: BrowserContext, token: string, locale: "da" | "en") {
  await context.addCookies([
    { name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
    { name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" },
  ]);
}

test("a viewer reads everything and can act on nothing", async ({ page, db, context }) => {
  test.setTimeout(120_000);
  const org = makeOrganisation(db);
  const viewer = await makeUser(db, org.id, { role: "viewer", name: "Revisor Rasmussen" });
  const supplier = makeSupplier(db, org.id, { name: "Læsbar Leverandør ApS", tier: "high" });
  const { assessment } = makeSubmittedAssessment(db, { orgId: org.id, ...supplier }, { dataDir, answers: { "security-exceptions-requested": "yes" } });
  const { token } = createStaffSession({ userId: viewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  for (const locale of ["da", "en"] as const) {
    await session(context, token, locale);
    await page.goto("/staff/review");
    await expect(page.locator("table tbody tr")).toHaveCount(1);
    await expect(page.locator("select[name='reviewerId'], input[name='assessmentId']")).toHaveCount(0);
    await page.goto(`/staff/assessments/${assessment.id}`);
    await expect(page.locator("[data-flag-type='mfa-exception']")).toBeVisible();
    await expect(page.locator("input[name='intent']")).toHaveCount(0);
    await page.goto("/staff/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(locale === "da" ? "Revisionslog" : "Audit log");
  }
});

// axe-core cannot run in a page with JavaScript disabled (its analysis never returns), so this
// test uses plain Playwright; the same server-rendered pages are axe-checked with JavaScript on
// in the other tests.
plainTest.describe("without JavaScript", () => {
  plainTest.use({ javaScriptEnabled: false });

  plainTest("a reviewer records a finding and gets the server's errors for an empty decision", async ({ page, context }) => {
    plainTest.setTimeout(120_000);
    const db = e2eDb();
    const org = makeOrganisation(db);
    const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rikke Uden Script" });
    const supplier = makeSupplier(db, org.id, { name: "Scriptløs ApS", tier: "medium" });
    const { assessment } = makeSubmittedAssessment(db, { orgId: org.id, ...supplier }, { dataDir });
    const { token } = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
    await session(context, token, "da");

    await page.goto(`/staff/assessments/${assessment.id}`);
    const question = page.locator("#q-mfa-enforced");
    // Without JavaScript a closed question holds a link that loads the page with its form open.
    await question.locator("summary").click();
    await question.getByRole("link", { name: "Åbn formularen til vurdering af svaret" }).click();
    await expect(page).toHaveURL(/\?question=mfa-enforced#q-mfa-enforced$/);
    await question.getByLabel("Registrér et fund").check();
    await question.getByLabel("Alvor").selectOption("medium");
    await question.getByLabel("Beskrivelse af fundet").fill("MFA mangler på VPN");
    await question.getByRole("button", { name: "Gem vurdering" }).click();
    await expect(page.getByText("Fundet er registreret.")).toBeVisible();
    await expect(page.getByTestId("verdict-mfa-enforced")).toContainText("MFA mangler på VPN");
    await expect(page.getByTestId("assessment-status")).toHaveText("Under vurdering");

    await page.getByRole("button", { name: "Registrér afgørelsen" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Der er problemer med det, du har indtastet" })).toBeVisible();
    await expect(page.getByText("Vælg en afgørelse").first()).toBeVisible();
    await expect(page.getByTestId("assessment-status")).toHaveText("Under vurdering");

    await session(context, token, "en");
    await page.goto(`/staff/assessments/${assessment.id}`);
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Choose a decision").first()).toBeVisible();
    await expect(page.getByTestId("assessment-status")).toHaveText("In review");
    await page.goto(`/staff/assessments/${assessment.id}/report`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report: Scriptløs ApS");
  });
});
