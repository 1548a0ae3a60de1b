/** Answers prefilled from a supplier's answer file: inserted as carried forward (not yet confirmed), never over an answer. */
import type { Db } from "../client";
import { answers } from "../schema";

export function insertImportedAnswers(db: Db, rows: (typeof answers.$inferInsert)[]): number {
  if (rows.length === 0) return 0;
  return db
    .insert(answers)
    .values(rows.map((row) => ({ ...row, carriedForward: true, revision: 1 })))
    .onConflictDoNothing({ target: [answers.assessmentId, answers.questionId] })
    .run().changes;
}
