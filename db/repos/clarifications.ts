/**
 * Clarification threads, one per question per request; while a thread is `open` the supplier may
 * change that answer. Tenant-scoped like every repo.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { clarificationMessages, clarifications } from "../schema";
import { preparedFor } from "./reviews";

export type ClarificationRow = typeof clarifications.$inferSelect;
export type ClarificationMessageRow = typeof clarificationMessages.$inferSelect;

export function insertClarification(
  db: Db,
  thread: typeof clarifications.$inferInsert,
  message: typeof clarificationMessages.$inferInsert,
): void {
  db.insert(clarifications).values(thread).run();
  db.insert(clarificationMessages).values(message).run();
}

const listClarificationsQuery = preparedFor((db) =>
  db
    .select()
    .from(clarifications)
    .where(and(eq(clarifications.orgId, sql.placeholder("orgId")), eq(clarifications.assessmentId, sql.placeholder("assessmentId"))))
    .orderBy(asc(clarifications.createdAt))
    .prepare(),
);

export function listClarifications(db: Db, orgId: string, assessmentId: string): ClarificationRow[] {
  return listClarificationsQuery(db).all({ orgId, assessmentId });
}

export function findOpenClarification(db: Db, orgId: string, assessmentId: string, questionId: string) {
  return db
    .select()
    .from(clarifications)
    .where(
      and(
        eq(clarifications.orgId, orgId),
        eq(clarifications.assessmentId, assessmentId),
        eq(clarifications.questionId, questionId),
        eq(clarifications.status, "open"),
      ),
    )
    .get();
}

export function listClarificationMessages(db: Db, orgId: string, clarificationIds: string[]): ClarificationMessageRow[] {
  if (clarificationIds.length === 0) return [];
  return db
    .select()
    .from(clarificationMessages)
    .where(and(eq(clarificationMessages.orgId, orgId), inArray(clarificationMessages.clarificationId, clarificationIds)))
    .orderBy(asc(clarificationMessages.createdAt))
    .all();
}

/** Closes every thread of the assessment that is not closed yet (on decision). */
export function closeClarifications(db: Db, orgId: string, assessmentId: string): number {
  return db
    .update(clarifications)
    .set({ status: "closed" })
    .where(
      and(
        eq(clarifications.orgId, orgId),
        eq(clarifications.assessmentId, assessmentId),
        inArray(clarifications.status, ["open", "answered"]),
      ),
    )
    .run().changes;
}
