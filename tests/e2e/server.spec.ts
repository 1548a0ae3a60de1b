/**
 * The HTTP server itself, through real requests to the built production server: security
 * headers, the CSRF Origin check, caching of static files, health, error bodies, and that tokens
 * in invitation paths never reach the request log.
 */
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { createStaffSession } from "../../app/auth/staff-session.server";
import { createSupplierSession } from "../../app/supplier-portal/supplier-session.server";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser } from "../../db/factories/core";
import { auditLog } from "../../db/schema";
import { expect, test } from "./support/fixtures";
import { startOwnServer } from "./support/own-server";

test.describe("HTTP server", () => {
  test("documents carry an enforced nonce CSP and the other security headers", async ({ request }) => {
    for (const url of ["/", "/findes-ikke"]) {
      const response = await request.get(url);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(headers["content-security-policy-report-only"]).toBeUndefined();
      expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain("unsafe-inline");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBeTruthy();
      expect(headers["x-powered-by"]).toBeUndefined();
      expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      const body = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(body).toContain(`nonce="${nonce}"`);
    }
  });

  test("a fresh nonce per response", async ({ request }) => {
    const a = (await request.get("/")).headers()["content-security-policy"];
    const b = (await request.get("/")).headers()["content-security-policy"];
    expect(a).not.toBe(b);
  });

  test("non-document responses get a locked-down CSP too", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true, journalMode: "wal" } });
    expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(response.headers()["cache-control"]).toBe("no-store");
  });

  test("refuses state-changing requests from a foreign or missing Origin, accepts its own", async ({ request, baseURL }) => {
    const form = { locale: "en", redirectTo: "/" };
    const foreign = await request.post("/language", { form, headers: { Origin: "https://evil.test" }, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
    const missing = await request.fetch("/language", { method: "POST", form, headers: { Origin: "" }, maxRedirects: 0 });
    expect(missing.status()).toBe(403);
    const nullOrigin = await request.post("/language", { form, headers: { Origin: "null" }, maxRedirects: 0 });
    expect(nullOrigin.status()).toBe(403);
    const own = await request.post("/language", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(own.status()).toBe(303);
    expect(own.headers()["set-cookie"]).toContain("lang=en");
  });

  test("redirectTo never leaves the site: the language switch and the sign-in page", async ({ request, baseURL, db }) => {
    const offSite = (location: string | undefined) => new URL(location ?? "/", baseURL).origin !== new URL(baseURL!).origin;
    const targets = [
      "//evil.test",
      "https://evil.test",
      "/\\evil.test",
      "/.//evil.test",
      "/%2e//evil.test",
      "/%2E%2E//evil.test",
      "/a/..//evil.test",
      "/\t/evil.test",
      "/\n/evil.test",
    ];
    for (const target of targets) {
      const response = await request.post("/language", {
        form: { locale: "da", redirectTo: target },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(303);
      expect(response.headers()["location"]).toBe("/");
    }

    // Signed in already: the sign-in page sends the visitor on to redirectTo.
    const org = makeOrganisation(db);
    const reviewer = await makeUser(db, org.id, { role: "reviewer" });
    const { token } = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
    for (const target of targets) {
      const response = await request.get(`/login?redirectTo=${encodeURIComponent(target)}`, {
        headers: { Cookie: `lt_session=${token}` },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(302);
      expect(offSite(response.headers()["location"]), target).toBe(false);
      expect(response.headers()["location"]).toBe("/staff");
    }

    // Signing in with a password: the redirect after a successful sign-in.
    for (const target of ["/.//evil.test", "/%2e//evil.test"]) {
      const response = await request.post("/login", {
        form: { email: reviewer.email, password: reviewer.password, redirectTo: target },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(303);
      expect(offSite(response.headers()["location"]), target).toBe(false);
    }
  });

  test("hashed build assets are cached for a year, other files briefly", async ({ request }) => {
    const page = await (await request.get("/")).text();
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(page)?.[1];
    expect(asset).toBeTruthy();
    const assetResponse = await request.get(asset!);
    expect(assetResponse.headers()["cache-control"]).toContain("immutable");
    expect(assetResponse.headers()["cache-control"]).toContain("max-age=31536000");
    const font = await request.get("/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2");
    expect(font.status()).toBe(200);
    expect(font.headers()["cache-control"]).toContain("max-age=3600");
  });

  test("error pages show a request id, never a stack trace or a path", async ({ request }) => {
    const response = await request.get("/findes-ikke");
    const body = await response.text();
    expect(response.status()).toBe(404);
    expect(body).not.toMatch(/at \w+ \(|node_modules|\/work\/|\.tsx?:\d+/);
  });
});

test("a role refusal is audited with the IP the server saw, not one the client claims", async ({ request, db }) => {
  const org = makeOrganisation(db);
  const viewer = await makeUser(db, org.id, { role: "viewer" });
  const { token } = createStaffSession({ userId: viewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  const headers = { Cookie: `lt_session=${token}`, "X-Leverandortjek-Client-Ip": "6.6.6.6" };
  // A document request and a client-side navigation's data request (Remix builds a new Request for it).
  expect((await request.get("/staff/users?q=1", { headers })).status()).toBe(403);
  expect((await request.get("/staff/users.data", { headers })).status()).toBe(403);
  const rows = db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "access.refused"))).all();
  expect(rows.map((r) => (r.details as { path: string }).path)).toEqual(["/staff/users", "/staff/users"]);
  for (const row of rows) {
    expect(row.actorId).toBe(viewer.id);
    expect(row.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  }
});

test("tokens in invitation and reset paths never reach the request log", async () => {
  const server = await startOwnServer({ env: { LOG_REQUESTS: "true" } });
  try {
    const secret = "abcdefghijklmnopqrstuvwxyz234567";
    for (const p of [`/invite/${secret}`, `/reset-password/${secret}?x=1`, `/staff-invite/${secret}`]) {
      await fetch(`${server.base}${p}`);
    }
    await expect.poll(() => server.output().match(/\[redacted\]/g)?.length ?? 0, { timeout: 5_000 }).toBe(3);
    expect(server.output()).not.toContain(secret);
    // Structured: every line one JSON object with the time, level and message; requests with their id.
    const lines = logLines(server.output());
    for (const line of lines) expect(line).toMatchObject({ time: expect.any(String), level: expect.stringMatching(/^(info|warn|error)$/), msg: expect.any(String) });
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests).toHaveLength(3);
    for (const line of requests) expect(line).toMatchObject({ method: "GET", status: 404, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), path: expect.stringContaining("[redacted]") });
  } finally {
    await server.dispose();
  }
});

/** The server's output, one JSON object per line (server/log.js); a line that is not JSON fails the test. */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The headers of SECURITY.md row 19, on any response. */
function expectSecurityHeaders(headers: Headers, what: string, kind: "document" | "other") {
  const csp = headers.get("content-security-policy") ?? "";
  expect(headers.get("content-security-policy-report-only"), what).toBeNull();
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"].filter(
    (d) => kind === "document" || d !== "object-src 'none'",
  )) {
    expect(csp, what).toContain(directive);
  }
  if (kind === "document") {
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
  } else {
    expect(csp, what).toContain("default-src 'none'");
  }
  expect(csp, what).not.toContain("unsafe-inline");
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("referrer-policy"), what).toBeTruthy();
  expect(headers.get("x-frame-options"), what).toBe("DENY");
  expect(headers.get("x-powered-by"), what).toBeNull();
  expect(headers.get("x-request-id"), what).toMatch(/^[0-9a-f-]{36}$/);
}

/** A raw request, for what fetch will not send (a Host header that makes no URL). */
function rawGet(port: number, headers: Record<string, string>): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", method: "GET", headers }, (res) => {
      res.resume();
      const result = new Headers();
      for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") result.set(name, value);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: result }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("every response carries the security headers: documents, errors, build assets, public files, plain refusals and errors", async () => {
  const server = await startOwnServer();
  try {
    const db = server.db();
    const page = await fetch(`${server.base}/`);
    expectSecurityHeaders(page.headers, "document", "document");
    const html = await page.text();
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    expectSecurityHeaders((await fetch(`${server.base}/findes-ikke`)).headers, "404 page", "document");

    for (const [what, url] of [
      ["build asset", asset!],
      ["public file", "/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2"],
      ["health data", "/healthz"],
    ] as const) {
      const response = await fetch(`${server.base}${url}`);
      expect(response.status, what).toBe(200);
      expectSecurityHeaders(response.headers, what, "other");
    }

    const foreign = await fetch(`${server.base}/language`, { method: "POST", headers: { Origin: "https://evil.test" }, body: new URLSearchParams({ locale: "en" }) });
    expect(foreign.status).toBe(403);
    expectSecurityHeaders(foreign.headers, "403 refusal", "other");

    const badHost = await rawGet(server.port, { Host: "[" });
    expect(badHost.status).toBe(400);
    expectSecurityHeaders(badHost.headers, "400 for a Host that makes no URL", "other");

    // The autosave's direct route (outside Remix): the same Origin check and session guard, and an
    // error in it answered with a plain 500 and logged with the request id like any other route.
    const org = makeOrganisation(db);
    const { supplier, contacts } = makeSupplier(db, org.id);
    const { assessment, invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { status: "in_progress" });
    const { cookie } = createSupplierSession(
      { orgId: org.id, assessmentId: assessment.id, contactId: contacts[0]!.id, invitationId: invitations[0]!.invitationId },
      { db },
    );
    const session = cookie.split(";")[0]!;
    const answer = new URLSearchParams({ questionId: "x", revision: "0", value: "yes" });
    const crossSite = await fetch(`${server.base}/s/autosave`, { method: "POST", headers: { Origin: "https://evil.test", Cookie: session }, body: answer });
    expect(crossSite.status).toBe(403);
    const noSession = await fetch(`${server.base}/s/autosave`, { method: "POST", headers: { Origin: server.base, Accept: "application/json" }, body: answer });
    expect(noSession.status).toBe(401);
    expectSecurityHeaders(noSession.headers, "401 from autosave", "other");

    const broken = await fetch(`${server.base}/s/autosave`, {
      method: "POST",
      headers: { Origin: server.base, Cookie: session, Accept: "application/json", "Content-Type": "multipart/form-data; boundary=x" },
      body: "not a multipart body",
    });
    expect(broken.status).toBe(500);
    expectSecurityHeaders(broken.headers, "plain 500", "other");
    const requestId = broken.headers.get("x-request-id")!;
    const body = await broken.text();
    expect(body).toContain(requestId);
    expect(body).not.toMatch(/at \w+ \(|node_modules|\/work\/|\.tsx?:\d+/);
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain(requestId);
    const logged = logLines(server.output()).find((line) => line.requestId === requestId);
    expect(logged).toMatchObject({ level: "error", msg: "unhandled error", method: "POST", path: expect.stringMatching(/\/s\/autosave$/) });
    db.$client.close();
  } finally {
    await server.dispose();
  }
});
