import { writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { tinyPdf, executableBytes } from "../../integration/supplier/files";
import { answerTheme, answerVisible, chooseValue, inviteSupplier, openInvitation, questionnaire } from "./helpers";

const dir = mkdtempSync(path.join(os.tmpdir(), "lt-e2e-files-"));
const pdfPath = path.join(dir, "forsikringspolice.pdf");
const exePath = path.join(dir, "politik.pdf");
writeFileSync(pdfPath, tinyPdf());
writeFileSync(exePath, executableBytes());

for (const javaScriptEnabled of [true, false]) {
  const language = javaScriptEnabled ? "da" : "en";
  test.describe(`answering the questionnaire, JavaScript ${javaScriptEnabled ? "on" : "off"} (${language})`, () => {
    test.use({ javaScriptEnabled, locale: language === "da" ? "da-DK" : "en-GB" });

    test("from the invitation link to the receipt", async ({ page, db }) => {
      test.setTimeout(900_000);
      const { token } = inviteSupplier(db);
      await openInvitation(page, token, language === "da" ? /Start besvarelsen/ : /Start answering/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByText(/Eksempel Kommune/).first()).toBeVisible();

      const themes = questionnaire().themes;
      await page.locator(`a[href="/s/themes/${themes[0]!.id}"]`).first().click();
      const done = new Set<string>();
      for (const theme of themes) {
        if (theme.id === "cyber-insurance") {
          // A conditional question appears when its condition holds (without JavaScript: after saving).
          await expect(page.locator("#q-insurance-coverage")).toBeHidden();
          await page.locator("#q-cyber-insurance-opt-0").check();
          done.add("cyber-insurance");
          if (!javaScriptEnabled) {
            await page.locator('button[name="intent"][value="save"]').click();
            await page.waitForURL(/notice=new/);
          }
          await expect(page.locator("#q-insurance-coverage")).toBeVisible();
          // Evidence: a real PDF is accepted, a renamed executable refused.
          await page.locator("#q-insurance-proof-evidence-file").setInputFiles(pdfPath);
          await page.locator("#q-insurance-proof-evidence").getByRole("button", { name: /Upload/ }).click();
          await expect(page.locator("#q-insurance-proof-evidence").getByRole("link", { name: /forsikringspolice\.pdf/ })).toBeVisible();
          await page.locator("#q-insurance-proof-evidence-file").setInputFiles(exePath);
          await page.locator("#q-insurance-proof-evidence").getByRole("button", { name: /Upload/ }).click();
          await expect(page.locator("#q-insurance-proof-evidence")).toContainText(language === "da" ? /politik\.pdf blev afvist/ : /politik\.pdf was refused/);
          await expect(page.locator("#q-insurance-proof-evidence").getByRole("link", { name: "politik.pdf", exact: true })).toHaveCount(0);
        }
        await answerTheme(page, theme.id, done, { "cyber-insurance": "yes", "penetration-test": "no" });
      }
      await expect(page).toHaveURL(/\/s\/submit$/);

      // Leave and come back: everything is still there.
      await page.goto("/s");
      await expect(page.locator("#overall-progress")).toHaveAttribute("value", "100");
      await page.goto("/s/themes/security-management");
      await expect(page.locator("#q-security-contact-value")).toHaveValue("Beskrevet i vores sikkerhedspolitik.");
      await page.goto("/s/themes/cyber-insurance");
      await expect(page.locator("#q-cyber-insurance-opt-0")).toBeChecked();

      await page.goto("/s/submit");
      await page.getByLabel(language === "da" ? "Dit navn" : "Your name").fill("Mette Hansen");
      await page.getByLabel(language === "da" ? "Din stilling" : "Your job title").fill("IT-chef");
      await page.getByLabel(language === "da" ? /bedste overbevisning/ : /best of my knowledge/).check();
      await page.getByRole("button", { name: language === "da" ? "Indsend besvarelsen" : "Submit the questionnaire" }).click();
      await page.waitForURL("**/s/receipt");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(language === "da" ? "Kvittering" : "Receipt");
      await expect(page.getByText(/Mette Hansen, IT-chef/)).toBeVisible();
      await expect(page.getByRole("link", { name: "forsikringspolice.pdf" })).toBeVisible();
      // The answers are now read-only.
      await page.goto("/s/themes/cyber-insurance");
      await expect(page.locator("#q-cyber-insurance-opt-0")).toBeDisabled();
    });
  });
}

test.describe("autosave with JavaScript", () => {
  test.use({ locale: "da-DK" });
  test("saves as the supplier types, and keeps unsaved input across a reload", async ({ page, db }) => {
    const { token } = inviteSupplier(db);
    await openInvitation(page, token, /Start besvarelsen/);
    await page.goto("/s/themes/security-management");
    await page.locator("#q-security-contact-value").fill("Jens Jensen, CISO");
    await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
    await page.reload();
    await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen, CISO");
    // Offline: the input stays in the page and in local storage, and is saved when the page comes back.
    await page.context().setOffline(true);
    await page.locator("#q-security-contact-value").fill("Jens Jensen, CISO og DPO");
    await expect(page.getByText("Ikke gemt – prøver igen")).toBeVisible();
    // Back online the page retries at once, racing the reload. Until the reload replaces this page
    // its saves still fail, so the reloaded page always finds the input in local storage only.
    let oldPage = true;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) oldPage = false;
    });
    await page.route("**/s/autosave", (route) => (oldPage ? route.abort("internetdisconnected") : route.continue()));
    await page.context().setOffline(false);
    await page.reload();
    await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen, CISO og DPO");
    await expect(page.getByText("Vi har hentet svar, du skrev, men som ikke nåede at blive gemt")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
    await page.unroute("**/s/autosave");
    await page.reload();
    await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen, CISO og DPO");
  });

  test("a reload rendered just before a save landed still shows what was saved", async ({ page, db }) => {
    const saved = page.getByRole("status").filter({ hasText: "Alle svar er gemt" });
    const field = page.locator("#q-security-contact-value");
    const { token } = inviteSupplier(db);
    await openInvitation(page, token, /Start besvarelsen/);
    await page.goto("/s/themes/security-management");
    await field.fill("Jens Jensen, CISO");
    await expect(saved).toBeVisible();
    // The next save is held back until the page for the reload has been rendered by the server,
    // then answered to this page before that reload is shown (the order a CI run once hit).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/s/autosave", async (route) => {
      await held;
      await route.continue();
    });
    await field.fill("Jens Jensen, CISO og DPO");
    const rendered = await page.request.get("/s/themes/security-management");
    const html = await rendered.text();
    expect(html).toContain("Jens Jensen, CISO");
    expect(html).not.toContain("og DPO");
    release();
    await expect(saved).toBeVisible();
    await page.route("**/s/themes/security-management", (route) => route.fulfill({ response: rendered }));
    await page.reload();
    await expect(field).toHaveValue("Jens Jensen, CISO og DPO");
    await expect(saved).toBeVisible();
    await page.unroute("**/s/themes/security-management");
    await page.unroute("**/s/autosave");
    await page.reload();
    await expect(field).toHaveValue("Jens Jensen, CISO og DPO");
  });
});

test.describe("questions revealed by a save", () => {
  test.use({ locale: "da-DK" });
  test("a question a pending save reveals after the click on continue keeps the supplier on the theme", async ({ page, db }) => {
    const { token } = inviteSupplier(db);
    await openInvitation(page, token, /Start besvarelsen/);
    await page.goto("/s/themes/subcontractors");
    const outsources = questionnaire().themes.flatMap((t) => t.questions).find((q) => q.id === "outsources-services")!;
    const yes = chooseValue(outsources, { "outsources-services": "yes" });
    if (!yes || !("index" in yes)) throw new Error("outsources-services is a choice");
    // The save of "yes" is held until the supplier has clicked "continue", so the questions it
    // reveals appear only while the click waits for pending saves: the supplier never saw them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/s/autosave", async (route) => {
      await held;
      await route.continue();
    });
    await page.locator(`#q-outsources-services-opt-${yes.index}`).check();
    await expect(page.locator("#q-subsuppliers-list")).toBeHidden();
    await page.locator('button[name="intent"][value="continue"]').click();
    release();
    await page.waitForURL(/\/s\/themes\/subcontractors\?notice=new/);
    await expect(page.locator("#q-subsuppliers-list")).toBeVisible();
    await expect(page.getByText("Dine svar har åbnet nye spørgsmål på denne side")).toBeVisible();
    await expect(page.locator(`#q-outsources-services-opt-${yes.index}`)).toBeChecked();
    await page.unroute("**/s/autosave");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, locale: "da-DK" });
  test("a theme fits 375 px and can be answered", async ({ page, db }) => {
    const { token } = inviteSupplier(db);
    await openInvitation(page, token, /Start besvarelsen/);
    await page.goto("/s/themes/awareness-training");
    const done = new Set<string>();
    await answerVisible(page, "awareness-training", done);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.locator('button[name="intent"][value="continue"]').click();
    await page.waitForURL("**/s/themes/cyber-insurance");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test.describe("by keyboard only", () => {
  test.use({ locale: "da-DK" });
  test("open the link, answer a theme and continue without a mouse", async ({ page, db }) => {
    const { token } = inviteSupplier(db);
    await page.goto(`/invite/${token}`);
    const focusOn = async (selector: string, max = 80) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press("Tab");
        if (await page.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false)) return;
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    await focusOn("main form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/s");
    await page.goto("/s/themes/awareness-training");
    await focusOn("#q-awareness-training-opt-0");
    await page.keyboard.press("Space");
    await expect(page.locator("#q-awareness-training-opt-0")).toBeChecked();
    await focusOn("#q-phishing-simulations-opt-0");
    await page.keyboard.press("Space");
    await focusOn("#q-incident-reporting-policy-opt-0");
    await page.keyboard.press("Space");
    await focusOn('button[name="intent"][value="continue"]');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/s/themes/cyber-insurance");
  });
});

test.describe("an unusable link", () => {
  test.use({ locale: "da-DK" });
  test("gets the same page whatever the reason", async ({ page }) => {
  const response = await page.goto(`/invite/${"a".repeat(32)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Linket kan ikke bruges");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
});
});

test("a post with Origin: null passes only when Sec-Fetch-Site says it came from this site", async ({ request, db }) => {
  const { token } = inviteSupplier(db);
  const crossSite = await request.post(`/invite/${token}`, { headers: { Origin: "null", "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
  const unknown = await request.post(`/invite/${token}`, { headers: { Origin: "null" }, maxRedirects: 0 });
  expect(unknown.status()).toBe(403);
  const sameOrigin = await request.post(`/invite/${token}`, { headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" }, maxRedirects: 0 });
  expect(sameOrigin.status()).toBe(303);
  expect(sameOrigin.headers()["location"]).toBe("/s");
});
