/**
 * The browser side (issue 14): Lighthouse (the npm package, pinned 12.2.3) against the production
 * build, in the installed Chromium, with its default settings: the mobile preset with simulated
 * throttling (slow 4G, 4× CPU slowdown). Pages: the supplier theme page, the supplier summary
 * page (`/s/submit`: what is missing before submitting) and the review queue, each signed in
 * (the session cookie sent on every request).
 *
 * Figures per page (theme_page, summary_page, review_queue): `lighthouse.<page>_performance`,
 * `_accessibility`, `_best_practices` (scores 0–100), `_tbt_ms` (total blocking time) and
 * `_lcp_ms` (largest contentful paint), with the machine's load average (simulated throttling
 * models the network and CPU from what it observed, so a loaded machine still moves it). Every
 * audit that did not pass in accessibility and best practices is printed, and the performance
 * audits with savings.
 *
 * Environment: LIGHTHOUSE_BENCH_PORT (3631, the server), LIGHTHOUSE_CHROME_PORT (3632, Chromium's
 * debugging port), LIGHTHOUSE_DATA_SUPPLIERS (500: the queue page shows 25 rows whatever the
 * size), CHROMIUM_PATH (else /usr/bin/chromium), BUILD_DIR / BENCH_REBUILD as the other benches.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { chromiumExecutable } from "../tests/e2e/support/chromium";
import { reviewDataInFreshFolder } from "./review-data";
import { ensureBuild, startAppServer, stopChild, type BenchFigure } from "./support";

const PORT = Number(process.env.LIGHTHOUSE_BENCH_PORT ?? 3631);
const CHROME_PORT = Number(process.env.LIGHTHOUSE_CHROME_PORT ?? 3632);
const DATA_SUPPLIERS = Number(process.env.LIGHTHOUSE_DATA_SUPPLIERS ?? 500);

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers at ${url}`);
}

export async function run(): Promise<BenchFigure[]> {
  const buildDir = process.env.BUILD_DIR ?? "build";
  ensureBuild(buildDir);
  const { dataDir, origin, db, data, closeDb } = await reviewDataInFreshFolder("leverandortjek-lighthouse-", PORT, DATA_SUPPLIERS);
  try {
    const { makeAssessment, makeSupplier } = await import("../db/factories/core");
    const { acceptInvitation } = await import("../app/supplier-portal/invitation-entry.server");
    const { createStaffSession, staffSessionCookie } = await import("../app/auth/staff-session.server");
    const { supplier, contacts } = makeSupplier(db, data.orgA.id, { name: "Lighthouse ApS" });
    const { invitations } = makeAssessment(db, { orgId: data.orgA.id, supplier, contacts }, { questionnaireId: "due-diligence" });
    const supplierCookie = acceptInvitation(invitations[0]!.token, "10.30.0.1").cookie.split(";")[0]!;
    const { token } = createStaffSession({ userId: data.reviewersA[0]!.id, orgId: data.orgA.id, twoFactorVerified: true }, { db });
    const staffCookie = `${staffSessionCookie.name}=${token}`;
    closeDb();

    const server = startAppServer({ dataDir, buildDir, port: PORT, workers: 1 });
    const browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      args: [`--remote-debugging-port=${CHROME_PORT}`, "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    const figures: BenchFigure[] = [];
    try {
      await waitForServer(`${origin}/healthz`);
      const pages = [
        { name: "theme_page", path: "/s/themes/contract", cookie: supplierCookie },
        { name: "summary_page", path: "/s/submit", cookie: supplierCookie },
        { name: "review_queue", path: "/staff/review", cookie: staffCookie },
      ];
      const loadAverage = os.loadavg()[0]!;
      for (const page of pages) {
        const result = await lighthouse(`${origin}${page.path}`, {
          port: CHROME_PORT,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility", "best-practices"],
          extraHeaders: { Cookie: page.cookie, "Accept-Language": "da" },
        });
        if (!result) throw new Error(`no Lighthouse result for ${page.path}`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        if (!lhr.finalDisplayedUrl.endsWith(page.path)) throw new Error(`${page.path} ended on ${lhr.finalDisplayedUrl}: not the page under test`);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
        const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        console.log(
          `  ${page.name} (${page.path}): performance ${score("performance")}, accessibility ${score("accessibility")}, best practices ${score("best-practices")}, TBT ${numeric("total-blocking-time").toFixed(0)} ms, LCP ${numeric("largest-contentful-paint").toFixed(0)} ms, FCP ${numeric("first-contentful-paint").toFixed(0)} ms, speed index ${numeric("speed-index").toFixed(0)} ms, CLS ${numeric("cumulative-layout-shift").toFixed(3)}; load 1m ${os.loadavg()[0]!.toFixed(2)}`,
        );
        for (const category of ["accessibility", "best-practices"]) {
          for (const ref of lhr.categories[category]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`    ${category}: ${audit.id} — ${audit.title}`);
          }
        }
        for (const ref of lhr.categories.performance?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (audit && ref.weight > 0 && audit.score !== null && audit.score < 0.9) console.log(`    performance: ${audit.id} — ${audit.displayValue ?? ""} (score ${audit.score})`);
        }
        // What moved, when anything did: the elements of the largest layout shifts.
        const shifts = (lhr.audits["layout-shifts"]?.details as { items?: { node?: { snippet?: string; selector?: string }; score?: number }[] } | undefined)?.items ?? [];
        for (const item of shifts.slice(0, 5)) console.log(`    layout shift ${item.score?.toFixed(3)}: ${item.node?.selector ?? ""} ${item.node?.snippet?.slice(0, 160) ?? ""}`);
        for (const audit of Object.values(lhr.audits)) {
          const savings = (audit.details as { overallSavingsMs?: number } | undefined)?.overallSavingsMs ?? 0;
          if (savings >= 50) console.log(`    performance: ${audit.id} — ${audit.title} (${savings.toFixed(0)} ms)`);
        }
        figures.push(
          { name: `lighthouse.${page.name}_performance`, value: score("performance"), unit: "score" },
          { name: `lighthouse.${page.name}_accessibility`, value: score("accessibility"), unit: "score" },
          { name: `lighthouse.${page.name}_best_practices`, value: score("best-practices"), unit: "score" },
          { name: `lighthouse.${page.name}_tbt_ms`, value: numeric("total-blocking-time"), unit: "ms" },
          { name: `lighthouse.${page.name}_lcp_ms`, value: numeric("largest-contentful-paint"), unit: "ms" },
        );
      }
      figures.push({ name: "lighthouse.load_average_1m", value: loadAverage, unit: `load on ${os.cpus().length} cores` });
      return figures;
    } finally {
      await browser.close();
      await stopChild(server);
    }
  } finally {
    closeDb();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
