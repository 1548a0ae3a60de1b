import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DATABASE_FILE_NAME, getDb, openDatabase } from "#db/client";
import { makeOrganisation, makeSupplier } from "#db/factories/core";
import { makeSubmittedAssessment } from "#db/factories/review";
import { getEnv } from "~/config/env.server";
import { BackupError, createBackup, restoreBackup } from "~/operations/backup.server";

const work = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-backup-"));
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function tableCounts(file: string): Record<string, number> {
  const db = openDatabase(file);
  try {
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.$client.close();
  }
}

function evidenceHashes(dataDir: string): Record<string, string> {
  const dir = path.join(dataDir, "evidence");
  return Object.fromEntries(readdirSync(dir).map((name) => [name, sha(path.join(dir, name))]));
}

async function expectBackupError(promise: Promise<unknown>, code: BackupError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).code).toBe(code);
  // Both languages, for the operator.
  expect((error as BackupError).message).toMatch(/ \/ /);
}

let archive: string;
beforeAll(async () => {
  const db = getDb();
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id, { name: "Ærø Økonomi ApS" });
  makeSubmittedAssessment(db, { orgId: org.id, supplier, contacts }, { evidence: [{ questionId: "security-policy", fileName: "politik.pdf" }, { questionId: "security-policy", fileName: "bilag.pdf" }] });
  archive = path.join(work, "one.tar.gz");
  await createBackup({ dataDir: getEnv().DATA_DIR, outFile: archive });
});

describe("backup and restore", () => {
  it("round-trips the database and the evidence store exactly", async () => {
    const source = getEnv().DATA_DIR;
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const target = path.join(work, "restored");
    const summary = await restoreBackup({ archive, dataDir: target });
    expect(summary.keptAside).toBeNull();
    expect(summary.evidenceFiles).toBe(2);
    expect(tableCounts(path.join(target, DATABASE_FILE_NAME))).toEqual(tableCounts(path.join(source, DATABASE_FILE_NAME)));
    expect(evidenceHashes(target)).toEqual(evidenceHashes(source));
    expect(statSync(path.join(target, "evidence")).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(path.join(target, "evidence"))) expect(statSync(path.join(target, "evidence", name)).mode & 0o777).toBe(0o600);
    const restored = openDatabase(path.join(target, DATABASE_FILE_NAME));
    expect(restored.$client.prepare("SELECT name FROM suppliers WHERE name = ?").get("Ærø Økonomi ApS")).toBeTruthy();
    restored.$client.close();
  });

  it("takes consistent copies while another process keeps writing", async () => {
    const file = path.join(getEnv().DATA_DIR, DATABASE_FILE_NAME);
    // Another process, as the server is to `npm run backup`: one small transaction after another.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1]);
         db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 5000");
         const insert = db.prepare("INSERT INTO rate_limits (key, window_started_at, count) VALUES (?, ?, 1)");
         let n = 0; const until = Date.now() + 60000;
         process.stdout.write("started\\n");
         process.on("SIGTERM", () => { process.stdout.write("wrote " + n + "\\n"); process.exit(0); });
         const batch = db.transaction(() => { for (let i = 0; i < 20; i++) insert.run("backup-writer-" + n++, Date.now()); });
         (function loop() { batch(); if (Date.now() < until) setImmediate(loop); })();`,
        file,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    writer.stdout.on("data", (chunk) => (output += chunk));
    await vi.waitFor(() => expect(output).toContain("started"), { timeout: 10_000 });
    const reader = openDatabase(file);
    const writerRows = () => (reader.$client.prepare("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'backup-writer-%'").get() as { n: number }).n;
    try {
      let previous = -1;
      for (let round = 0; round < 3; round++) {
        await vi.waitFor(() => expect(writerRows()).toBeGreaterThan(previous + 100), { timeout: 10_000 });
        const out = path.join(work, `during-${round}.tar.gz`);
        await createBackup({ dataDir: getEnv().DATA_DIR, outFile: out });
        const target = path.join(work, `during-${round}`);
        await restoreBackup({ archive: out, dataDir: target });
        const restored = openDatabase(path.join(target, DATABASE_FILE_NAME));
        const { n } = restored.$client.prepare("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'backup-writer-%'").get() as { n: number };
        // Whole transactions only (20 rows each), and later copies hold more.
        expect(n % 20).toBe(0);
        expect(n).toBeGreaterThan(previous);
        previous = n;
        restored.$client.close();
      }
    } finally {
      writer.kill("SIGTERM");
      await new Promise((resolve) => writer.once("exit", resolve));
      reader.$client.close();
    }
    expect(output).toMatch(/wrote \d+/);
  });

  it("never overwrites a data directory without --force, and with it keeps the old one aside", async () => {
    const target = path.join(work, "existing");
    await restoreBackup({ archive, dataDir: target });
    writeFileSync(path.join(target, "marker.txt"), "mine");
    await expectBackupError(restoreBackup({ archive, dataDir: target }), "target-in-use");
    expect(readFileSync(path.join(target, "marker.txt"), "utf8")).toBe("mine");

    const summary = await restoreBackup({ archive, dataDir: target, force: true, now: new Date("2026-12-06T10:00:00Z") });
    expect(summary.keptAside).toBe(`${target}.before-restore-20261206-100000`);
    expect(readFileSync(path.join(summary.keptAside!, "marker.txt"), "utf8")).toBe("mine");
    expect(existsSync(path.join(target, "marker.txt"))).toBe(false);
  });

  it("refuses a damaged, foreign or tampered archive with a clear error and changes nothing", async () => {
    const target = path.join(work, "untouched");
    mkdirSync(target);
    writeFileSync(path.join(target, "marker.txt"), "mine");
    const entriesBefore = readdirSync(work).sort();

    await expectBackupError(restoreBackup({ archive: path.join(work, "missing.tar.gz"), dataDir: target }), "archive-missing");

    const garbage = path.join(work, "garbage.tar.gz");
    writeFileSync(garbage, "this is not an archive");
    await expectBackupError(restoreBackup({ archive: garbage, dataDir: target }), "archive-unreadable");

    const truncated = path.join(work, "truncated.tar.gz");
    writeFileSync(truncated, readFileSync(archive).subarray(0, Math.floor(statSync(archive).size / 2)));
    await expectBackupError(restoreBackup({ archive: truncated, dataDir: target }), "archive-unreadable");

    // Unpack, change one evidence file or add a stray one, pack again.
    const repack = async (name: string, change: (dir: string) => void) => {
      const dir = mkdtempSync(path.join(work, "repack-"));
      await tar.extract({ file: archive, cwd: dir });
      change(dir);
      const out = path.join(work, name);
      await tar.create({ gzip: true, file: out, cwd: dir }, readdirSync(dir));
      return out;
    };
    const tampered = await repack("tampered.tar.gz", (dir) => {
      const evidence = readdirSync(path.join(dir, "evidence"))[0]!;
      writeFileSync(path.join(dir, "evidence", evidence), "changed");
    });
    await expectBackupError(restoreBackup({ archive: tampered, dataDir: target }), "file-mismatch");
    const stray = await repack("stray.tar.gz", (dir) => writeFileSync(path.join(dir, "run-me.sh"), "echo hi"));
    await expectBackupError(restoreBackup({ archive: stray, dataDir: target }), "unexpected-entry");
    writeFileSync(path.join(work, "escape.txt"), "outside");
    const traversal = path.join(work, "traversal.tar.gz");
    const inner = mkdtempSync(path.join(work, "repack-"));
    await tar.create({ gzip: true, file: traversal, cwd: inner, preservePaths: true }, ["../escape.txt"]);
    await expectBackupError(restoreBackup({ archive: traversal, dataDir: target }), "unexpected-entry");
    const noManifest = await repack("no-manifest.tar.gz", (dir) => writeFileSync(path.join(dir, "manifest.json"), "{}"));
    await expectBackupError(restoreBackup({ archive: noManifest, dataDir: target }), "manifest-invalid");
    const notOurs = await repack("not-ours.tar.gz", (dir) => {
      const other = openDatabase(path.join(dir, "other.sqlite"));
      other.$client.exec("CREATE TABLE t (x)");
      other.$client.close();
      const db = path.join(dir, DATABASE_FILE_NAME);
      writeFileSync(db, readFileSync(path.join(dir, "other.sqlite")));
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
      manifest.files[0] = { path: DATABASE_FILE_NAME, bytes: statSync(db).size, sha256: sha(db) };
      writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
      for (const f of readdirSync(dir)) if (f.startsWith("other.sqlite")) rmSync(path.join(dir, f));
    });
    await expectBackupError(restoreBackup({ archive: notOurs, dataDir: target, force: true }), "database-invalid");

    expect(readdirSync(target)).toEqual(["marker.txt"]);
    expect(readFileSync(path.join(target, "marker.txt"), "utf8")).toBe("mine");
    // No staging directory left behind.
    expect(readdirSync(work).filter((n) => n.startsWith(".restore-"))).toEqual([]);
    expect(entriesBefore.every((n) => existsSync(path.join(work, n)))).toBe(true);
  });

  it("refuses to back up a directory without a database", async () => {
    const empty = mkdtempSync(path.join(work, "empty-"));
    await expectBackupError(createBackup({ dataDir: empty, outFile: path.join(work, "none.tar.gz") }), "no-database");
    expect(existsSync(path.join(work, "none.tar.gz"))).toBe(false);
  });
});
