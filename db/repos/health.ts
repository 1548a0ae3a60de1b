import type { Db } from "../client";

/** A cheap round trip that proves the database answers, plus the facts an operator wants. */
export function databaseHealth(db: Db): { ok: true; journalMode: string; migrations: number } {
  const journalMode = db.$client.pragma("journal_mode", { simple: true }) as string;
  const row = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
  return { ok: true, journalMode, migrations: row.n };
}

/** Refreshes the query planner's statistics where they have drifted (cheap when nothing changed). */
export function optimizeDatabase(db: Db): void {
  db.$client.pragma("optimize");
}
