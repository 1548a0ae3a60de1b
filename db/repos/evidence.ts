import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { evidenceFiles } from "../schema";

export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;

export function insertEvidenceFile(db: Db, row: typeof evidenceFiles.$inferInsert): void {
  db.insert(evidenceFiles).values(row).run();
}

const prepared = new WeakMap<Db, { list: ReturnType<typeof prepareList>; count: ReturnType<typeof prepareCount> }>();

function prepareList(db: Db) {
  return db
    .select()
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.orgId, sql.placeholder("orgId")),
        eq(evidenceFiles.assessmentId, sql.placeholder("assessmentId")),
        isNull(evidenceFiles.deletedAt),
      ),
    )
    .orderBy(evidenceFiles.createdAt)
    .prepare();
}

function prepareCount(db: Db) {
  return db
    .select({ questionId: evidenceFiles.questionId, count: sql<number>`count(*)` })
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.orgId, sql.placeholder("orgId")),
        eq(evidenceFiles.assessmentId, sql.placeholder("assessmentId")),
        isNull(evidenceFiles.deletedAt),
      ),
    )
    .groupBy(evidenceFiles.questionId)
    .prepare();
}

/** Prepared once per connection: these run on every supplier page view. */
function statements(db: Db) {
  let p = prepared.get(db);
  if (!p) {
    p = { list: prepareList(db), count: prepareCount(db) };
    prepared.set(db, p);
  }
  return p;
}

/** Files of one assessment (not deleted), oldest first. */
export function listEvidenceFiles(db: Db, orgId: string, assessmentId: string): EvidenceFileRow[] {
  return statements(db).list.all({ orgId, assessmentId });
}

/** Evidence count per question, for progress and scoring. */
export function countEvidenceByQuestion(db: Db, orgId: string, assessmentId: string): Map<string, number> {
  const rows = statements(db).count.all({ orgId, assessmentId });
  return new Map(rows.map((r) => [r.questionId, Number(r.count)]));
}

/** One file, only within the given organisation AND assessment (a supplier session's scope). */
export function findEvidenceFile(db: Db, orgId: string, assessmentId: string, fileId: string): EvidenceFileRow | undefined {
  return db
    .select()
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.id, fileId),
        eq(evidenceFiles.orgId, orgId),
        eq(evidenceFiles.assessmentId, assessmentId),
        isNull(evidenceFiles.deletedAt),
      ),
    )
    .get();
}

/** For staff routes: a file within the organisation. */
export function findEvidenceFileInOrg(db: Db, orgId: string, fileId: string): EvidenceFileRow | undefined {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.orgId, orgId), isNull(evidenceFiles.deletedAt)))
    .get();
}

/** Marks a file removed (the row stays for the audit trail; the bytes are deleted by the caller). */
export function markEvidenceFileDeleted(db: Db, orgId: string, assessmentId: string, fileId: string, now: Date): boolean {
  return (
    db
      .update(evidenceFiles)
      .set({ deletedAt: now })
      .where(
        and(
          eq(evidenceFiles.id, fileId),
          eq(evidenceFiles.orgId, orgId),
          eq(evidenceFiles.assessmentId, assessmentId),
          isNull(evidenceFiles.deletedAt),
        ),
      )
      .run().changes === 1
  );
}
