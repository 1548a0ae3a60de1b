import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * Counts one attempt against `key` in a fixed window and returns the count including it.
 * One statement (INSERT … ON CONFLICT … RETURNING), so two processes cannot both read a stale count.
 */
export function hitRateLimit(db: Db, key: string, windowMs: number, now: Date): { count: number; windowStartedAt: Date } {
  const nowMs = now.getTime();
  const row = db.$client
    .prepare(
      `INSERT INTO rate_limits (key, window_started_at, count) VALUES (?, ?, 1)
       ON CONFLICT(key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_started_at <= ? THEN 1 ELSE rate_limits.count + 1 END,
         window_started_at = CASE WHEN rate_limits.window_started_at <= ? THEN excluded.window_started_at ELSE rate_limits.window_started_at END
       RETURNING count, window_started_at`,
    )
    .get(key, nowMs, nowMs - windowMs, nowMs - windowMs) as { count: number; window_started_at: number };
  return { count: row.count, windowStartedAt: new Date(row.window_started_at) };
}

export function peekRateLimit(db: Db, key: string, windowMs: number, now: Date): number {
  const row = db.$client
    .prepare(`SELECT count, window_started_at FROM rate_limits WHERE key = ?`)
    .get(key) as { count: number; window_started_at: number } | undefined;
  if (!row || row.window_started_at <= now.getTime() - windowMs) return 0;
  return row.count;
}

export function resetRateLimit(db: Db, key: string): void {
  db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

export function pruneRateLimits(db: Db, olderThan: Date): number {
  return db.$client.prepare(`DELETE FROM rate_limits WHERE window_started_at < ?`).run(olderThan.getTime()).changes;
}
