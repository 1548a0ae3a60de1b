import { expect, test } from "./support/fixtures";

for (const locale of ["da", "en"] as const) {
  test.describe(`foundation pages (${locale})`, () => {
    test.use({ locale: locale === "da" ? "da-DK" : "en-GB" });

    test("front page, skip link and language switch", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1, name: "Leverandørtjek" })).toBeVisible();
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: locale === "da" ? "Gå til sidens indhold" : "Skip to main content" })).toBeFocused();
      await page.getByRole("button", { name: locale === "da" ? "Switch to English" : "Skift til dansk" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", locale === "da" ? "en" : "da");
    });

    test("unknown page is a localised 404", async ({ page }) => {
      const response = await page.goto("/findes-ikke");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(locale === "da" ? "Siden findes ikke" : "Page not found");
    });
  });
}
