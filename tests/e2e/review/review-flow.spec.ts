/**
 * Issue 6, end to end: a reviewer takes the top item of the queue (a supplier with a refused-MFA
 * flag), downloads its evidence, asks a clarification on one question; the supplier answers it
 * through the portal; the reviewer approves with one condition; the condition appears on the
 * supplier page with its deadline; the audit page shows every step. Every page is checked by axe
 * (the fixture) in Danish and in English.
 */
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { BrowserContext } from "@playwright/test";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { makeSubmittedAssessment } from "../../../db/factories/review";
import { emails } from "../../../db/schema";
import { expect, test } from "../support/fixtures";

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e");
const port = Number(process.env.E2E_PORT ?? 3210);

async function signIn(context: BrowserContext, token: string) {
  await context.addCookies([{ name: "lt_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

async function setLanguage(context: BrowserContext, locale: "da" | "en") {
  await context.addCookies([{ name: "lang", value: locale, domain: "localhost", path: "/", sameSite: "Lax" }]);
}

test("reviewer works the top of the queue through clarification to a decision with a condition", async ({ page, db, browser, context }) => {
  test.setTimeout(180_000);
  const org = makeOrganisation(db, { name: "Ringsted Kommune" });
  const reviewer = await makeUser(db, org.id, { role: "reviewer", name: "Rikke Reviewer" });
  // Admins need a second factor; this one has enrolled (the session below has passed it).
  const admin = await makeUser(db, org.id, { role: "admin", name: "Anne Admin", totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });

  // Lower in the queue: a medium supplier without critical flags, submitted earlier.
  const calm = makeSupplier(db, org.id, { name: "Rolig Rengøring ApS", tier: "medium" });
  makeSubmittedAssessment(db, { orgId: org.id, ...calm }, { dataDir, submittedAt: new Date(Date.now() - 9 * 86_400_000) });
  // The top: a critical supplier that asks for an exception from MFA.
  const nordlys = makeSupplier(db, org.id, {
    name: "Nordlys Hosting ApS",
    tier: "critical",
    contacts: [{ name: "Jane Doe", email: "jane@nordlys.example", locale: "en", isSecurityContact: true }],
  });
  const { assessment, evidence } = makeSubmittedAssessment(
    db,
    { orgId: org.id, ...nordlys },
    {
      dataDir,
      answers: { "customer-access-mfa": "exception-needed" },
      comments: { "customer-access-mfa": "Our legacy admin tool cannot use MFA." },
      evidence: [{ questionId: "security-policy", fileName: "Informationssikkerhedspolitik.pdf" }],
    },
  );

  const { token } = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  await signIn(context, token);
  await setLanguage(context, "da");

  // 1. The queue: the MFA supplier is on top.
  await page.goto("/staff/review");
  await expect(page.getByRole("heading", { level: 1, name: "Vurderingskø" })).toBeVisible();
  const firstRow = page.locator("table tbody tr").first();
  await expect(firstRow).toContainText("Nordlys Hosting ApS");
  await expect(firstRow).toContainText("kritiske");
  // Assigning with nothing chosen says what to do; choosing the top row takes it.
  await page.getByRole("button", { name: "Tildel", exact: true }).click();
  await expect(page.getByText("Vælg mindst én vurdering i listen")).toBeVisible();
  await firstRow.getByLabel("Vælg vurderingen af Nordlys Hosting ApS").check();
  await expect(page.getByLabel("Tildel de valgte vurderinger til")).toHaveValue(reviewer.id);
  await page.getByRole("button", { name: "Tildel", exact: true }).click();
  await expect(firstRow).toContainText(reviewer.name);
  await expect(firstRow).toContainText("Under vurdering");
  await expect(firstRow.getByLabel("Vælg vurderingen af Nordlys Hosting ApS")).not.toBeChecked();
  await firstRow.getByRole("link", { name: "Nordlys Hosting ApS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vurdering af Nordlys Hosting ApS" })).toBeVisible();
  const flag = page.locator('[data-flag-type="mfa-exception"]');
  await expect(flag).toContainText("MFA");
  await expect(flag.getByRole("link", { name: /MFA/ }).first()).toHaveAttribute("href", "#q-customer-access-mfa");

  // 2. Download the evidence.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Informationssikkerhedspolitik.pdf" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("Informationssikkerhedspolitik.pdf");
  expect(evidence).toHaveLength(1);

  // 3. Ask a clarification on the MFA question.
  const question = page.locator("#q-customer-access-mfa");
  await question.getByText("Vurdér svaret").click();
  await question.getByLabel("Bed leverandøren om afklaring").check();
  await question.getByLabel("Spørgsmål til leverandøren").fill("Which tool cannot use MFA, and when will it?");
  await question.getByRole("button", { name: "Gem vurdering" }).click();
  await expect(page.getByText("Anmodningen om afklaring er sendt til leverandøren.")).toBeVisible();
  await expect(page.getByTestId("assessment-status")).toHaveText("Afklaring ønsket");

  // 4. The supplier answers through the portal, from the link in the email (in English).
  const mail = db
    .select()
    .from(emails)
    .where(and(eq(emails.assessmentId, assessment.id), eq(emails.kind, "clarification-request")))
    .get()!;
  expect(mail.locale).toBe("en");
  expect(mail.toAddress).toBe("jane@nordlys.example");
  const link = /\/invite\/[a-z2-7]+/.exec(mail.text)![0];
  const supplierContext = await browser.newContext({ baseURL: `http://localhost:${port}` });
  await setLanguage(supplierContext, "en");
  const supplierPage = await supplierContext.newPage();
  await supplierPage.goto(link);
  await supplierPage.getByRole("button", { name: "Start answering" }).click();
  await supplierPage.waitForURL(/\/s(\/|$|\?)/);
  await supplierPage.goto("/s/clarifications");
  await expect(supplierPage.getByText("Which tool cannot use MFA, and when will it?")).toBeVisible();
  await supplierPage.locator("textarea").first().fill("The old admin console; it is replaced by 1 March and uses a VPN with certificates until then.");
  await supplierPage.getByRole("button", { name: /send/i }).click();
  await expect(supplierPage.locator(".alert-success")).toBeVisible();
  await supplierContext.close();

  // 5. Back in the review: the reply is in the conversation; approve with one condition.
  await page.reload();
  await expect(page.getByTestId("assessment-status")).toHaveText("Indsendt");
  await expect(question).toContainText("The old admin console");
  const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const decide = page.locator("#decide-heading").locator("..");
  await decide.getByLabel("Godkendt med betingelser").check();
  await decide.getByLabel("Begrundelse").fill("Godkendt, når MFA er indført på administrationskonsollen.");
  await decide.locator("#decide-conditions-0--text").fill("Indfør MFA på administrationskonsollen");
  await decide.locator("#decide-conditions-0--ownerName").fill("Jane Doe");
  await decide.locator("#decide-conditions-0--ownerSide").selectOption("supplier");
  await decide.locator("#decide-conditions-0--deadline").fill(deadline);
  await decide.getByRole("button", { name: "Registrér afgørelsen" }).click();
  await expect(page.getByText("Afgørelsen er registreret, og leverandøren har fået besked.")).toBeVisible();
  await expect(page.getByTestId("assessment-status")).toHaveText("Godkendt med betingelser");

  // 6. The condition is on the supplier page with its deadline.
  const danishDeadline = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Copenhagen" }).format(
    new Date(`${deadline}T12:00:00Z`),
  );
  await page.goto(`/staff/suppliers/${nordlys.supplier.id}`);
  const condition = page.locator("[data-remediation-id]");
  await expect(condition).toHaveCount(1);
  await expect(condition).toContainText("Indfør MFA på administrationskonsollen");
  await expect(condition).toContainText(danishDeadline);

  // 7. The audit page (admin) shows every step; so does the assessment's history.
  const adminSession = createStaffSession({ userId: admin.id, orgId: org.id, twoFactorVerified: true }, { db });
  await context.clearCookies();
  await signIn(context, adminSession.token);
  await setLanguage(context, "da");
  await page.goto("/staff/audit");
  const table = page.getByTestId("audit-table");
  for (const action of ["assessment.assigned", "evidence.downloaded", "clarification.requested", "assessment.clarification_answered", "assessment.decided"]) {
    await expect(table.locator(`tr[data-action="${action}"]`).first(), action).toBeVisible();
  }
  await page.goto(`/staff/assessments/${assessment.id}/report`);
  await expect(page.getByRole("heading", { level: 1, name: "Rapport: Nordlys Hosting ApS" })).toBeVisible();

  // 8. Every page again in English (axe runs on each load).
  await setLanguage(context, "en");
  for (const url of ["/staff/review", `/staff/assessments/${assessment.id}`, `/staff/assessments/${assessment.id}/report`, "/staff/audit", `/staff/suppliers/${nordlys.supplier.id}`]) {
    await page.goto(url);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // Let the fixture's axe run on this page finish before leaving it: a navigation in the middle
    // of axe's injection can fail with an error the fixture does not recognise as a navigation.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
  }
  await expect(page.locator("[data-remediation-id]")).toContainText("Indfør MFA");
  const itemLink = page.locator("[data-remediation-id]").getByRole("link");
  await itemLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "Close condition" })).toBeVisible();
});
