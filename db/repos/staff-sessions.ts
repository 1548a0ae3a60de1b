import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, staffSessions, users } from "../schema";

export type StaffSessionRow = typeof staffSessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export function insertStaffSession(db: Db, row: typeof staffSessions.$inferInsert): void {
  db.insert(staffSessions).values(row).run();
}

export function findStaffSessionWithUser(
  db: Db,
  sessionId: string,
): { session: StaffSessionRow; user: UserRow; organisation: OrganisationRow } | undefined {
  return db
    .select({ session: staffSessions, user: users, organisation: organisations })
    .from(staffSessions)
    .innerJoin(users, eq(users.id, staffSessions.userId))
    .innerJoin(organisations, eq(organisations.id, staffSessions.orgId))
    .where(eq(staffSessions.id, sessionId))
    .get();
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
