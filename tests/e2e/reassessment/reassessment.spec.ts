/**
 * Issue 11, done when: a year after the last approved assessment (the job runner's clock moved
 * forward with LT_NOW), `npm run jobs` sends a reassessment invitation (once, however often it
 * runs); the supplier finds last year's answers prefilled, confirms eight themes unchanged and
 * edits two, and submits; the reviewer sees exactly those changes and the score trend chart.
 * New pages are visited in Danish and English (axe and CSP are checked on every load by the fixture).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import type { BrowserContext } from "@playwright/test";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { addMonths } from "../../../app/scoring/calendar";
import { makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { makeApprovedAssessment } from "../../../db/factories/reassessment";
import { answers, assessments, emails } from "../../../db/schema";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");
const port = Number(process.env.E2E_PORT ?? 3210);
const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

async function setLanguage(context: BrowserContext, locale: "da" | "en") {
  await context.addCookies([{ name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" }]);
}

/** `npm run jobs` (the two scheduling jobs only: the others would act on other specs' data with the moved clock). */
function runJobs(now: Date): string {
  return execFileSync("npx", ["tsx", "scripts/jobs.ts", "supplier-next-assessment", "reassessment"], {
    env: { ...process.env, NODE_ENV: "test", DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}`, LT_NOW: now.toISOString(), JOBS_INTERVAL_SECONDS: "0" },
    encoding: "utf8",
  });
}

test("a year on, the job sends the reassessment; the supplier confirms eight themes and edits two; the reviewer sees the changes and the trend", async ({ page, db, context }) => {
  test.setTimeout(300_000);
  const org = makeOrganisation(db, { name: "Vejle Kommune" });
  const admin = await makeUser(db, org.id, { role: "admin", name: "Anne Admin", totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });
  const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rikke Reviewer" });
  const made = makeSupplier(db, org.id, {
    name: "Fjordsky Hosting ApS",
    tier: "high",
    contacts: [{ name: "Jens Fjord", email: `jens-${Date.now()}@fjordsky.example`, locale: "da", isSecurityContact: true }],
  });
  // Last year's approved assessment on v1. Dated evidence is recent enough not to lapse.
  const now = new Date();
  const decidedAt = new Date(now.getTime() - 360 * DAY);
  const previous = makeApprovedAssessment(
    db,
    { orgId: org.id, ...made },
    {
      version: 1,
      decidedAt,
      dataDir,
      answers: {
        "incident-response-plan-tested-on": iso(new Date(now.getTime() - 30 * DAY)),
        "last-security-audit-date": iso(new Date(now.getTime() - 30 * DAY)),
        "penetration-test-date": iso(new Date(now.getTime() - 30 * DAY)),
        "third-party-risk-assessment-date": iso(new Date(now.getTime() - 30 * DAY)),
        "iso27001-certificate-expiry": iso(new Date(now.getTime() + 300 * DAY)),
        "insurance-end-date": iso(new Date(now.getTime() + 300 * DAY)),
      },
    },
  );

  // 1. Not yet due today; due once the clock reaches the date a year after the decision.
  runJobs(now);
  expect(db.select().from(assessments).where(eq(assessments.supplierId, made.supplier.id)).all()).toHaveLength(1);
  const later = new Date(addMonths(decidedAt, 12).getTime() + DAY);
  runJobs(later);
  runJobs(later);
  const reassessment = db
    .select()
    .from(assessments)
    .where(and(eq(assessments.supplierId, made.supplier.id), eq(assessments.kind, "reassessment")))
    .all();
  expect(reassessment).toHaveLength(1);
  expect(reassessment[0]!.previousAssessmentId).toBe(previous.assessment.id);
  const sent = db.select().from(emails).where(eq(emails.assessmentId, reassessment[0]!.id)).all();
  expect(sent).toHaveLength(1);

  // 2. The invitation in the outbox (admin), in Danish and English.
  const adminSession = createStaffSession({ userId: admin.id, orgId: org.id, twoFactorVerified: true }, { db });
  await context.addCookies([{ name: "lt_session", value: adminSession.token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  await setLanguage(context, "da");
  await page.goto("/staff/outbox");
  await expect(page.getByText("Vejle Kommune: tid til at gennemgå jeres svar igen").first()).toBeVisible();
  const token = /\/invite\/([a-z2-7]+)/.exec(sent[0]!.text)![1]!;

  // 3. The supplier opens it and finds last year's answers prefilled.
  await page.goto(`/invite/${token}`);
  await page.getByRole("button", { name: /Start besvarelsen/ }).click();
  await page.waitForURL("**/s");
  await page.goto("/s/themes/security-management");
  await expect(page.locator("#q-security-policy-opt-0")).toBeChecked();
  await expect(page.locator("#q-security-policy").getByText("Udfyldt fra sidste vurdering")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Uændret siden sidst?" })).toBeVisible();
  // A stale page: a colleague changed an answer since it was loaded. Confirming is refused with a
  // localised error and changes nothing; back on the theme, the fresh page confirms.
  db.update(answers)
    .set({ revision: sql`${answers.revision} + 1` })
    .where(and(eq(answers.assessmentId, reassessment[0]!.id), eq(answers.questionId, "security-policy")))
    .run();
  await page.getByRole("button", { name: "Bekræft temaet uændret" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Temaet kunne ikke bekræftes" })).toBeVisible();
  await expect(page.getByText("Et eller flere svar i temaet er blevet ændret")).toBeVisible();
  expect(db.select().from(answers).where(and(eq(answers.assessmentId, reassessment[0]!.id), eq(answers.carriedForward, false))).all()).toHaveLength(0);
  await setLanguage(context, "en");
  await page.goto("/s/unchanged");
  await expect(page.getByRole("heading", { level: 1, name: "The theme could not be confirmed" })).toBeVisible();
  await page.goto("/s/themes/security-management");
  await expect(page.getByRole("heading", { name: "Unchanged since last time?" })).toBeVisible();
  await expect(page.locator("#q-security-policy").getByText("Filled in from your last assessment")).toBeVisible();
  await setLanguage(context, "da");
  await page.goto("/s/themes/security-management");

  const themes = ["security-management", "data-access-handling", "identity-access", "contract", "incident-handling", "security-controls", "testing-assessment", "subcontractors", "awareness-training", "cyber-insurance"];
  for (const [index, themeId] of themes.entries()) {
    await expect(page).toHaveURL(new RegExp(`/s/themes/${themeId}`));
    if (themeId === "identity-access") {
      // Edited: the question new in v2 is marked new and answered.
      await expect(page.locator("#q-platform-admin-access").getByText("Nyt spørgsmål")).toBeVisible();
      await expect(page.locator("#q-platform-admin-access-opt-1")).not.toBeChecked();
      await page.locator("#q-platform-admin-access-opt-1").check();
      await expect(page.locator(".supplier-autosave")).toHaveClass(/supplier-autosave-saved/);
      await page.locator('button[name="intent"][value="continue"]').click();
    } else if (themeId === "security-controls") {
      // Edited: critical patches are now applied within 30 days.
      await expect(page.locator("#q-critical-patching-opt-0")).toBeChecked();
      await page.locator("#q-critical-patching-opt-1").check();
      await expect(page.locator(".supplier-autosave")).toHaveClass(/supplier-autosave-saved/);
      await page.locator('button[name="intent"][value="continue"]').click();
    } else {
      await page.getByRole("button", { name: "Bekræft temaet uændret" }).click();
    }
    const next = themes[index + 1];
    await page.waitForURL(next ? `**/s/themes/${next}**` : "**/s/submit");
  }
  await expect(page).toHaveURL(/\/s\/submit$/);
  await page.getByLabel("Dit navn").fill("Jens Fjord");
  await page.getByLabel("Din stilling").fill("Driftschef");
  await page.getByLabel(/bedste overbevisning/).check();
  await page.getByRole("button", { name: "Indsend besvarelsen" }).click();
  await page.waitForURL("**/s/receipt");

  // 4. The reviewer sees exactly those changes, the flags compared and the trend chart.
  const reviewerSession = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  await context.addCookies([{ name: "lt_session", value: reviewerSession.token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  await page.goto(`/staff/assessments/${reassessment[0]!.id}`);
  const comparison = page.getByTestId("reassessment-comparison");
  await expect(comparison.getByRole("heading", { name: "Ændringer siden sidste godkendte vurdering" })).toBeVisible();
  await expect(comparison.getByTestId("changed-answers").locator("li")).toHaveCount(1);
  await expect(comparison.locator('[data-question-id="critical-patching"]')).toContainText("Inden for 30 dage");
  await expect(comparison.getByTestId("new-questions").locator("li")).toHaveCount(1);
  await expect(comparison.locator('li[data-question-id="platform-admin-access"]')).toContainText("Nej");
  await expect(page.getByTestId("trend-chart")).toBeVisible();
  await expect(page.getByTestId("trend-chart").locator("circle, rect")).toHaveCount(2);
  await expect(page.getByTestId("trend-table").locator("tbody tr")).toHaveCount(2);
  await setLanguage(context, "en");
  await page.reload();
  await expect(comparison.getByRole("heading", { name: "Changes since the last approved assessment" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Overall score of each assessment" })).toBeVisible();

  // 5. The other new pages in both languages: the overview's reassessments, the manual start page,
  //    a theme with the carry-forward panel and the refusal page for the theme confirmation.
  for (const locale of ["en", "da"] as const) {
    await setLanguage(context, locale);
    await page.goto("/staff");
    await expect(page.getByTestId("reassessments-due")).toBeVisible();
    await page.goto(`/staff/suppliers/${made.supplier.id}/reassess`);
    await expect(page.getByRole("button", { name: locale === "da" ? "Start revurdering nu" : "Start reassessment now" })).toBeVisible();
  }
  // Starting by hand now is refused: the reassessment is under way (a localised error, nothing changed).
  await page.getByRole("button", { name: "Start revurdering nu" }).click();
  await expect(page.getByText("Der er allerede en vurdering i gang for leverandøren.")).toBeVisible();
  expect(db.select().from(assessments).where(eq(assessments.supplierId, made.supplier.id)).all()).toHaveLength(2);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff start a reassessment from the supplier page; the supplier confirms a theme unchanged with a plain form post, in English", async ({ page, db, context }) => {
    test.setTimeout(120_000);
    const org = makeOrganisation(db, { name: "Skive Kommune" });
    const made = makeSupplier(db, org.id, {
      name: "Limfjord Data A/S",
      tier: "critical",
      contacts: [{ name: "Ea Limfjord", email: `ea-${Date.now()}@limfjord.example`, locale: "en", isSecurityContact: true }],
    });
    const decidedAt = new Date(Date.now() - 3 * DAY);
    makeApprovedAssessment(db, { orgId: org.id, ...made }, { version: 1, decidedAt, dataDir });
    // Staff start this one by hand, from the supplier page (Danish, then the start page in English).
    const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rasmus Reviewer" });
    const session = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
    await context.addCookies([{ name: "lt_session", value: session.token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
    await setLanguage(context, "en");
    await page.goto(`/staff/suppliers/${made.supplier.id}`);
    await expect(page.getByRole("button", { name: "Start reassessment now" })).toBeVisible();
    await setLanguage(context, "da");
    await page.goto(`/staff/suppliers/${made.supplier.id}`);
    await page.getByRole("button", { name: "Start revurdering nu" }).click();
    await page.waitForURL(/\/assessments\/[^/?]+\?notice=sent$/);
    const [reassessment] = db.select().from(assessments).where(and(eq(assessments.supplierId, made.supplier.id), eq(assessments.kind, "reassessment"))).all();
    const [email] = db.select().from(emails).where(eq(emails.assessmentId, reassessment!.id)).all();
    expect(email!.locale).toBe("en");
    await setLanguage(context, "en");
    await page.goto(`/invite/${/\/invite\/([a-z2-7]+)/.exec(email!.text)![1]!}`);
    await page.getByRole("button", { name: /Start answering/ }).click();
    await page.waitForURL("**/s");
    await page.goto("/s/themes/data-access-handling");
    await expect(page.locator("#q-encryption-in-transit").getByText("Filled in from your last assessment")).toBeVisible();
    await page.getByRole("button", { name: "Confirm theme unchanged" }).click();
    await page.waitForURL("**/s/themes/identity-access?confirmed=data-access-handling");
    await expect(page.getByText("The theme has been confirmed unchanged.")).toBeVisible();
    await expect(page.locator("#q-platform-admin-access").getByText("New question")).toBeVisible();
    const confirmed = db
      .select()
      .from(answers)
      .where(and(eq(answers.assessmentId, reassessment!.id), eq(answers.questionId, "encryption-in-transit")))
      .get();
    expect(confirmed).toMatchObject({ carriedForward: false, revision: 2 });
  });
});
