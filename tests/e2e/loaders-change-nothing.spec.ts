/**
 * SECURITY.md row 16: loaders never change data. Against a server of its own, loaded with the
 * demo data, GET every route of the build's manifest (with real ids for its parameters) as an
 * admin, a reviewer, a viewer, a supplier and a visitor, and compare every table before and after.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openDatabase, type Db } from "../../db/client";
import { createStaffSession } from "../../app/auth/staff-session.server";
import { createInvitation } from "../../app/invitations/invitations.server";
import { DEMO_LOGINS } from "../../db/factories/demo";
import { dumpDatabase, manifestRoutes } from "./support/database";
import { NOT_RECORD_PARAMS, recordIds } from "./support/route-ids";

const root = process.cwd();
const port = 3280 + Math.floor(Math.random() * 9);
const base = `http://localhost:${port}`;
let dataDir: string;
let server: ChildProcess;
let db: Db;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-get-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: base, JOBS_INTERVAL_SECONDS: "0", NODE_ENV: "production" };
  execFileSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/seed.ts"], { env, cwd: root });
  server = spawn(process.execPath, ["server/index.js"], { env: { ...env, PORT: String(port) }, cwd: root, stdio: "ignore" });
  await expect.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);
  db = openDatabase(path.join(dataDir, "leverandortjek.sqlite"));
});

test.afterAll(async () => {
  db?.$client.close();
  server?.kill("SIGTERM");
  if (server) await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every URL path of the manifest, its parameters filled with ids that exist. */
async function routePaths(): Promise<string[]> {
  const params: Partial<Record<string, string>> = { ...NOT_RECORD_PARAMS, ...recordIds(db) };
  const paths = new Set<string>();
  for (const route of await manifestRoutes(root)) {
    if (!route.loader) continue;
    paths.add(route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "unknown").replace("*", "findes-ikke"));
  }
  return [...paths].sort();
}

test("GET on every route, as every kind of user, changes nothing in the database", async () => {
  test.setTimeout(120_000);
  const orgId = (db.$client.prepare("SELECT id FROM organisations LIMIT 1").get() as { id: string }).id;
  const cookies: Record<string, string> = { visitor: "" };
  for (const login of DEMO_LOGINS) {
    const user = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(login.email) as { id: string };
    const { token } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true }, { db });
    cookies[login.role] = `lt_session=${token}`;
  }
  // A supplier: exchange a fresh invitation for a session first (that POST may write).
  const open = db.$client
    .prepare("SELECT a.id AS assessmentId, c.id AS contactId FROM assessments a JOIN supplier_contacts c ON c.supplier_id = a.supplier_id WHERE a.status = 'in_progress' LIMIT 1")
    .get() as { assessmentId: string; contactId: string };
  const invitation = createInvitation(
    { orgId, assessmentId: open.assessmentId, contactId: open.contactId, expiresAt: new Date(Date.now() + 86_400_000) },
    { db },
  );
  const exchange = await fetch(`${base}/invite/${invitation.token}`, { method: "POST", headers: { Origin: base }, redirect: "manual" });
  const supplierCookie = exchange.headers.getSetCookie().find((c) => c.startsWith("lt_supplier="));
  expect(supplierCookie, "the invitation exchange sets a supplier session cookie").toBeTruthy();
  cookies.supplier = supplierCookie!.split(";")[0]!;
  // A usable link to another assessment, for the bare GET of /invite/<token>.
  const sent = db.$client
    .prepare("SELECT a.id AS assessmentId, c.id AS contactId FROM assessments a JOIN supplier_contacts c ON c.supplier_id = a.supplier_id WHERE a.status = 'sent' LIMIT 1")
    .get() as { assessmentId: string; contactId: string };
  const second = createInvitation(
    { orgId, assessmentId: sent.assessmentId, contactId: sent.contactId, expiresAt: new Date(Date.now() + 86_400_000) },
    { db },
  );

  const paths = [...(await routePaths()), `/invite/${second.token}`];
  expect(paths.length).toBeGreaterThan(20);
  const before = dumpDatabase(db);
  const statuses: string[] = [];
  for (const [who, cookie] of Object.entries(cookies)) {
    for (const p of paths) {
      const response = await fetch(`${base}${p}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
      statuses.push(`${who} ${p} ${response.status}`);
      expect(response.status, `${who} GET ${p}`).toBeLessThan(500);
      await response.arrayBuffer();
    }
  }
  // The requests really reached the pages (not just redirects to the login page).
  for (const expected of ["admin /staff/suppliers 200", "reviewer /staff/review 200", "viewer /staff/audit 200", "supplier /s 200", `visitor /invite/${second.token} 200`]) {
    expect(statuses).toContain(expected);
  }
  expect(statuses.filter((s) => s.startsWith("admin ") && s.endsWith(" 200")).length).toBeGreaterThan(15);
  const after = dumpDatabase(db);
  // Counting guesses of unknown invitation and reset tokens is the throttle itself (a usable link writes nothing).
  const throttle = (rows: unknown[]) => rows.filter((row) => !/^(invite-token-ip|reset-ip):/.test(String((row as { key: string }).key)));
  before.rate_limits = throttle(before.rate_limits ?? []);
  after.rate_limits = throttle(after.rate_limits ?? []);
  // Downloading evidence is itself audited (who saw which file), and so are refusals (a reviewer
  // or viewer on an admin page, a throttled guess): records of the read, not changes.
  const readAudits = new Set(["evidence.downloaded", "access.refused", "access.throttled"]);
  const added = (after.audit_log ?? []).slice((before.audit_log ?? []).length) as { action: string }[];
  expect(added.filter((row) => !readAudits.has(row.action))).toEqual([]);
  after.audit_log = (after.audit_log ?? []).slice(0, (before.audit_log ?? []).length);
  for (const table of Object.keys(before)) {
    expect(after[table], `table ${table} after GET requests (${statuses.length} requests)`).toEqual(before[table]);
  }
});
