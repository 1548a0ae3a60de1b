/**
 * Review queue and review page under load (issue 6), served as a browser gets them: the production
 * build behind our own server (`node server/index.js`, NODE_ENV=production), over HTTP.
 *
 * Generates, in a fresh database, the data set of bench/review-data.ts: organisation A with 10,000
 * suppliers and 50,000 assessments (the latest half in the queue), organisation B (noise) with
 * 2,000 suppliers.
 *
 * Headline figures (the issue's targets: queue p95 < 100 ms, review page p95 < 80 ms), each the
 * p95 latency of every request that 20 closed-loop clients (each sends its next request when its
 * previous answer has arrived; keep-alive connections, `Accept-Encoding: gzip`, a real staff
 * session cookie of a reviewer in organisation A) make in MEASURE_MS, after WARM_MS of warm-up:
 * - review.queue_p95_ms: the queue page, unfiltered, the clients paging through all its pages;
 * - review.queue_filtered_p95_ms: the queue page under a mix of filters (and a later page);
 * - review.page_p95_ms: the review page of a full assessment (answers, flags, previous
 *   assessment), one such assessment per client.
 * Every response must be 200 (a redirect to /login would be a 302); the others are counted in
 * review.http_errors and printed. One run each: what it measures is what is reported. The machine
 * may be shared, so the 1-minute load average is printed beside every figure (and kept as
 * review.load_average_1m, taken before the HTTP runs).
 *
 * Secondary figures, to keep the parts visible:
 * - review.queue_http_single_median_ms / review.page_http_single_median_ms: one client alone
 *   (no queueing): the server's own time per page, HTTP and gzip included;
 * - review.queue_loader_p95_ms / review.queue_filtered_loader_p95_ms / review.page_loader_p95_ms:
 *   only the route loaders, called in-process (no rendering, no HTTP), 20 requests arriving at
 *   once for ROUNDS rounds, each latency counted from the moment all 20 arrived;
 * - review.queue_loader_single_median_ms: one queue loader call alone, median;
 * - review.baseline_select_p95_ms: a trivial indexed SELECT, same 20-at-once pattern;
 * - review.reference_account_p95_ms: the same 20 clients on the reviewer's own account page (a
 *   short form page with a list of sessions: about the least a staff page costs), measured in
 *   the same run, and review.queue_p95_vs_account / review.page_p95_vs_account, each headline
 *   p95 as a multiple of it: what the targets ask, in units this machine can be compared by.
 *
 * Environment: BUILD_DIR (default build; built when missing, or always with BENCH_REBUILD=1),
 * REVIEW_BENCH_PORT (default 3620),
 * BENCH_MEASURE_MS (default 5000), BENCH_CPU_PROF=<dir> (a V8 CPU profile of the server),
 * REVIEW_BENCH_KEEP=1 (keep the data directory), REVIEW_BENCH_GENERATE_ONLY=1.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { generateReviewData, queueFilters } from "./review-data";
import { ensureBuild, percentile, startChild, stopChild as stop, type BenchFigure } from "./support";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const CONCURRENCY = 20;
const ROUNDS = 60;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 5000);
const WARM_MS = 1500;

const load = () => os.loadavg()[0]!.toFixed(2);

/**
 * In-process loaders: `CONCURRENCY` requests arrive together, `ROUNDS` times; each latency counts
 * from the moment all arrived, so waiting for the others is included. One run.
 */
async function concurrentP95(make: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < CONCURRENCY; i++) await make(i); // warm up
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        Promise.resolve()
          .then(() => make(round * CONCURRENCY + i))
          .then(() => latencies.push(performance.now() - start)),
      ),
    );
  }
  return percentile(latencies, 95);
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  status: number;
  encoding: string | undefined;
  bytes: number;
  body?: Buffer;
}

function get(port: number, urlPath: string, cookie: string, keepBody = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "GET",
        path: urlPath,
        agent,
        headers: { Cookie: cookie, "Accept-Encoding": "gzip", "Accept-Language": "da", Accept: "text/html" },
      },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (keepBody) chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers["content-encoding"],
            bytes,
            body: keepBody ? Buffer.concat(chunks) : undefined,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

interface LoopResult {
  p95: number;
  median: number;
  count: number;
  rps: number;
  errors: number;
  errorSamples: Map<string, number>;
  meanKb: number;
  notGzip: number;
}

/** Closed loop: `clients` clients, each sending its next request when the previous one is answered. */
async function closedLoop(port: number, cookie: string, clients: number, ms: number, next: (client: number) => string): Promise<LoopResult> {
  const latencies: number[] = [];
  const errorSamples = new Map<string, number>();
  let errors = 0;
  let bytes = 0;
  let notGzip = 0;
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const urlPath = next(client);
        const t0 = performance.now();
        let status = 0;
        try {
          const answer = await get(port, urlPath, cookie);
          status = answer.status;
          bytes += answer.bytes;
          if (answer.encoding !== "gzip") notGzip++;
        } catch (error) {
          const key = `network error ${error instanceof Error ? error.message : String(error)}`;
          errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
        }
        latencies.push(performance.now() - t0);
        if (status !== 200) {
          errors++;
          if (status !== 0) {
            const key = `${status} ${urlPath}`;
            errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
          }
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return {
    p95: percentile(latencies, 95),
    median: percentile(latencies, 50),
    count: latencies.length,
    rps: latencies.length / (elapsed / 1000),
    errors,
    errorSamples,
    meanKb: latencies.length ? bytes / latencies.length / 1024 : 0,
    notGzip,
  };
}

function describe(label: string, r: LoopResult): string {
  const errorText = r.errors === 0 ? "0 errors" : `${r.errors} ERRORS: ${[...r.errorSamples].slice(0, 5).map(([k, n]) => `${k} ×${n}`).join("; ")}`;
  return `  ${label.padEnd(15)} p95 ${r.p95.toFixed(1).padStart(6)} ms, median ${r.median.toFixed(1).padStart(6)} ms, ${r.count} requests (${r.rps.toFixed(0)}/s), ${r.meanKb.toFixed(1)} kB gzipped each${r.notGzip ? ` (${r.notGzip} not gzipped)` : ""}, ${errorText}; load 1m ${load()}`;
}

async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      await get(port, "/healthz", "");
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${port}`);
}

export async function run(): Promise<BenchFigure[]> {
  const buildDir = process.env.BUILD_DIR ?? "build";
  if (!process.env.REVIEW_BENCH_GENERATE_ONLY) ensureBuild(buildDir);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-review-bench-"));
  const port = Number(process.env.REVIEW_BENCH_PORT ?? 3620);
  process.env.DATA_DIR = dataDir;
  process.env.JOBS_INTERVAL_SECONDS = "0";
  process.env.NODE_ENV = "production";
  process.env.PUBLIC_URL = `http://127.0.0.1:${port}`;
  const { closeDb } = await import("../db/client");
  try {
    return await measure(buildDir, port, dataDir, closeDb);
  } finally {
    closeDb();
    agent.destroy();
    if (process.env.REVIEW_BENCH_KEEP) console.log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(buildDir: string, port: number, dataDir: string, closeDb: () => void): Promise<BenchFigure[]> {
  const { getDb } = await import("../db/client");
  const { createStaffSession, staffSessionCookie } = await import("../app/auth/staff-session.server");
  const { loader: queueLoader } = await import("../app/routes/staff.review");
  const { loader: pageLoader } = await import("../app/routes/staff.assessments.$assessmentId");
  const { QUEUE_PAGE_SIZE } = await import("../app/review/queue-shape");

  const db = getDb();
  const sqlite = db.$client;
  const { orgA, reviewersA, fullAssessmentIds, counts, generationSeconds } = await generateReviewData(db, { fullAssessments: CONCURRENCY });

  if (process.env.REVIEW_BENCH_GENERATE_ONLY) return [];
  const fullAssessmentId = fullAssessmentIds[0]!;
  const { token } = createStaffSession({ userId: reviewersA[0]!.id, orgId: orgA.id, twoFactorVerified: true }, { db });
  const cookie = `${staffSessionCookie.name}=${token}`;
  const filters = queueFilters(reviewersA[1]!.id);
  const pageCount = Math.ceil(counts.q / QUEUE_PAGE_SIZE);
  let pageCounter = 0;
  /** Page 1, 2, 3, … to the last, then again: the clients page through the queue together. */
  const nextQueuePage = () => {
    const n = (pageCounter++ % pageCount) + 1;
    return `/staff/review${n > 1 ? `?page=${n}` : ""}`;
  };
  let filterCounter = 0;
  const nextFiltered = () => `/staff/review${filters[filterCounter++ % filters.length]}`;
  const reviewPath = (client: number) => `/staff/assessments/${fullAssessmentIds[client % fullAssessmentIds.length]}`;

  // Secondary: the loaders alone, in this process, before the server starts (nothing else runs).
  const context = { requestId: "bench", nonce: "n", ip: "127.0.0.1" };
  const request = (url: string) => new Request(`http://127.0.0.1:${port}${url}`, { headers: { Cookie: cookie, "Accept-Language": "da" } });
  const call = async (fn: () => unknown) => {
    const value = await fn();
    if (value instanceof Response && value.status >= 300) throw new Error(`unexpected ${value.status}`);
    return value;
  };
  const baselineStatement = sqlite.prepare("select id, status from assessments where id = ?");
  const baseline = await concurrentP95(async () => baselineStatement.get(fullAssessmentId));
  const queueLoaderP95 = await concurrentP95(() => call(() => queueLoader({ request: request(nextQueuePage()), params: {}, context } as never)));
  const filteredLoaderP95 = await concurrentP95(() => call(() => queueLoader({ request: request(nextFiltered()), params: {}, context } as never)));
  const pageLoaderP95 = await concurrentP95((i) => {
    const id = fullAssessmentIds[i % fullAssessmentIds.length]!;
    return call(() => pageLoader({ request: request(`/staff/assessments/${id}`), params: { assessmentId: id }, context } as never));
  });
  const queueLoaderSingle = await (async () => {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await call(() => queueLoader({ request: request("/staff/review"), params: {}, context } as never));
      times.push(performance.now() - t);
    }
    return percentile(times, 50);
  })();
  console.log(
    `  loaders in-process (20 at once, ${ROUNDS} rounds): queue p95 ${queueLoaderP95.toFixed(1)} ms, filtered ${filteredLoaderP95.toFixed(1)} ms, review page ${pageLoaderP95.toFixed(1)} ms; queue alone median ${queueLoaderSingle.toFixed(2)} ms; baseline select p95 ${baseline.toFixed(3)} ms; load 1m ${load()}`,
  );
  pageCounter = 0;
  filterCounter = 0;
  closeDb();

  // The production build behind our own server, on the same database file.
  const profileArgs = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const server = startChild("node", [...profileArgs, "server/index.js"], {
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    BUILD_DIR: buildDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    JOBS_INTERVAL_SECONDS: "0",
    LOG_REQUESTS: "false",
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
  });
  try {
    await waitForServer(port, server);

    // Each page once, decompressed and checked: a 200 that is not the page would measure nothing.
    const check = async (urlPath: string, marker: RegExp, atLeast: number) => {
      const answer = await get(port, urlPath, cookie, true);
      const html = answer.encoding === "gzip" ? gunzipSync(answer.body!).toString("utf8") : answer.body!.toString("utf8");
      const found = html.match(marker)?.length ?? 0;
      if (answer.status !== 200 || found < atLeast) {
        throw new Error(`${urlPath}: status ${answer.status}, ${found} × ${marker} (want ≥ ${atLeast}) — not the page under test`);
      }
      console.log(`  ${urlPath}: ${answer.status}, ${answer.encoding ?? "identity"}, ${(answer.bytes / 1024).toFixed(1)} kB on the wire, ${(html.length / 1024).toFixed(0)} kB of HTML`);
    };
    await check("/staff/review", /href="\/staff\/assessments\/[^"/]+"/g, QUEUE_PAGE_SIZE);
    await check(`/staff/review?page=${pageCount}`, /href="\/staff\/assessments\/[^"/]+"/g, 1);
    await check(reviewPath(0), /data-question-id=/g, 20);
    await check("/staff/account", /name="intent"/g, 1);

    // One client alone (after a warm-up of each page): the server's own time per page, without queueing.
    await closedLoop(port, cookie, 1, WARM_MS, nextQueuePage);
    await closedLoop(port, cookie, 1, WARM_MS, reviewPath);
    const queueSingle = await closedLoop(port, cookie, 1, 2000, nextQueuePage);
    const pageSingle = await closedLoop(port, cookie, 1, 2000, reviewPath);
    console.log(describe("queue, 1 client", queueSingle));
    console.log(describe("page, 1 client", pageSingle));

    const loadBefore = os.loadavg()[0]!;
    console.log(`  20 closed-loop clients, ${WARM_MS} ms warm-up then ${MEASURE_MS} ms each; load 1m ${load()} on ${os.cpus().length} cores`);
    await closedLoop(port, cookie, CONCURRENCY, WARM_MS, nextQueuePage);
    const queue = await closedLoop(port, cookie, CONCURRENCY, MEASURE_MS, nextQueuePage);
    console.log(describe("queue", queue));
    await closedLoop(port, cookie, CONCURRENCY, WARM_MS, nextFiltered);
    const filtered = await closedLoop(port, cookie, CONCURRENCY, MEASURE_MS, nextFiltered);
    console.log(describe("queue filtered", filtered));
    await closedLoop(port, cookie, CONCURRENCY, WARM_MS, reviewPath);
    const page = await closedLoop(port, cookie, CONCURRENCY, MEASURE_MS, reviewPath);
    console.log(describe("review page", page));
    const accountPath = () => "/staff/account";
    await closedLoop(port, cookie, CONCURRENCY, WARM_MS, accountPath);
    const account = await closedLoop(port, cookie, CONCURRENCY, MEASURE_MS, accountPath);
    console.log(describe("account page (reference)", account));
    console.log(`  as multiples of the account page's p95: queue ${(queue.p95 / account.p95).toFixed(2)}, filtered ${(filtered.p95 / account.p95).toFixed(2)}, review page ${(page.p95 / account.p95).toFixed(2)}`);

    return [
      { name: "review.queue_p95_ms", value: queue.p95, unit: "ms" },
      { name: "review.queue_filtered_p95_ms", value: filtered.p95, unit: "ms" },
      { name: "review.page_p95_ms", value: page.p95, unit: "ms" },
      { name: "review.http_errors", value: queue.errors + filtered.errors + page.errors + account.errors + queueSingle.errors + pageSingle.errors, unit: "responses not 200" },
      { name: "review.reference_account_p95_ms", value: account.p95, unit: "ms" },
      { name: "review.queue_p95_vs_account", value: queue.p95 / account.p95, unit: "× account page p95" },
      { name: "review.page_p95_vs_account", value: page.p95 / account.p95, unit: "× account page p95" },
      { name: "review.queue_http_single_median_ms", value: queueSingle.median, unit: "ms" },
      { name: "review.page_http_single_median_ms", value: pageSingle.median, unit: "ms" },
      { name: "review.queue_loader_p95_ms", value: queueLoaderP95, unit: "ms" },
      { name: "review.queue_filtered_loader_p95_ms", value: filteredLoaderP95, unit: "ms" },
      { name: "review.page_loader_p95_ms", value: pageLoaderP95, unit: "ms" },
      { name: "review.queue_loader_single_median_ms", value: queueLoaderSingle, unit: "ms" },
      { name: "review.baseline_select_p95_ms", value: baseline, unit: "ms" },
      { name: "review.generate_s", value: generationSeconds, unit: "s" },
      // Context for reading the latencies: the machine's 1-minute load average and core count.
      { name: "review.load_average_1m", value: loadBefore, unit: `load on ${os.cpus().length} cores` },
    ];
  } finally {
    await stop(server);
  }
}
