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
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
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

export const test = base.extend<{ db: ReturnType<typeof e2eDb> }>({
  db: async ({}, use) => {
    await use(e2eDb());
  },
  page: async ({ page, javaScriptEnabled }, use) => {
    const problems: string[] = [];
    const axeReports: AxeViolationReport[] = [];
    const pending = new Set<Promise<void>>();
    let lastChecked = "";

    page.on("console", (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(text)) problems.push(`CSP: ${text}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

    const check = async () => {
      const url = page.url();
      if (!url.startsWith("http") || url === lastChecked) return;
      lastChecked = url;
      try {
        await page.waitForLoadState("load");
        const report = await runAxe(page);
        if (report.violations.length > 0) axeReports.push(report);
      } catch (error) {
        // The page navigated away while axe ran; the next load is checked instead.
        if (!/navigat|Execution context was destroyed|Target closed|has been closed/i.test(String(error))) throw error;
        lastChecked = "";
      }
    };
    page.on("load", () => {
      const run = check().finally(() => pending.delete(run));
      pending.add(run);
    });

    await use(page);

    await Promise.allSettled([...pending]);
    if (!page.isClosed()) await check();
    expect(problems, "no CSP violations or page errors").toEqual([]);
    expect(axeReports, `axe violations (JavaScript ${javaScriptEnabled ? "on" : "off"})`).toEqual([]);
  },
});

export { expect };
