/**
 * Leases (db/schema.ts `leases`): one holder at a time per name, with an expiry so a holder that
 * died is taken over. SQLite runs one writer at a time, so one conditional upsert is atomic
 * across processes: it changes the row only when the lease is free, expired or already ours.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { leases } from "../schema";

export type LeaseRow = typeof leases.$inferSelect;

/**
 * Takes the lease `name` for `holder` until `now + ttlMs`, or renews it when `holder` has it.
 * True when `holder` holds it afterwards; false when someone else holds an unexpired lease.
 */
export function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): boolean {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const result = db
    .insert(leases)
    .values({ name, holder, expiresAt, acquiredAt: now })
    .onConflictDoUpdate({
      target: leases.name,
      set: {
        holder,
        expiresAt,
        // A renewal keeps the time the holder first took it.
        acquiredAt: sql`case when ${leases.holder} = ${holder} then ${leases.acquiredAt} else ${now.getTime()} end`,
      },
      setWhere: sql`${leases.holder} is null or ${leases.holder} = ${holder} or ${leases.expiresAt} <= ${now.getTime()}`,
    })
    .run();
  return result.changes === 1;
}

/** Gives the lease up if `holder` has it; true when it did. */
export function releaseLease(db: Db, name: string, holder: string, now: Date): boolean {
  return db
    .update(leases)
    .set({ holder: null, expiresAt: now })
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run().changes === 1;
}

export function findLease(db: Db, name: string): LeaseRow | undefined {
  return db.select().from(leases).where(eq(leases.name, name)).get();
}
