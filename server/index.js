// The production (and development) HTTP server: node:http with compression, static files,
// security headers, the CSRF Origin check and graceful shutdown, in front of the Remix handler.
// Plain JavaScript so that `npm start` needs no compiler; the app itself is TypeScript.
// Why not Express or remix-serve: see docs/decisions/0002-lean-http-server.md.
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import sirv from "sirv";
import { errorFields, log } from "./log.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isDev = process.env.NODE_ENV === "development";
const buildDir = path.resolve(root, process.env.BUILD_DIR ?? "build");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1";
const logRequests = process.env.LOG_REQUESTS === "true" || process.env.LOG_REQUESTS === "1";
const publicOrigin = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null;
const servedOverHttps = publicOrigin?.startsWith("https:") ?? false;

/** For responses that are not documents (data, files, plain errors): nothing may run or be framed. */
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/**
 * Headers every response carries, static files and plain errors included (SECURITY.md row 19).
 * Documents replace the CSP with their nonce-based policy (app/entry.server.tsx).
 */
const BASE_HEADERS = {
  "Content-Security-Policy": FALLBACK_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  ...(servedOverHttps ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
};
function clientIp(req) {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

function requestOrigin(req) {
  const proto = trustProxy && req.headers["x-forwarded-proto"] === "https" ? "https" : servedOverHttps ? "https" : "http";
  return `${proto}://${req.headers.host}`;
}

/** CSRF (SECURITY.md row 17): a state-changing request must come from this site's own pages. */
function originAllowed(req) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return true;
  const origin = req.headers.origin;
  // A page served with `Referrer-Policy: no-referrer` (the invitation page) makes the browser send
  // `Origin: null` on its form posts; the browser-set Sec-Fetch-Site still proves they are ours.
  if (origin === "null") return req.headers["sec-fetch-site"] === "same-origin";
  if (!origin) return false;
  return origin === publicOrigin || origin === requestOrigin(req);
}

/** Must match CLIENT_IP_HEADER in app/http/client-ip.server.ts (the guards read it there). */
const CLIENT_IP_HEADER = "x-leverandortjek-client-ip";

function toFetchRequest(req, res, ip) {
  const url = new URL(req.url ?? "/", requestOrigin(req));
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // `Origin: null` got past originAllowed only as a same-origin post (see there): name the origin.
  if (headers.get("origin") === "null") headers.set("origin", url.origin);
  // The client IP for code that has only the request (the context carries the same value);
  // set, never appended, so a client-sent header of that name is replaced.
  headers.set(CLIENT_IP_HEADER, ip);
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendFetchResponse(res, response) {
  res.statusMessage = response.statusText;
  const headers = {};
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    headers[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // Documents are rendered in many small chunks; written (and compressed) in one piece they cost
  // a fraction of the zlib and socket work. Nothing here defers data, so no streaming is lost.
  if (response.body && String(headers["content-type"] ?? "").startsWith("text/html")) {
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** A short plain-text answer (refusals, errors); the base headers set earlier stay on it. */
function sendPlain(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  res.end(text);
}

async function loadBuild(vite) {
  if (vite) return vite.ssrLoadModule("virtual:remix/server-build");
  return import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
}

/**
 * Starts the server. `standalone`: server/index.js is the program (`npm start`), which decides the
 * default worker count (app/server-lifecycle.server.ts `webConcurrency`). With one worker it all
 * runs in this process. With more, this process is the cluster's primary: a preparing process
 * validates the settings and migrates the database once, then the primary forks the workers,
 * which share the port. The primary itself never loads the app (docs/decisions/0140).
 */
export async function startServer({ standalone = false } = {}) {
  if (cluster.isWorker) {
    const build = await loadBuild(undefined);
    if (process.env.LT_CLUSTER_ROLE === "prepare") return prepareForPrimary(build, process.env.LT_STANDALONE === "1");
    await build.entry.module.prepareServer();
    return serve(build, undefined);
  }
  if (isDev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true }, appType: "custom" }));
    const build = await loadBuild(vite);
    await build.entry.module.prepareServer();
    return serve(build, vite);
  }
  // One process (the demo and the tests unless set, or WEB_CONCURRENCY=1): no preparing process.
  const configured = process.env.WEB_CONCURRENCY;
  const workers = configured === "1" || (!configured && !standalone) ? 1 : await prepareInWorker(standalone);
  if (workers > 1) return startPrimary(workers);
  const build = await loadBuild(undefined);
  // The entry module exports the app's start-up and shutdown hooks (settings, migrations, jobs).
  await build.entry.module.prepareServer();
  return serve(build, undefined);
}

/**
 * Validates the settings and migrates in a short-lived process, which answers with the worker
 * count: the app (~80 MB once loaded) never stays in the primary's memory.
 */
function prepareInWorker(standalone) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), args: [] });
  const preparing = cluster.fork({ LT_CLUSTER_ROLE: "prepare", LT_STANDALONE: standalone ? "1" : "" });
  return new Promise((resolve, reject) => {
    let workers;
    preparing.on("message", (message) => (workers = message?.workers));
    preparing.on("exit", (code) => {
      if (code === 0 && Number.isInteger(workers)) resolve(workers);
      else reject(new Error("preparing the server failed (settings or migrations, see above)"));
    });
  });
}

/** In the preparing process: settings, data folder and migrations; then the worker count to the primary. */
async function prepareForPrimary(build, standalone) {
  await build.entry.module.prepareServer();
  const workers = build.entry.module.webConcurrency(standalone);
  await build.entry.module.shutdownServer();
  process.send({ workers }, () => process.exit(0));
}

/** Forks `count` workers, replaces one that dies, and on SIGTERM/SIGINT lets each finish its requests. */
function startPrimary(count) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), args: [] });
  let closing = false;
  let listening = 0;
  const failures = [];
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      if (++listening === count) log("info", `Leverandørtjek is listening on ${process.env.PUBLIC_URL ?? `http://localhost:${port}`}`, { workers: count });
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork();
  let exitCode = 0;
  cluster.on("exit", (worker, code, signal) => {
    if (code !== 0) exitCode = 1;
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A worker died on its own: start another, unless they keep dying (a broken build or setting).
    const now = Date.now();
    failures.push(now);
    while (failures.length > 0 && failures[0] < now - 60_000) failures.shift();
    log("error", failures.length > 5 ? "worker exited, too often: stopping" : "worker exited, starting another", { worker: worker.process.pid, exit: signal ?? code });
    if (failures.length > 5) return shutdown("worker failures", 1);
    fork();
  });
  const shutdown = (reason, code = 0) => {
    if (closing) return;
    closing = true;
    exitCode = code;
    log("info", "the workers finish their open requests, then stop", { reason });
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(exitCode);
    for (const worker of alive) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", () => shutdown("SIGTERM received"));
  process.on("SIGINT", () => shutdown("SIGINT received"));
  return undefined;
}

/** One HTTP server in this process (a cluster worker, or the whole server with one worker). */
async function serve(initialBuild, vite) {
  const stopJobs = initialBuild.entry.module.startBackgroundJobs();
  // Invitation tokens must never reach a log line (SECURITY.md row 8).
  const redactUrl = initialBuild.entry.module.redactUrl;
  // Errors are logged one way, with the request id, whether Remix or a direct action met them.
  const handleError = initialBuild.entry.module.handleError;

  const remixHandler = createRequestHandler(
    isDev ? () => loadBuild(vite) : initialBuild,
    isDev ? "development" : "production",
  );

  // Resource routes on the hot path (the supplier autosave runs hundreds of times a second) are
  // called directly: the same action, guards and response, without Remix's per-request route
  // matching and document machinery. Everything above (headers, Origin check) still applies.
  const directActions = new Map();
  if (!isDev) {
    for (const [pathname, routeId] of [["/s/autosave", "routes/s.autosave"]]) {
      const action = initialBuild.routes?.[routeId]?.module?.action;
      if (typeof action === "function") directActions.set(pathname, action);
    }
  }

  const immutableAssets = sirv(path.join(buildDir, "client", "assets"), {
    immutable: true,
    maxAge: 31536000,
    etag: false,
  });
  const publicFiles = sirv(isDev ? path.join(root, "public") : path.join(buildDir, "client"), {
    maxAge: 3600,
    etag: true,
    dotfiles: false,
  });
  // Level 1: most of the size saving for a fraction of the CPU (HTML pages compress ~4× either way).
  const compress = compression({ level: 1 });

  // Set on SIGTERM/SIGINT: a keep-alive connection is closed after the request it is serving.
  let closing = false;

  async function handle(req, res) {
    const requestId = randomUUID();
    if (closing) res.setHeader("Connection", "close");
    const started = logRequests ? performance.now() : 0;
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    if (logRequests) {
      res.on("finish", () => {
        const ms = (performance.now() - started).toFixed(1);
        log("info", "request", { method: req.method, path: redactUrl(req.url ?? "/"), status: res.statusCode, ms: Number(ms), requestId });
      });
    }

    if (!originAllowed(req)) {
      sendPlain(res, 403, "Forbidden: cross-site request refused / Afvist: forespørgslen kom fra et andet websted");
      return;
    }

    const next = async () => {
      const ip = clientIp(req);
      let request;
      try {
        request = toFetchRequest(req, res, ip);
      } catch {
        // A Host header that makes no URL: the client's fault, not an error of ours.
        sendPlain(res, 400, "Bad request / Ugyldig forespørgsel");
        return;
      }
      const context = { requestId, nonce: randomBytes(16).toString("base64"), ip };
      try {
        const direct = req.method === "POST" ? directActions.get(new URL(request.url).pathname) : undefined;
        // A thrown Response (a guard's redirect or 404) is the answer, as Remix would treat it.
        const response = direct
          ? await direct({ request, params: {}, context }).catch((thrown) => {
              if (thrown instanceof Response) return thrown;
              throw thrown;
            })
          : await remixHandler(request, context);
        await sendFetchResponse(res, response);
      } catch (error) {
        if (typeof handleError === "function") handleError(error, { request, params: {}, context });
        else log("error", "unhandled error", { requestId, method: req.method, path: redactUrl(req.url ?? "/"), ...errorFields(error) });
        if (!res.headersSent) sendPlain(res, 500, `Internal error / Intern fejl (${requestId})`);
        else res.destroy();
      }
    };

    if (req.method === "GET" || req.method === "HEAD") {
      const url = req.url ?? "/";
      if (vite) return vite.middlewares(req, res, () => publicFiles(req, res, () => void next()));
      if (url.startsWith("/assets/")) {
        const original = req.url;
        req.url = url.slice("/assets".length);
        return immutableAssets(req, res, () => {
          req.url = original;
          void next();
        });
      }
      return publicFiles(req, res, () => void next());
    }
    return next();
  }

  const server = http.createServer((req, res) => {
    compress(req, res, () => void handle(req, res));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise((resolve) => server.listen(port, host, resolve));
  if (!cluster.isWorker) log("info", `Leverandørtjek is listening on ${process.env.PUBLIC_URL ?? `http://localhost:${port}`}`);

  // Graceful: stop accepting, let open requests finish (idle keep-alive connections are closed),
  // stop the job runner between two jobs and release its lease, close the database, exit 0.
  // Whatever is still open after 10 s is cut off (exit 1).
  const shutdown = (signal) => {
    if (closing) return;
    closing = true;
    if (!cluster.isWorker) log("info", "finishing open requests, then stopping", { signal });
    const requestsDone = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    void Promise.all([requestsDone, stopJobs()]).then(async () => {
      await initialBuild.entry.module.shutdownServer();
      await vite?.close();
      process.exit(0);
    });
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  startServer({ standalone: true }).catch((error) => {
    log("error", "the server could not start", errorFields(error));
    process.exit(1);
  });
}
