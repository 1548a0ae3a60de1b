/**
 * A supplier on a slow connection can type and choose before the page's JavaScript has loaded.
 * That input must survive hydration and be autosaved like any other edit.
 */
import type { Page } from "@playwright/test";
import { findAnswer } from "../../../db/repos/answers";
import { expect, test } from "../support/fixtures";
import { inviteSupplier, openInvitation } from "./helpers";

test.use({ locale: "da-DK" });

/** Holds the page's JavaScript modules back until `release()`; `page.goto(url)` then returns at once. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/assets/**/*.js", async (route) => {
    await released;
    await route.continue();
  });
  return {
    goto: (url: string) => page.goto(url, { waitUntil: "commit" }),
    release,
  };
}

/** The autosave status exists only once the page has hydrated. */
const autosaveStatus = (page: Page) => page.locator(".supplier-autosave");

test("input typed and chosen before hydration is kept and saved", async ({ page, db }) => {
  const { org, assessment, token } = inviteSupplier(db);
  await openInvitation(page, token, /Start besvarelsen/);
  // Answers already saved, so the server renders values the early input then replaces.
  await page.goto("/s/themes/security-management");
  await page.locator("#q-security-contact-value").fill("Jens Jensen");
  await page.locator("#q-security-policy-opt-0").check();
  await page.locator("#q-security-management-owner-opt-0").check();
  await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
  const ownerBefore = findAnswer(db, org.id, assessment.id, "security-management-owner")!;

  const posted: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/s/autosave") {
      posted.push(new URLSearchParams(request.postData() ?? "").get("questionId") ?? "");
    }
  });
  const scripts = await holdScripts(page);
  await scripts.goto("/s/themes/security-management");
  await page.locator("#q-security-contact-value").fill("Jens Jensen, CISO");
  await page.locator("#q-security-policy-opt-1").check();
  await page.locator("#q-security-policy-comment").fill("Politikken revideres i år.");
  await expect(autosaveStatus(page)).toHaveCount(0);
  scripts.release();

  await expect(autosaveStatus(page)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen, CISO");
  await expect(page.locator("#q-security-policy-opt-1")).toBeChecked();
  await expect(page.locator("#q-security-policy-opt-0")).not.toBeChecked();
  await expect(page.locator("#q-security-policy-comment")).toHaveValue("Politikken revideres i år.");

  await expect.poll(() => findAnswer(db, org.id, assessment.id, "security-contact")?.value).toBe("Jens Jensen, CISO");
  const policy = findAnswer(db, org.id, assessment.id, "security-policy")!;
  expect(policy.value).toBe("partly");
  expect(policy.comment).toBe("Politikken revideres i år.");
  // What was not touched early is not posted again.
  expect(findAnswer(db, org.id, assessment.id, "security-management-owner")!.revision).toBe(ownerBefore.revision);
  expect(posted.sort()).toEqual(["security-contact", "security-policy"]);

  await page.unroute("**/assets/**/*.js");
  await page.reload();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen, CISO");
  await expect(page.locator("#q-security-policy-opt-1")).toBeChecked();
});

test("without early input, hydration changes and posts nothing", async ({ page, db }) => {
  const { token } = inviteSupplier(db);
  await openInvitation(page, token, /Start besvarelsen/);
  await page.goto("/s/themes/security-management");
  await page.locator("#q-security-contact-value").fill("Jens Jensen");
  await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();

  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/s/autosave") posts++;
  });
  const scripts = await holdScripts(page);
  await scripts.goto("/s/themes/security-management");
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen");
  scripts.release();
  await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Jens Jensen");
  await page.waitForLoadState("networkidle");
  expect(posts).toBe(0);
});

test("early input wins over older unsaved input restored from local storage; the rest is restored", async ({ page, db }) => {
  const { org, assessment, token } = inviteSupplier(db);
  await openInvitation(page, token, /Start besvarelsen/);
  await page.goto("/s/themes/security-management");
  // Unsaved input kept in local storage: saves fail while it is typed.
  await page.route("**/s/autosave", (route) => route.abort("internetdisconnected"));
  await page.locator("#q-security-contact-value").fill("Gammel tekst");
  await page.locator("#q-security-policy-comment").fill("Gemt lokalt");
  await expect(page.getByText("Ikke gemt – prøver igen")).toBeVisible();
  await page.unroute("**/s/autosave");

  const scripts = await holdScripts(page);
  await scripts.goto("/s/themes/security-management");
  await page.locator("#q-security-contact-value").fill("Ny tekst skrevet før siden var klar");
  scripts.release();

  await expect(page.getByRole("status").filter({ hasText: "Alle svar er gemt" })).toBeVisible();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Ny tekst skrevet før siden var klar");
  await expect(page.locator("#q-security-policy-comment")).toHaveValue("Gemt lokalt");
  await expect.poll(() => findAnswer(db, org.id, assessment.id, "security-contact")?.value).toBe("Ny tekst skrevet før siden var klar");
  await expect.poll(() => findAnswer(db, org.id, assessment.id, "security-policy")?.comment).toBe("Gemt lokalt");
  await page.unroute("**/assets/**/*.js");
  await page.reload();
  await expect(page.locator("#q-security-contact-value")).toHaveValue("Ny tekst skrevet før siden var klar");
});
