import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { emails } from "../schema";

export type EmailRow = typeof emails.$inferSelect;

/** Inserts the email unless one with the same dedupe key exists; returns whether it was inserted. */
export function claimEmail(db: Db, row: typeof emails.$inferInsert): boolean {
  return db.insert(emails).values(row).onConflictDoNothing({ target: emails.dedupeKey }).run().changes === 1;
}

export function markEmail(
  db: Db,
  id: string,
  values: Partial<Pick<EmailRow, "status" | "providerMessageId" | "error" | "sentAt">>,
): void {
  db.update(emails).set(values).where(eq(emails.id, id)).run();
}

export function listOrganisationEmails(db: Db, orgId: string, limit = 100, offset = 0): EmailRow[] {
  return db.select().from(emails).where(eq(emails.orgId, orgId)).orderBy(desc(emails.createdAt)).limit(limit).offset(offset).all();
}

export function findOrganisationEmail(db: Db, orgId: string, id: string): EmailRow | undefined {
  return db.select().from(emails).where(and(eq(emails.id, id), eq(emails.orgId, orgId))).get();
}
