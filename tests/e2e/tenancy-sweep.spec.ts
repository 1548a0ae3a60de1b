/**
 * SECURITY.md rows 25 and 26, generated from the route manifest: every route with an id in its
 * path, asked for by another organisation's staff (or another supplier's session) with the ids of
 * the demo organisation's records, answers 404 — GET and POST alike — and nothing changes.
 *
 * A route whose path names a parameter this file does not know fails the test: add where its ids
 * come from to RECORD_ID_SOURCES (and, if it is not an organisation's record, to NOT_RECORD_PARAMS)
 * in support/route-ids.ts, which the loader sweep uses too.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createStaffSession } from "../../app/auth/staff-session.server";
import { generateTotpSecret } from "../../app/staff/totp.server";
import { createSupplierSession } from "../../app/supplier-portal/supplier-session.server";
import type { Db } from "../../db/client";
import { makeAssessment, makeOrganisation, makeSupplier, makeUser } from "../../db/factories/core";
import { tinyPdf } from "../../db/factories/review";
import { dumpDatabase, manifestRoutes } from "./support/database";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { NOT_RECORD_PARAMS, RECORD_ID_SOURCES, recordIds } from "./support/route-ids";

let server: OwnServer;
let db: Db;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-tenancy-"));
  execFileSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/seed.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production" },
  });
  server = await startOwnServer({ dataDir });
  db = server.db();
});

test.afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

test("another organisation's ids answer 404 on every route, GET and POST, and change nothing", async () => {
  test.setTimeout(120_000);
  const ownerOrg = (db.$client.prepare("SELECT org_id AS id FROM evidence_files LIMIT 1").get() as { id: string }).id;
  // A relationship document (an agreement) of the same supplier: the demo data has none.
  const documentSupplier = db.$client.prepare(RECORD_ID_SOURCES.supplierId!).get() as { id: string };
  db.$client
    .prepare("INSERT OR IGNORE INTO supplier_documents (id, org_id, supplier_id, kind, storage_name, original_name, mime_type, size_bytes, sha256, created_at) VALUES ('sweepdocument', ?, ?, 'agreement', 'sweepstoragenameaaaaaaaaaa', 'aftale.pdf', 'application/pdf', 1, ?, ?)")
    .run(ownerOrg, documentSupplier.id, "0".repeat(64), Date.now());
  mkdirSync(path.join(dataDir, "evidence"), { recursive: true });
  writeFileSync(path.join(dataDir, "evidence", "sweepstoragenameaaaaaaaaaa"), tinyPdf("Aftale"));
  const found = recordIds(db);
  for (const name of Object.keys(RECORD_ID_SOURCES)) expect(found[name], `the demo data has a record for :${name}`).toBeTruthy();
  const ids = found as Record<string, string>;

  // Organisation B: an admin (the highest role) and a supplier with a session of its own.
  const other = makeOrganisation(db, { name: "Anden Kommune" });
  const admin = await makeUser(db, other.id, { role: "admin", totpSecret: generateTotpSecret() });
  const staffCookie = `lt_session=${createStaffSession({ userId: admin.id, orgId: other.id, twoFactorVerified: true }, { db }).token}`;
  const { supplier, contacts } = makeSupplier(db, other.id);
  const { assessment, invitations } = makeAssessment(db, { orgId: other.id, supplier, contacts }, { status: "in_progress" });
  const supplierCookie = createSupplierSession(
    { orgId: other.id, assessmentId: assessment.id, contactId: contacts[0]!.id, invitationId: invitations[0]!.invitationId },
    { db },
  ).cookie.split(";")[0]!;

  // The owner's own staff and supplier, to show each URL is real (200 for them).
  const ownerAdmin = db.$client.prepare("SELECT id FROM users WHERE org_id = ? AND role = 'admin' LIMIT 1").get(ownerOrg) as { id: string };
  const ownerStaffCookie = `lt_session=${createStaffSession({ userId: ownerAdmin.id, orgId: ownerOrg, twoFactorVerified: true }, { db }).token}`;
  const fileOwner = db.$client
    .prepare("SELECT i.id AS invitationId, i.contact_id AS contactId, i.assessment_id AS assessmentId FROM invitations i JOIN evidence_files f ON f.assessment_id = i.assessment_id WHERE f.id = ? LIMIT 1")
    .get(ids.fileId) as { invitationId: string; contactId: string; assessmentId: string };
  const ownerSupplierCookie = createSupplierSession({ orgId: ownerOrg, ...fileOwner }, { db }).cookie.split(";")[0]!;

  const routes = (await manifestRoutes()).filter((r) => /:\w+/.test(r.pattern));
  const unknown = routes.flatMap((r) => [...r.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!)).filter((p) => !RECORD_ID_SOURCES[p] && !(p in NOT_RECORD_PARAMS));
  expect(unknown, "path parameters without an id source in this test").toEqual([]);
  const swept = routes.filter((r) => [...r.pattern.matchAll(/:(\w+)/g)].some((m) => RECORD_ID_SOURCES[m[1]!]));
  expect(swept.length).toBeGreaterThanOrEqual(10);

  const before = dumpDatabase(db);
  const results: string[] = [];
  for (const route of swept) {
    const url = route.pattern.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? NOT_RECORD_PARAMS[name]!);
    const supplierSide = url.startsWith("/s/");
    const cookie = supplierSide ? supplierCookie : staffCookie;
    if (route.loader) {
      const response = await fetch(`${server.base}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
      results.push(`GET ${url} ${response.status}`);
      expect(response.status, `GET ${route.pattern} with another organisation's ids`).toBe(404);
      const body = await response.text();
      for (const id of Object.values(ids)) if (!url.includes(id)) expect(body, `GET ${route.pattern} leaks no other id`).not.toContain(id);
    }
    if (route.action) {
      const forms: Record<string, string>[] = [{}, { intent: "delete" }, { intent: "revoke" }, { intent: "decide", decision: "approved" }];
      for (const form of forms) {
        const response = await fetch(`${server.base}${url}`, {
          method: "POST",
          headers: { Cookie: cookie, Origin: server.base, Accept: "application/json" },
          body: new URLSearchParams(form),
          redirect: "manual",
        });
        results.push(`POST ${url} ${JSON.stringify(form)} ${response.status}`);
        // Refused before anything: not found, or a form the route will not read (then the id was never looked at).
        expect([400, 404, 405, 422], `POST ${route.pattern} ${JSON.stringify(form)} with another organisation's ids`).toContain(response.status);
        await response.arrayBuffer();
      }
    }
  }
  const after = dumpDatabase(db);
  // Refusals are audited (access.refused, access.throttled): records of the attempt, not changes.
  const added = (after.audit_log ?? []).slice((before.audit_log ?? []).length) as { action: string }[];
  expect(added.filter((row) => !["access.refused", "access.throttled"].includes(row.action))).toEqual([]);
  after.audit_log = (after.audit_log ?? []).slice(0, (before.audit_log ?? []).length);
  // Staff sessions slide on use (their expiry moves): not data of the organisation.
  for (const table of Object.keys(before)) {
    if (table === "staff_sessions" || table === "supplier_sessions") continue;
    expect(after[table], `table ${table} after ${results.length} requests`).toEqual(before[table]);
  }

  // The same URLs are real: the owner's staff and supplier get the pages.
  for (const route of swept.filter((r) => r.loader)) {
    const url = route.pattern.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? NOT_RECORD_PARAMS[name]!);
    const cookie = url.startsWith("/s/") ? ownerSupplierCookie : ownerStaffCookie;
    const response = await fetch(`${server.base}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect([200, 204, 302, 303], `GET ${route.pattern} as the owner`).toContain(response.status);
    expect(response.status, `GET ${route.pattern} as the owner`).not.toBe(404);
    await response.arrayBuffer();
  }
});
