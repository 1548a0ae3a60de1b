/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (tests/support/fresh-database.ts), which is much faster than migrating per file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../db/client";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-template-"));
  const file = path.join(dir, "template.sqlite");
  const db = openDatabase(file);
  migrateDatabase(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
