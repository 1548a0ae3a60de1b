/**
 * The page fixture must really fail a test on an accessibility violation or a CSP violation;
 * these tests are expected to fail, and Playwright reports them as passing only when they do.
 */
import { test } from "./support/fixtures";

test.describe("page fixture", () => {
  test.fail(true, "the fixture must fail this test");

  test("an axe violation fails the test", async ({ page }) => {
    await page.route("**/fixture-self-test/axe", (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><html><body><img src='/favicon.svg'></body></html>" }),
    );
    await page.goto("/fixture-self-test/axe");
  });

  test("a CSP violation fails the test", async ({ page }) => {
    // An otherwise accessible page whose inline script the CSP refuses.
    await page.route("**/fixture-self-test/csp", (route) =>
      route.fulfill({
        contentType: "text/html",
        headers: { "Content-Security-Policy": "script-src 'none'" },
        body: "<!doctype html><html lang='en'><head><title>CSP</title></head><body><main><h1>CSP</h1></main><script>document.title = 'ran'</script></body></html>",
      }),
    );
    await page.goto("/fixture-self-test/csp");
  });
});

test.describe("page fixture without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test.fail(true, "the fixture must fail this test");

  test("an axe violation fails the test even with JavaScript off", async ({ page }) => {
    await page.route("**/fixture-self-test/axe-no-js", (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><html><body><img src='/favicon.svg'></body></html>" }),
    );
    await page.goto("/fixture-self-test/axe-no-js");
  });
});
