import { expect, test } from "./support/fixtures";

test.describe("pages without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("front page and 404 pass axe with JavaScript off", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/findes-ikke");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
