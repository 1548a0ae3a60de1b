/**
 * Red flags on assessments. `assessments.criticalFlagCount` / `flagCount` are the open flags,
 * denormalised for the queue; every change of a flag's status recounts them in the same
 * transaction.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, flags } from "../schema";
import { preparedFor } from "./reviews";

export type FlagRow = typeof flags.$inferSelect;

const listFlagsQuery = preparedFor((db) =>
  db
    .select()
    .from(flags)
    .where(and(eq(flags.orgId, sql.placeholder("orgId")), eq(flags.assessmentId, sql.placeholder("assessmentId"))))
    .orderBy(
      sql`case ${flags.severity} when 'critical' then 0 when 'high' then 1 else 2 end`,
      sql`${flags.warning} desc`,
      asc(flags.flagType),
    )
    .prepare(),
);

export function listFlags(db: Db, orgId: string, assessmentId: string): FlagRow[] {
  return listFlagsQuery(db).all({ orgId, assessmentId });
}

export function findFlag(db: Db, orgId: string, assessmentId: string, flagId: string): FlagRow | undefined {
  return db
    .select()
    .from(flags)
    .where(and(eq(flags.id, flagId), eq(flags.orgId, orgId), eq(flags.assessmentId, assessmentId)))
    .get();
}

export function insertFlags(db: Db, rows: (typeof flags.$inferInsert)[]): void {
  if (rows.length > 0) db.insert(flags).values(rows).run();
}

/** Recomputes the open-flag counts of one assessment from its flags. */
export function recountOpenFlags(db: Db, orgId: string, assessmentId: string): { critical: number; total: number } {
  const row = db
    .select({
      critical: sql<number>`coalesce(sum(case when ${flags.severity} = 'critical' then 1 else 0 end), 0)`,
      total: sql<number>`count(*)`,
    })
    .from(flags)
    .where(and(eq(flags.orgId, orgId), eq(flags.assessmentId, assessmentId), eq(flags.status, "open")))
    .get();
  const counts = { critical: Number(row?.critical ?? 0), total: Number(row?.total ?? 0) };
  db.update(assessments)
    .set({ criticalFlagCount: counts.critical, flagCount: counts.total })
    .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId)))
    .run();
  return counts;
}

export function acceptFlagRisk(
  db: Db,
  orgId: string,
  flagId: string,
  values: { reason: string; until: string; userId: string },
): boolean {
  return (
    db
      .update(flags)
      .set({ status: "accepted", acceptedReason: values.reason, acceptedUntil: values.until, acceptedBy: values.userId })
      .where(and(eq(flags.id, flagId), eq(flags.orgId, orgId), eq(flags.status, "open")))
      .run().changes === 1
  );
}

/** Accepted flags whose acceptance ended before `today` (ISO date), across organisations (the job). */
export function listLapsedAcceptances(db: Db, today: string, limit = 500): FlagRow[] {
  return db
    .select()
    .from(flags)
    // An archived supplier's flags stay as they are (its assessments are closed).
    .where(and(eq(flags.status, "accepted"), lt(flags.acceptedUntil, today), sql`not exists (select 1 from suppliers s where s.id = ${flags.supplierId} and s.archived_at is not null)`))
    .limit(limit)
    .all();
}

/** Raises a lapsed acceptance again; only if still accepted with the same expiry. */
export function reopenLapsedFlag(db: Db, orgId: string, flagId: string, acceptedUntil: string): boolean {
  return (
    db
      .update(flags)
      .set({ status: "open" })
      .where(
        and(eq(flags.id, flagId), eq(flags.orgId, orgId), eq(flags.status, "accepted"), eq(flags.acceptedUntil, acceptedUntil)),
      )
      .run().changes === 1
  );
}
