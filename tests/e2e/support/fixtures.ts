/**
 * The `test` every end-to-end spec imports. Its `page` runs axe on every page it loads (0
 * violations allowed) and fails the test on any Content-Security-Policy violation or page error.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { e2eDb } from "./database";

export interface AxeViolationReport {
  url: string;
  violations: { id: string; impact?: string | null; help: string; targets: string[] }[];
}

export async function runAxe(page: Page): Promise<AxeViolationReport> {
  // Legacy mode runs axe inside the page itself. The default opens a blank page in the test's own
  // browser context to finish the run, which then races what the test does to that context:
  // `context.setOffline()` failed with "Target page, context or browser has been closed" in 8
  // of 40 runs. Our pages have no frames, so nothing goes unchecked.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return {
    url: page.url(),
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    })),
  };
}

const AXE_TIMEOUT_MS = 20_000;
const INTERRUPTED = /navigat|Execution context was destroyed|Target closed|has been closed|reading 'utils'|reading 'run'|runPartial|axe is not defined/i;

export const test = base.extend<{ db: ReturnType<typeof e2eDb> }>({
  db: async ({}, use) => {
    await use(e2eDb());
  },
  page: async ({ page, javaScriptEnabled, browser }, use) => {
    const problems: string[] = [];
    const axeReports: AxeViolationReport[] = [];
    const pending = new Set<Promise<void>>();
    let loads = 0;
    let checkedLoad = 0;
    // axe is JavaScript: with JavaScript off, the page's own DOM is checked in a second,
    // script-enabled page that receives the exact HTML (without the app's scripts) at the same URL.
    const checker = javaScriptEnabled ? null : await browser.newContext({ javaScriptEnabled: true });

    page.on("console", (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(text)) problems.push(`CSP: ${text}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

    const axeOfCurrentPage = async (): Promise<AxeViolationReport> => {
      if (!checker) return runAxe(page);
      const url = page.url();
      const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
      const copy = await checker.newPage();
      try {
        await copy.route(url, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
        await copy.goto(url);
        return { ...(await runAxe(copy)), url };
      } finally {
        await copy.close();
      }
    };

    const check = async (final = false) => {
      const url = page.url();
      if (!url.startsWith("http") || checkedLoad === loads) return;
      checkedLoad = loads;
      let timer: NodeJS.Timeout | undefined;
      // An axe run caught between two navigations can wait forever; give up after a while and
      // let the next load (or the final check) run it again. A final check that times out fails.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`axe did not finish on ${url}`)), AXE_TIMEOUT_MS);
      });
      try {
        await Promise.race([
          (async () => {
            await page.waitForLoadState("load");
            const report = await axeOfCurrentPage();
            if (report.violations.length > 0) axeReports.push(report);
          })(),
          timeout,
        ]);
      } catch (error) {
        if (final && !INTERRUPTED.test(String(error))) throw error;
        if (!INTERRUPTED.test(String(error)) && !/axe did not finish/.test(String(error))) throw error;
        // Interrupted by a navigation or timed out: check again at the next load or at the end.
        checkedLoad = 0;
      } finally {
        clearTimeout(timer);
      }
    };
    page.on("load", () => {
      loads += 1;
      const run = check().finally(() => pending.delete(run));
      pending.add(run);
    });

    await use(page);

    await Promise.race([Promise.allSettled([...pending]), new Promise((resolve) => setTimeout(resolve, AXE_TIMEOUT_MS))]);
    if (!page.isClosed()) await check(true);
    await checker?.close();
    expect(problems, "no CSP violations or page errors").toEqual([]);
    expect(axeReports, `axe violations (JavaScript ${javaScriptEnabled ? "on" : "off"})`).toEqual([]);
  },
});

export { expect };
