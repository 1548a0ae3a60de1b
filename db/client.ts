/**
 * Opening the database. One connection per process (better-sqlite3 is synchronous and SQLite
 * serialises writers anyway); WAL lets readers run beside the writer.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** db/migrations, found from this module whether it runs from source or bundled into build/server. */
function findMigrationsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "migrations"), path.join(dir, "db", "migrations")]) {
      if (existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("db/migrations not found");
    dir = parent;
  }
}

export const MIGRATIONS_DIR = findMigrationsDir();

/**
 * synchronous=NORMAL: in WAL mode a commit is durable against application crashes, and a power
 * loss can lose only the last transactions since the previous checkpoint, never corrupt the file.
 * See docs/decisions/0003-sqlite-pragmas.md.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Keep the planner's statistics current (SQLite's recommendation for long-lived connections);
  // the job runner repeats it. Stale statistics once led the queue to a slow index.
  sqlite.pragma("optimize = 0x10002");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

/** The database file inside a data directory. */
export const DATABASE_FILE_NAME = "leverandortjek.sqlite";

let current: Db | undefined;

/** The process-wide database at `DATA_DIR/leverandortjek.sqlite`, migrated on first use. */
export function getDb(): Db {
  if (!current) {
    const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
    current = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
    migrateDatabase(current);
  }
  return current;
}

export function closeDb(): void {
  current?.$client.close();
  current = undefined;
}

/** SQLite's plan for a drizzle query (its `detail` lines), for EXPLAIN QUERY PLAN tests. */
export function explainPlan(db: Db, query: { toSQL(): { sql: string; params: unknown[] } } | { sql: string; params: unknown[] }): string[] {
  const { sql, params } = "toSQL" in query ? query.toSQL() : query;
  return (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}
