import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { jobRuns, staffSessions, supplierSessions } from "../schema";

export function insertJobRun(db: Db, row: typeof jobRuns.$inferInsert): void {
  db.insert(jobRuns).values(row).run();
}

export function finishJobRun(
  db: Db,
  id: string,
  values: { status: "succeeded" | "failed"; finishedAt: Date; details: Record<string, unknown> },
): void {
  db.update(jobRuns).set(values).where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running"))).run();
}

/**
 * Housekeeping for the prune job: staff and supplier sessions past their expiry. The idle expiry
 * is never set beyond the absolute one (both session modules cap it), so it alone decides.
 */
export function deleteExpiredSessions(db: Db, now: Date): { staff: number; supplier: number } {
  const staff = db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)).run().changes;
  const supplier = db.delete(supplierSessions).where(lt(supplierSessions.expiresAt, now)).run().changes;
  return { staff, supplier };
}
