/**
 * Realistic mixed load (issue 14): open-loop arrivals against the production build on the review
 * data set (bench/review-data.ts: 10,000 suppliers, 50,000 assessments in organisation A), once
 * per worker count (WEB_CONCURRENCY=1, then 2).
 *
 * Who arrives, each on their own schedule whatever the server answers (open loop; each interval
 * drawn uniformly from 0.5–1.5 × its mean, the first at a random offset):
 * - LOAD_SUPPLIERS (200) suppliers answering, each with its own session and assessment: a theme
 *   page every ~10 s, an autosave every ~3 s (three questions in turn, each with its own
 *   revision), an evidence upload (100 KB PDF) every ~60 s;
 * - LOAD_REVIEWERS (20) reviewers of organisation A: every ~5 s the queue (a random page), the
 *   queue under one of the review bench's filters, or a full review page.
 * Latency is counted from the moment a request is sent to the end of its answer; every answer
 * must be 200 (others, and network errors, are `errors`). LOAD_WARM_SECONDS (5) of the same load
 * first, not counted; then LOAD_SECONDS (60) measured.
 *
 * Figures per worker count (1 worker: `load.<name>`, 2 workers: `load.w2.<name>`):
 * `<route>_p50_ms` / `_p95_ms` / `_p99_ms` per route (theme_page, autosave, upload, queue,
 * queue_filtered, review_page); `errors`; `achieved_vs_offered` (answers received by the end
 * of the run plus 2 s / requests sent: below 1 when the server falls behind the arrivals); `offered_rps`; `rss_mb` (peak of the primary's and every worker's RSS added up);
 * `cpu_ms_per_request` (CPU time of the primary and the workers over the measured window, per
 * answered request = CPU seconds per 1,000 requests); `load_average_1m` (the machine's, before the
 * run: the load generator runs on the same machine, and the machine may be shared).
 *
 * Environment: LOAD_SECONDS, LOAD_WARM_SECONDS, LOAD_SUPPLIERS, LOAD_REVIEWERS,
 * LOAD_DATA_SUPPLIERS (10000; organisation B gets a fifth of it), LOAD_WORKERS ("1,2"),
 * LOAD_BENCH_PORT (3630), BUILD_DIR / BENCH_REBUILD as the other HTTP benches.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { queueFilters, random, reviewDataInFreshFolder } from "./review-data";
import { ensureBuild, percentile, startAppServer, stopChild, type BenchFigure } from "./support";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const WARM_SECONDS = Number(process.env.LOAD_WARM_SECONDS ?? 5);
const SUPPLIERS = Number(process.env.LOAD_SUPPLIERS ?? 200);
const REVIEWERS = Number(process.env.LOAD_REVIEWERS ?? 20);
const DATA_SUPPLIERS = Number(process.env.LOAD_DATA_SUPPLIERS ?? 10_000);
const WORKERS = (process.env.LOAD_WORKERS ?? "1,2").split(",").map(Number);
const PORT = Number(process.env.LOAD_BENCH_PORT ?? 3630);

const THEME_EVERY_S = 10;
const AUTOSAVE_EVERY_S = 3;
const UPLOAD_EVERY_S = 60;
const REVIEWER_EVERY_S = 5;
const UPLOAD_BYTES = 100 * 1024;

const ROUTES = ["theme_page", "autosave", "upload", "queue", "queue_filtered", "review_page"] as const;
type Route = (typeof ROUTES)[number];

interface Call {
  route: Route;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Called with the status of the answer (the autosave moves its revision on). */
  done?: (status: number) => void;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function send(call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = call.body ? { ...call.headers, "Content-Length": String(call.body.length) } : call.headers;
    const req = http.request({ host: "127.0.0.1", port: PORT, method: call.method, path: call.path, headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

/** An arrival: when (ms from the start of the run) and what. */
interface Arrival {
  at: number;
  make: () => Call;
}

/** Arrivals of one activity: every ~`everyS` seconds (0.5–1.5 ×), the first at a random offset. */
function arrivals(rnd: () => number, everyS: number, durationMs: number, make: () => Call): Arrival[] {
  const out: Arrival[] = [];
  for (let at = rnd() * everyS * 1000; at < durationMs; at += everyS * 1000 * (0.5 + rnd())) out.push({ at, make });
  return out;
}

interface RunResult {
  latencies: Map<Route, number[]>;
  offered: number;
  answered: number;
  /** Answered by the end of the run plus ANSWER_GRACE_MS: what the server kept up with. */
  answeredInTime: number;
  errors: number;
  errorSamples: Map<string, number>;
  maxLagMs: number;
}

/** A request sent in the run's last moment may take this long and still count as kept up with. */
const ANSWER_GRACE_MS = 2000;

/** Sends every arrival at its time, never waiting for answers; resolves when all are answered. */
async function openLoop(schedule: Arrival[], durationMs: number): Promise<RunResult> {
  const result: RunResult = { latencies: new Map(ROUTES.map((r) => [r, []])), offered: schedule.length, answered: 0, answeredInTime: 0, errors: 0, errorSamples: new Map(), maxLagMs: 0 };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (const arrival of schedule) {
    const wait = start + arrival.at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    result.maxLagMs = Math.max(result.maxLagMs, performance.now() - (start + arrival.at));
    const call = arrival.make();
    const t0 = performance.now();
    pending.push(
      send(call).then(
        (status) => {
          result.answered++;
          if (performance.now() - start <= durationMs + ANSWER_GRACE_MS) result.answeredInTime++;
          result.latencies.get(call.route)!.push(performance.now() - t0);
          call.done?.(status);
          if (status !== 200) {
            result.errors++;
            const key = `${status} ${call.route}`;
            result.errorSamples.set(key, (result.errorSamples.get(key) ?? 0) + 1);
          }
        },
        (error: unknown) => {
          call.done?.(0);
          result.errors++;
          const key = `network ${call.route}: ${error instanceof Error ? error.message : String(error)}`;
          result.errorSamples.set(key, (result.errorSamples.get(key) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(pending);
  return result;
}

/** The server's processes: the primary and its workers (children). */
function processTree(pid: number): number[] {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  return [pid, ...children];
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU time (user + system, ms) of each process of the tree, by pid. */
function cpuMs(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of processTree(pid)) {
    if (!existsSync(`/proc/${p}/stat`)) continue;
    const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
    // After "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) → 11 and 12 here.
    out.set(p, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
  }
  return out;
}

function rssMb(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      // gone
    }
  }
  return total;
}

async function waitForServer(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const status = await send({ route: "queue", method: "GET", path: "/healthz", headers: {} }).catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on ${PORT}`);
}

/** A multipart body with one small PDF for `questionId`. */
function uploadBody(boundary: string, questionId: string, n: number): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="questionId"\r\n\r\n${questionId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="forsikring-${n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    ),
    Buffer.alloc(UPLOAD_BYTES, 0x20),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

export async function run(): Promise<BenchFigure[]> {
  const buildDir = process.env.BUILD_DIR ?? "build";
  ensureBuild(buildDir);
  const { dataDir, origin, db, data, closeDb } = await reviewDataInFreshFolder("leverandortjek-load-bench-", PORT, DATA_SUPPLIERS);
  try {
    console.log(`  data set: ${data.counts.a} assessments in A (${data.counts.q} in the queue), generated in ${data.generationSeconds.toFixed(1)} s`);
    const { makeAssessment, makeSupplier } = await import("../db/factories/core");
    const { acceptInvitation } = await import("../app/supplier-portal/invitation-entry.server");
    const { saveAnswer } = await import("../app/supplier-portal/answering.server");
    const { validateSupplierSessionToken } = await import("../app/supplier-portal/supplier-session.server");
    const { createStaffSession, staffSessionCookie } = await import("../app/auth/staff-session.server");
    const { getLatestQuestionnaireEntry } = await import("../app/questionnaire/catalogue.server");
    const { QUEUE_PAGE_SIZE } = await import("../app/review/queue-shape");

    // Suppliers answering: each an assessment of A opened through its invitation, with cyber
    // insurance answered "yes" so its evidence question takes uploads.
    const themes = getLatestQuestionnaireEntry("due-diligence")!.questionnaire.themes.map((t) => t.id);
    const supplierCookies: string[] = [];
    for (let i = 0; i < SUPPLIERS; i++) {
      const { supplier, contacts } = makeSupplier(db, data.orgA.id, { name: `Svarende leverandør ${i + 1}` });
      const { invitations } = makeAssessment(db, { orgId: data.orgA.id, supplier, contacts }, { questionnaireId: "due-diligence" });
      const cookie = acceptInvitation(invitations[0]!.token, `10.20.${Math.floor(i / 200)}.${i % 200}`).cookie.split(";")[0]!;
      supplierCookies.push(cookie);
      const ctx = validateSupplierSessionToken(cookie.split("=")[1]!)!;
      saveAnswer(ctx, { questionId: "cyber-insurance", revision: 0, value: "yes", comment: "", notApplicable: false, notApplicableReason: "" });
    }
    const reviewerCookies = Array.from({ length: REVIEWERS }, (_, i) => {
      const reviewer = data.reviewersA[i % data.reviewersA.length]!;
      const { token } = createStaffSession({ userId: reviewer.id, orgId: data.orgA.id, twoFactorVerified: true }, { db });
      return `${staffSessionCookie.name}=${token}`;
    });
    closeDb();

    // What each client sends.
    const autosaveQuestions = [
      { id: "security-contact", values: ["Jens Jensen, CISO", "Mette Hansen, IT-chef"] },
      { id: "contract-data-protection-clauses", values: ["accept", "accept-with-changes"] },
      { id: "contract-security-requirements", values: ["accept-with-changes", "accept"] },
    ];
    const revisions = supplierCookies.map(() => autosaveQuestions.map(() => 0));
    const saves = supplierCookies.map(() => 0);
    const pageCount = Math.max(1, Math.ceil(data.counts.q / QUEUE_PAGE_SIZE));
    const filters = queueFilters(data.reviewersA[1]!.id);
    const html = (cookie: string) => ({ Cookie: cookie, "Accept-Encoding": "gzip", "Accept-Language": "da", Accept: "text/html" });
    let uploads = 0;
    const themeCall = (client: number, rnd: () => number): Call => ({
      route: "theme_page",
      method: "GET",
      path: `/s/themes/${themes[Math.floor(rnd() * themes.length)]}`,
      headers: html(supplierCookies[client]!),
    });
    // As the page's script does, a field's next save waits for its last: the next question in
    // turn without a save in flight (all three in flight: the next anyway, a 409 is then counted).
    const inFlight = supplierCookies.map(() => autosaveQuestions.map(() => false));
    const autosaveCall = (client: number): Call => {
      let n = saves[client]!++;
      for (let tries = 0; tries < autosaveQuestions.length - 1 && inFlight[client]![n % autosaveQuestions.length]; tries++) n = saves[client]!++;
      const q = n % autosaveQuestions.length;
      const question = autosaveQuestions[q]!;
      inFlight[client]![q] = true;
      const body = new URLSearchParams({
        questionId: question.id,
        revision: String(revisions[client]![q]),
        // The other value than the stored one: every save writes and moves the revision on.
        value: question.values[revisions[client]![q]! % 2]!,
        comment: "",
        notApplicableReason: "",
      }).toString();
      return {
        route: "autosave",
        method: "POST",
        path: "/s/autosave",
        headers: { Cookie: supplierCookies[client]!, Origin: origin, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: Buffer.from(body),
        done: (status) => {
          inFlight[client]![q] = false;
          if (status === 200) revisions[client]![q]! += 1;
        },
      };
    };
    const uploadCall = (client: number): Call => {
      const boundary = `----ltload${++uploads}`;
      return {
        route: "upload",
        method: "POST",
        path: "/s/evidence",
        headers: { Cookie: supplierCookies[client]!, Origin: origin, Accept: "application/json", "Content-Type": `multipart/form-data; boundary=${boundary}` },
        body: uploadBody(boundary, "insurance-proof", uploads),
      };
    };
    let filterCounter = 0;
    const reviewerCall = (client: number, rnd: () => number): Call => {
      const kind = Math.floor(rnd() * 3);
      const headers = html(reviewerCookies[client]!);
      if (kind === 0) {
        const page = 1 + Math.floor(rnd() * pageCount);
        return { route: "queue", method: "GET", path: `/staff/review${page > 1 ? `?page=${page}` : ""}`, headers };
      }
      if (kind === 1) return { route: "queue_filtered", method: "GET", path: `/staff/review${filters[filterCounter++ % filters.length]}`, headers };
      const id = data.fullAssessmentIds[Math.floor(rnd() * data.fullAssessmentIds.length)]!;
      return { route: "review_page", method: "GET", path: `/staff/assessments/${id}`, headers };
    };
    const schedule = (seed: number, durationMs: number): Arrival[] => {
      const rnd = random(seed);
      const all: Arrival[] = [];
      for (let c = 0; c < SUPPLIERS; c++) {
        all.push(...arrivals(rnd, THEME_EVERY_S, durationMs, () => themeCall(c, rnd)));
        all.push(...arrivals(rnd, AUTOSAVE_EVERY_S, durationMs, () => autosaveCall(c)));
        all.push(...arrivals(rnd, UPLOAD_EVERY_S, durationMs, () => uploadCall(c)));
      }
      for (let c = 0; c < REVIEWERS; c++) all.push(...arrivals(rnd, REVIEWER_EVERY_S, durationMs, () => reviewerCall(c, rnd)));
      return all.sort((x, y) => x.at - y.at);
    };

    const figures: BenchFigure[] = [];
    for (const workers of WORKERS) {
      const server = startAppServer({ dataDir, buildDir, port: PORT, workers });
      try {
        await waitForServer(server);
        // Every kind of request once, checked: a 200 that is not the page would measure nothing.
        for (const call of [themeCall(0, Math.random), autosaveCall(0), uploadCall(0), reviewerCall(0, () => 0), reviewerCall(0, () => 0.4), reviewerCall(0, () => 0.9)]) {
          const status = await send(call);
          call.done?.(status);
          if (status !== 200) throw new Error(`${call.method} ${call.path}: ${status}`);
        }
        if (WARM_SECONDS > 0) await openLoop(schedule(workers * 7919, WARM_SECONDS * 1000), WARM_SECONDS * 1000);

        const loadAverage = os.loadavg()[0]!;
        const pid = server.pid!;
        let peakRss = rssMb(pid);
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 500);
        const cpuBefore = cpuMs(pid);
        const measured = await openLoop(schedule(20261206 + workers, SECONDS * 1000), SECONDS * 1000);
        const cpuAfter = cpuMs(pid);
        clearInterval(sampler);
        let cpu = 0;
        for (const [p, ms] of cpuAfter) cpu += ms - (cpuBefore.get(p) ?? 0);

        const prefix = workers === 1 ? "load." : `load.w${workers}.`;
        const line = ROUTES.map((route) => {
          const values = measured.latencies.get(route)!;
          figures.push(
            { name: `${prefix}${route}_p50_ms`, value: percentile(values, 50), unit: "ms" },
            { name: `${prefix}${route}_p95_ms`, value: percentile(values, 95), unit: "ms" },
            { name: `${prefix}${route}_p99_ms`, value: percentile(values, 99), unit: "ms" },
          );
          return `${route} ${values.length}× p50 ${percentile(values, 50).toFixed(1)} p95 ${percentile(values, 95).toFixed(1)} p99 ${percentile(values, 99).toFixed(1)} ms`;
        });
        const errorText = measured.errors === 0 ? "0 errors" : `${measured.errors} ERRORS: ${[...measured.errorSamples].slice(0, 5).map(([k, n]) => `${k} ×${n}`).join("; ")}`;
        console.log(`  ${workers} worker(s), ${SECONDS} s, ${(measured.offered / SECONDS).toFixed(1)} req/s offered, load 1m ${loadAverage.toFixed(2)} on ${os.cpus().length} cores`);
        for (const text of line) console.log(`    ${text}`);
        console.log(
          `    ${errorText}; answered ${measured.answeredInTime}/${measured.offered} in time (${measured.answered} in all); CPU ${(cpu / Math.max(1, measured.answered)).toFixed(2)} ms/request; RSS peak ${peakRss.toFixed(0)} MB; sender lag max ${measured.maxLagMs.toFixed(0)} ms`,
        );
        figures.push(
          { name: `${prefix}errors`, value: measured.errors, unit: "responses not 200" },
          { name: `${prefix}achieved_vs_offered`, value: measured.answeredInTime / measured.offered, unit: "answered by the end + 2 s / sent" },
          { name: `${prefix}offered_rps`, value: measured.offered / SECONDS, unit: "req/s" },
          { name: `${prefix}rss_mb`, value: peakRss, unit: workers === 1 ? "MB, one process" : `MB, ${workers} workers + primary` },
          { name: `${prefix}cpu_ms_per_request`, value: cpu / Math.max(1, measured.answered), unit: "CPU ms per request (= CPU s per 1,000)" },
          { name: `${prefix}load_average_1m`, value: loadAverage, unit: `load on ${os.cpus().length} cores` },
        );
      } finally {
        await stopChild(server);
      }
    }
    return figures;
  } finally {
    closeDb();
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
