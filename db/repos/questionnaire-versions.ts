import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { questionnaireVersions } from "../schema";

export type QuestionnaireVersionRow = typeof questionnaireVersions.$inferSelect;

export class QuestionnaireVersionChangedError extends Error {
  constructor(key: string) {
    super(
      `Questionnaire ${key} was already sent with different content. A sent version is immutable: give the changed file a new version number.`,
    );
  }
}

/**
 * The stored snapshot of a questionnaire version, written the first time the version is sent.
 * Refuses a file whose content differs from the snapshot already stored under the same key.
 */
export function ensureQuestionnaireVersion(
  db: Db,
  input: { id: string; key: string; questionnaireId: string; version: number; content: string; contentHash: string },
): QuestionnaireVersionRow {
  const existing = db.select().from(questionnaireVersions).where(eq(questionnaireVersions.key, input.key)).get();
  if (existing) {
    if (existing.contentHash !== input.contentHash) throw new QuestionnaireVersionChangedError(input.key);
    return existing;
  }
  db.insert(questionnaireVersions).values(input).onConflictDoNothing().run();
  const row = db.select().from(questionnaireVersions).where(eq(questionnaireVersions.key, input.key)).get();
  if (!row || row.contentHash !== input.contentHash) throw new QuestionnaireVersionChangedError(input.key);
  return row;
}

export function findQuestionnaireVersion(db: Db, id: string): QuestionnaireVersionRow | undefined {
  return db.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, id)).get();
}
