import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, staffSessions, users } from "../schema";
import { preparedFor } from "./reviews";

export type StaffSessionRow = typeof staffSessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export function insertStaffSession(db: Db, row: typeof staffSessions.$inferInsert): void {
  db.insert(staffSessions).values(row).run();
}

/** Every staff request looks its session up (twice: the staff layout's loader and the page's), so it is prepared once. */
const findStaffSessionWithUserQuery = preparedFor((db) =>
  db
    .select({ session: staffSessions, user: users, organisation: organisations })
    .from(staffSessions)
    .innerJoin(users, eq(users.id, staffSessions.userId))
    .innerJoin(organisations, eq(organisations.id, staffSessions.orgId))
    .where(eq(staffSessions.id, sql.placeholder("sessionId")))
    .prepare(),
);

export function findStaffSessionWithUser(
  db: Db,
  sessionId: string,
): { session: StaffSessionRow; user: UserRow; organisation: OrganisationRow } | undefined {
  return findStaffSessionWithUserQuery(db).get({ sessionId });
}

/**
 * A stamp of everything written to the database: rows this connection changed (triggers
 * included) and SQLite's data_version, which moves when another connection (the job runner, a
 * script) commits. Equal stamps mean nothing was written in between.
 */
const writeStampQuery = preparedFor((db) =>
  db.$client.prepare("select total_changes() as changes, (select data_version from pragma_data_version) as version"),
);

export function databaseWriteStamp(db: Db): string {
  const { changes, version } = writeStampQuery(db).get() as { changes: number; version: number };
  return `${changes}:${version}`;
}

export function updateStaffSession(
  db: Db,
  sessionId: string,
  values: Partial<Pick<StaffSessionRow, "expiresAt" | "reauthenticatedAt" | "twoFactorVerified">>,
): void {
  db.update(staffSessions).set(values).where(eq(staffSessions.id, sessionId)).run();
}

export function deleteStaffSession(db: Db, sessionId: string): void {
  db.delete(staffSessions).where(eq(staffSessions.id, sessionId)).run();
}

/** Ends every session of a user, optionally keeping the one making the request. */
export function deleteUserStaffSessions(db: Db, userId: string, exceptSessionId?: string): number {
  const where = exceptSessionId
    ? and(eq(staffSessions.userId, userId), ne(staffSessions.id, exceptSessionId))
    : eq(staffSessions.userId, userId);
  return db.delete(staffSessions).where(where).run().changes;
}
