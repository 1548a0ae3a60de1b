/**
 * Supplier portal benchmarks (issue 5), against the production build on one database file, each
 * client with its own supplier session, beside three reference servers:
 * (a) the same build under plain `remix-serve`; (b) a bare node:http + React renderToString page
 * reading the same rows; (c) a bare node:http answer UPDATE (bench/supplier-baseline-server.ts).
 *
 * Figures: theme page throughput at 100 concurrent vs (a) and (b), page p95 at a fixed 200 req/s,
 * autosave throughput vs (c) and p95 at a fixed 500 req/s, server RSS growth during one 100 MB
 * upload and five at once, and the gzipped JavaScript the supplier pages load. Beside them, the
 * floor: a 404 document (layout only) from the same server, against the react baseline.
 */
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ensureBuild, percentile, startChild as start, stopChild as stop, type BenchFigure } from "./support";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const CLIENTS = 100;
const THEME = "contract";
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 4000);
const WARM_MS = 1000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

interface Target {
  port: number;
}

function request(target: Target, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: target.port, method, path: urlPath, headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    if (body) req.end(body);
    else req.end();
  });
}

/** Closed loop: `concurrency` clients back to back for `ms`; returns requests per second. */
async function throughput(concurrency: number, ms: number, one: (client: number) => Promise<number>): Promise<{ rps: number; errors: number }> {
  let count = 0;
  let errors = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < end) {
        const status = await one(client % CLIENTS).catch(() => 0);
        if (status >= 200 && status < 300) count++;
        else errors++;
      }
    }),
  );
  return { rps: count / (ms / 1000), errors };
}

/** Open loop: requests started at a fixed rate for `ms`; returns the latency p95 in ms. */
async function fixedRate(rate: number, ms: number, one: (client: number) => Promise<number>): Promise<{ p95: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.floor((rate * ms) / 1000);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      one(i % CLIENTS).then(
        (status) => {
          latencies.push(performance.now() - t0);
          if (status < 200 || status >= 300) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { p95: percentile(latencies, 95), errors };
}

async function waitForPort(port: number, pathName = "/"): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await request({ port }, "GET", pathName, {});
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${port}`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** Streams an upload of `size` bytes (a PDF header, then filler) without holding it in memory. */
function upload(target: Target, cookie: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const boundary = "----ltbench";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="questionId"\r\n\r\ninsurance-proof\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const fill = size - 9;
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        method: "POST",
        path: "/s/evidence",
        agent: false,
        headers: {
          Cookie: cookie,
          Origin: `http://127.0.0.1:${target.port}`,
          Accept: "application/json",
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(head.length + fill + tail.length),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.write(head);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < fill) {
        const n = Math.min(chunk.length, fill - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once("drain", pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

export async function run(): Promise<BenchFigure[]> {
  const buildDir = process.env.BUILD_DIR ?? "build";
  ensureBuild(buildDir);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lt-bench-supplier-"));
  process.env.DATA_DIR = dataDir;
  process.env.NODE_ENV = "production";
  const ports = { app: 3411, remix: 3412, react: 3413, update: 3414 };
  process.env.PUBLIC_URL = `http://127.0.0.1:${ports.app}`;

  // Rows: one organisation, CLIENTS suppliers, each an assessment with a session and some answers.
  const { getDb, closeDb } = await import("../db/client");
  const { makeAssessment, makeOrganisation, makeSupplier } = await import("../db/factories/core");
  const { acceptInvitation } = await import("../app/supplier-portal/invitation-entry.server");
  const { saveAnswer } = await import("../app/supplier-portal/answering.server");
  const { validateSupplierSessionToken } = await import("../app/supplier-portal/supplier-session.server");
  const db = getDb();
  const org = makeOrganisation(db, { name: "Benchmark Kommune" });
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const { supplier, contacts } = makeSupplier(db, org.id);
    const { invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: "due-diligence" });
    const { cookie } = acceptInvitation(invitations[0]!.token, `10.9.${Math.floor(i / 200)}.${i % 200}`);
    const pair = cookie.split(";")[0]!;
    cookies.push(pair);
    const ctx = validateSupplierSessionToken(pair.split("=")[1]!)!;
    for (const [questionId, value] of [
      ["contract-data-protection-clauses", "accept"],
      ["contract-security-requirements", "accept"],
      ["security-contact", "Første svar"],
    ] as const) {
      saveAnswer(ctx, { questionId, revision: 0, value, comment: "", notApplicable: false, notApplicableReason: "" });
    }
  }
  closeDb();

  const serverEnv = {
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    BUILD_DIR: buildDir,
    JOBS_INTERVAL_SECONDS: "0",
    LOG_REQUESTS: "false",
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
  };
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the app server (open it in Chrome DevTools).
  const profileArgs = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const app = start("node", [...profileArgs, "server/index.js"], { ...serverEnv, PORT: String(ports.app), PUBLIC_URL: `http://127.0.0.1:${ports.app}` });
  const remix = start(path.join(root, "node_modules/.bin/remix-serve"), [path.join(buildDir, "server", "index.js")], { ...serverEnv, PORT: String(ports.remix), PUBLIC_URL: `http://127.0.0.1:${ports.remix}` });
  const react = start(path.join(root, "node_modules/.bin/tsx"), ["bench/supplier-baseline-server.ts"], { ...serverEnv, MODE: "react", PORT: String(ports.react) });
  const bare = start(path.join(root, "node_modules/.bin/tsx"), ["bench/supplier-baseline-server.ts"], { ...serverEnv, MODE: "update", PORT: String(ports.update) });
  const figures: BenchFigure[] = [];
  try {
    await Promise.all([waitForPort(ports.app, "/healthz"), waitForPort(ports.remix, "/healthz"), waitForPort(ports.react), waitForPort(ports.update)]);
    const page = (port: number) => (client: number) =>
      request({ port }, "GET", `/s/themes/${THEME}`, { Cookie: cookies[client]!, "Accept-Encoding": "gzip" });

    // The floor of any document this stack renders: the supplier area's 404 page (layout, one
    // heading, no loader data) from the same server. It says how much of the theme page's cost
    // is the page and how much is Remix's document machinery.
    const floorPage = (client: number) =>
      request({ port: ports.app }, "GET", "/s/no-such-page", { Cookie: cookies[client]!, "Accept-Encoding": "gzip" }).then((status) =>
        status === 404 ? 200 : status,
      );

    // Warm up every server, then measure each alone.
    for (const port of [ports.app, ports.remix, ports.react]) await throughput(20, WARM_MS, page(port));
    await throughput(20, WARM_MS, floorPage);
    // Interleaved rounds, so a neighbour's load on a shared machine falls on all alike.
    const totals = { app: 0, remix: 0, react: 0, floor: 0, errors: 0 };
    const ROUNDS = 3;
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of ["app", "remix", "react", "floor"] as const) {
        const result = await throughput(100, MEASURE_MS / ROUNDS, key === "floor" ? floorPage : page(ports[key]));
        totals[key] += result.rps / ROUNDS;
        totals.errors += result.errors;
      }
    }
    const ours = { rps: totals.app, errors: totals.errors };
    const viaRemixServe = { rps: totals.remix };
    const viaReact = { rps: totals.react };
    const pageLatency = await fixedRate(200, MEASURE_MS, page(ports.app));
    console.log(
      `  page: ours ${ours.rps.toFixed(0)}/s (${ours.errors} errors), remix-serve ${viaRemixServe.rps.toFixed(0)}/s, react baseline ${viaReact.rps.toFixed(0)}/s; p95 at 200/s ${pageLatency.p95.toFixed(1)} ms`,
    );
    console.log(`  floor: a 404 document from the same server ${totals.floor.toFixed(0)}/s = ${(totals.floor / viaReact.rps).toFixed(2)}× the react baseline`);
    figures.push(
      { name: "supplier.page_p95_ms", value: pageLatency.p95, unit: "ms" },
      { name: "supplier.page_vs_remix_serve", value: ours.rps / viaRemixServe.rps, unit: "ratio" },
      { name: "supplier.page_vs_react_baseline", value: ours.rps / viaReact.rps, unit: "ratio" },
      { name: "supplier.remix_floor_vs_react_baseline", value: totals.floor / viaReact.rps, unit: "ratio" },
    );

    // Autosave: each client keeps its own revision, alternating two values so every post writes.
    const revisions = new Array<number>(CLIENTS).fill(1);
    const flips = new Array<number>(CLIENTS).fill(0);
    const save = (port: number, pathName: string) => async (client: number) => {
      const body = new URLSearchParams({
        questionId: "security-contact",
        revision: String(revisions[client]),
        value: (flips[client] = (flips[client] ?? 0) + 1) % 2 === 0 ? "Jens Jensen, CISO" : "Mette Hansen, IT-chef",
        comment: "",
        notApplicableReason: "",
      }).toString();
      const status = await request({ port }, "POST", pathName, {
        Cookie: cookies[client]!,
        Origin: `http://127.0.0.1:${port}`,
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(Buffer.byteLength(body)),
      }, body);
      if (status === 200) revisions[client]! += 1;
      return status;
    };
    await throughput(10, WARM_MS, save(ports.app, "/s/autosave"));
    // The bare handler works on the same rows: re-read the revisions it will see.
    const oursSave = await throughput(50, MEASURE_MS, save(ports.app, "/s/autosave"));
    const bareSave = await throughput(50, MEASURE_MS, save(ports.update, "/"));
    const saveLatency = await fixedRate(500, MEASURE_MS, save(ports.app, "/s/autosave"));
    console.log(
      `  autosave: ours ${oursSave.rps.toFixed(0)}/s (${oursSave.errors} errors), bare UPDATE ${bareSave.rps.toFixed(0)}/s (${bareSave.errors} errors); p95 at 500/s ${saveLatency.p95.toFixed(1)} ms (${saveLatency.errors} errors)`,
    );
    figures.push(
      { name: "supplier.autosave_p95_ms", value: saveLatency.p95, unit: "ms" },
      { name: "supplier.autosave_vs_baseline", value: oursSave.rps / bareSave.rps, unit: "ratio" },
    );

    // Uploads: the server's RSS, sampled while one 100 MB upload runs, then five at once.
    const pid = app.pid!;
    const size = 100 * 1024 * 1024 - 64 * 1024;
    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssMb(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMb(pid));
      } catch {
        // process gone
      }
    }, 20);
    const one = await upload({ port: ports.app }, cookies[0]!, size);
    const five = await Promise.all(cookies.slice(1, 6).map((c) => upload({ port: ports.app }, c, size)));
    clearInterval(sampler);
    console.log(`  uploads: statuses ${[one, ...five].join(",")}; RSS ${baseline.toFixed(0)} MB → peak ${peak.toFixed(0)} MB`);
    figures.push({ name: "supplier.upload_rss_growth_mb", value: peak - baseline, unit: "MB" });

    // JavaScript the supplier pages load (every module script and preload, gzipped), union over the pages.
    const assets = new Set<string>();
    for (const pathName of ["/s", `/s/themes/${THEME}`, "/s/submit"]) {
      const html = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port: ports.app, path: pathName, headers: { Cookie: cookies[7]! }, agent }, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c) => (text += c));
            res.on("end", () => resolve(text));
          })
          .on("error", reject);
      });
      for (const match of html.matchAll(/\/assets\/[A-Za-z0-9._-]+\.js/g)) assets.add(match[0]);
    }
    let gzipBytes = 0;
    for (const asset of assets) gzipBytes += gzipSync(readFileSync(path.join(root, buildDir, "client", asset))).length;
    console.log(`  JavaScript: ${assets.size} files`);
    figures.push({ name: "supplier.js_gzip_kb", value: gzipBytes / 1024, unit: "KB" });
  } finally {
    await Promise.all([stop(app), stop(remix), stop(react), stop(bare)]);
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}
