/**
 * Runs before every test file: a fresh DATA_DIR holding a copy of the migrated template, so each
 * file (and each worker) has its own real SQLite database. `getDb()` opens it on first use.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { closeDb } from "../../db/client";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-test-"));
copyFileSync(inject("templateDatabase"), path.join(dataDir, "leverandortjek.sqlite"));
process.env.DATA_DIR = dataDir;
process.env.NODE_ENV = "test";
process.env.PUBLIC_URL ??= "http://localhost:3000";
process.env.JOBS_INTERVAL_SECONDS = "0";

afterAll(() => {
  closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});
