/**
 * Several server processes on one database (docs/decisions/0140): what one process writes, the
 * next request to another sees (the in-memory caches beside the database); the job runner runs in
 * one worker of a cluster only; SIGTERM lets an in-flight request finish, releases the job lease
 * and exits 0. Each test starts its own built production servers (`node server/index.js`) on a
 * data folder of its own, so it runs beside the main e2e server without touching its database.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createStaffSession } from "../../../app/auth/staff-session.server";
import { createSupplierSession } from "../../../app/supplier-portal/supplier-session.server";
import { migrateDatabase, openDatabase } from "../../../db/client";
import { isoDateIn, makeAssessment, makeOrganisation, makeSupplier, makeUser } from "../../../db/factories/core";
import { findLease } from "../../../db/repos/leases";
import { answers, emails, jobRuns } from "../../../db/schema";
import { expect, test } from "../support/fixtures";
import { startOwnServer } from "../support/own-server";

const DAY = 86_400_000;

/** A data folder with a migrated database the test fills before its servers start. */
function dataFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-processes-"));
  const db = openDatabase(path.join(dir, "leverandortjek.sqlite"));
  migrateDatabase(db);
  return { dir, db };
}

test("a write in one server process is seen by the next request to another (session check, queue counts)", async () => {
  const folder = dataFolder();
  const { db } = folder;
  const org = makeOrganisation(db);
  const reviewer = await makeUser(db, org.id, { role: "reviewer" });
  const signedOut = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  const stays = createStaffSession({ userId: reviewer.id, orgId: org.id, twoFactorVerified: true }, { db });
  const queued = [0, 1, 2].map(() => {
    const { supplier, contacts } = makeSupplier(db, org.id);
    return makeAssessment(db, { orgId: org.id, supplier, contacts }, { status: "submitted", submittedAt: new Date(), progressPercent: 100 }).assessment;
  });
  const a = await startOwnServer({ dataDir: folder.dir });
  const b = await startOwnServer({ dataDir: folder.dir }).catch(async (error: unknown) => {
    await a.dispose();
    throw error;
  });
  try {
    const get = (url: string, token: string) => fetch(url, { headers: { Cookie: `lt_session=${token}`, "Accept-Language": "da" }, redirect: "manual" });
    const post = (url: string, token: string, form: URLSearchParams) =>
      fetch(url, { method: "POST", body: form, headers: { Cookie: `lt_session=${token}`, Origin: new URL(url).origin }, redirect: "manual" });
    /** The count beside "mine" in the queue's filters, as process `url` shows it. */
    const mine = async (url: string) => {
      const response = await get(`${url}/staff/review`, stays.token);
      expect(response.status).toBe(200);
      const label = /for="filter-mine"[^>]*>([^<]*)<\/label>/.exec(await response.text())?.[1] ?? "";
      return Number(/\((\d+)\)\s*$/.exec(label)?.[1]);
    };

    // B validates both sessions and counts the queue (and keeps both in memory).
    expect(await mine(b.base)).toBe(0);
    expect(await mine(b.base)).toBe(0);
    expect((await get(`${b.base}/staff/review`, signedOut.token)).status).toBe(200);

    // A assigns two assessments to the reviewer: B's next queue shows them in "mine".
    const assign = new URLSearchParams({ intent: "assign", reviewerId: reviewer.id });
    for (const assessment of queued.slice(0, 2)) assign.append("assessmentId", assessment.id);
    expect((await post(`${a.base}/staff/review`, stays.token, assign)).status).toBe(303);
    expect(await mine(b.base)).toBe(2);

    // A signs one session out: B refuses it on the very next request, and keeps the other.
    expect((await post(`${a.base}/logout`, signedOut.token, new URLSearchParams())).status).toBe(303);
    const refused = await get(`${b.base}/staff/review`, signedOut.token);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await mine(b.base)).toBe(2);
  } finally {
    folder.db.$client.close();
    await a.stop();
    await b.dispose();
  }
});

test("two workers: the jobs run in one of them, every reminder is sent once", async () => {
  const folder = dataFolder();
  const { db } = folder;
  const org = makeOrganisation(db);
  const contacts = [0, 1, 2].flatMap(() => {
    const supplier = makeSupplier(db, org.id);
    // Due today: each contact gets a "due today" reminder.
    makeAssessment(db, { orgId: org.id, supplier: supplier.supplier, contacts: supplier.contacts }, { dueDate: isoDateIn(0), sentAt: new Date(Date.now() - 20 * DAY) });
    return supplier.contacts;
  });
  const server = await startOwnServer({ dataDir: folder.dir, env: { WEB_CONCURRENCY: "2", JOBS_INTERVAL_SECONDS: "1" } });
  try {
    expect(server.output()).toContain(`"workers":2`);
    // Both workers tick every second; let at least three ticks run the reminders.
    const reminderRuns = () => db.select().from(jobRuns).where(eq(jobRuns.job, "assessment-reminders")).all().filter((r) => r.status === "succeeded").length;
    await expect.poll(reminderRuns, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  } finally {
    expect(await server.stop()).toBe(0);
  }
  const runs = db.select().from(jobRuns).all();
  const runners = new Set(runs.map((r) => r.runner));
  expect([...runners]).toHaveLength(1);
  expect([...runners][0]).toMatch(/:\d+:/);
  // One at a time: each run starts after the previous one finished.
  const ordered = [...runs].sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime());
  for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(ordered[i - 1]!.finishedAt!.getTime());
  const sent = db.select().from(emails).all().filter((e) => e.kind.includes("reminder"));
  expect(sent.map((e) => e.toAddress).sort()).toEqual(contacts.map((c) => c.email).sort());
  expect(findLease(db, "jobs")?.holder).toBeNull();
  db.$client.close();
  await server.dispose();
});

test("SIGTERM to a cluster: the in-flight request completes, the lease is released, exit 0", async () => {
  const folder = dataFolder();
  const { db } = folder;
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id);
  const { assessment, invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: "due-diligence" });
  const session = createSupplierSession(
    { orgId: org.id, assessmentId: assessment.id, contactId: contacts[0]!.id, invitationId: invitations[0]!.invitationId },
    { db },
  );
  const server = await startOwnServer({ dataDir: folder.dir, env: { WEB_CONCURRENCY: "2", JOBS_INTERVAL_SECONDS: "1" } });
  let exit: Promise<number | null> | undefined;
  try {
    await expect.poll(() => findLease(db, "jobs")?.holder ?? null, { timeout: 20_000 }).not.toBeNull();
    const body = new URLSearchParams({ questionId: "security-contact", revision: "0", value: "Jens Jensen, CISO", comment: "", notApplicableReason: "" }).toString();
    // A slow request: its body arrives in two parts, SIGTERM in between.
    let answered: (value: { status: number; text: string }) => void = () => {};
    const response = new Promise<{ status: number; text: string }>((resolve) => (answered = resolve));
    const request = http.request(
      {
        host: "localhost",
        port: server.port,
        method: "POST",
        path: "/s/autosave",
        headers: {
          Cookie: session.cookie.split(";")[0]!,
          Origin: server.base,
          Accept: "application/json",
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => answered({ status: res.statusCode ?? 0, text }));
      },
    );
    request.on("error", (error) => answered({ status: 0, text: error.message }));
    request.write(body.slice(0, 12));
    await new Promise((r) => setTimeout(r, 300));
    exit = server.stop();
    let exited = false;
    void exit.then(() => (exited = true));
    await new Promise((r) => setTimeout(r, 700));
    expect(exited).toBe(false); // still waiting for the request
    request.end(body.slice(12));
    const result = await response;
    expect(result.status, result.text).toBe(200);
    expect(await exit).toBe(0);
  } finally {
    if (!exit) await server.stop();
  }
  expect(server.output()).not.toMatch(/worker exited|unhandled error/);
  expect(findLease(db, "jobs")?.holder).toBeNull();
  expect(db.select().from(answers).where(eq(answers.assessmentId, assessment.id)).all().map((r) => r.value)).toContain("Jens Jensen, CISO");
  db.$client.close();
  await server.dispose();
});

// Node's cluster ends a worker whose channel to the primary closes unexpectedly; this holds us to it
// (an orphaned worker would keep serving unsupervised and keep the job lease alive).
test("a cluster whose primary is killed leaves no worker behind", async () => {
  const folder = dataFolder();
  const server = await startOwnServer({ dataDir: folder.dir, env: { WEB_CONCURRENCY: "2", JOBS_INTERVAL_SECONDS: "1" } });
  // The lease holder's name carries a worker's pid.
  await expect.poll(() => findLease(folder.db, "jobs")?.holder ?? null, { timeout: 20_000 }).not.toBeNull();
  const workerPid = Number(findLease(folder.db, "jobs")!.holder!.split(":")[1]);
  const alive = () => {
    try {
      process.kill(workerPid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(alive()).toBe(true);
  await server.kill();
  await expect.poll(alive, { timeout: 15_000 }).toBe(false);
  folder.db.$client.close();
  await server.dispose();
});
