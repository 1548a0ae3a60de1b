/** Staff accounts, their second factor and recovery codes. Tenant queries filter on orgId. */
import { and, asc, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { recoveryCodes, staffSessions, users, type StaffRole } from "../schema";

export type UserRow = typeof users.$inferSelect;
export type RecoveryCodeRow = typeof recoveryCodes.$inferSelect;

/** Across organisations: an email address identifies one account in the installation. */
export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function findUserById(db: Db, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findOrgUser(db: Db, orgId: string, id: string): UserRow | undefined {
  return db.select().from(users).where(and(eq(users.id, id), eq(users.orgId, orgId))).get();
}

export function listOrgUsers(db: Db, orgId: string): UserRow[] {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name)).all();
}

export function countActiveAdmins(db: Db, orgId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "admin"), isNull(users.disabledAt)))
    .get();
  return row?.n ?? 0;
}

export function insertUser(db: Db, row: typeof users.$inferInsert): void {
  db.insert(users).values({ ...row, email: row.email.toLowerCase() }).run();
}

export function updateUserPasswordHash(db: Db, userId: string, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function updateOrgUser(
  db: Db,
  orgId: string,
  userId: string,
  values: Partial<Pick<UserRow, "role" | "disabledAt" | "name" | "locale">>,
): boolean {
  return db.update(users).set(values).where(and(eq(users.id, userId), eq(users.orgId, orgId))).run().changes === 1;
}

export function setTotp(db: Db, userId: string, totpSecret: string | null, totpLastStep: number | null): void {
  db.update(users).set({ totpSecret, totpLastStep }).where(eq(users.id, userId)).run();
}

/**
 * Records `step` as the last accepted TOTP step, only if it is later than the one stored: one
 * statement, so two requests with the same code cannot both succeed.
 */
export function claimTotpStep(db: Db, userId: string, step: number): boolean {
  return (
    db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .run().changes === 1
  );
}

export function replaceRecoveryCodes(db: Db, userId: string, rows: { id: string; codeHash: string; createdAt: Date }[]): void {
  db.transaction((tx) => {
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    if (rows.length > 0) tx.insert(recoveryCodes).values(rows.map((r) => ({ ...r, userId }))).run();
  });
}

export function deleteRecoveryCodes(db: Db, userId: string): void {
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
}

/** Marks the unused code with this hash as used; true when one was. */
export function useRecoveryCode(db: Db, userId: string, codeHash: string, now: Date): boolean {
  return (
    db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .run().changes === 1
  );
}

export function countUnusedRecoveryCodes(db: Db, userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .get();
  return row?.n ?? 0;
}

export type { StaffRole };

/** A user's live sessions, newest first; `handle` is the first 16 hex digits of the session id (a hash, not the token). */
export function listUserSessions(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: staffSessions.id,
      createdAt: staffSessions.createdAt,
      expiresAt: staffSessions.expiresAt,
      ip: staffSessions.ip,
      userAgent: staffSessions.userAgent,
    })
    .from(staffSessions)
    .where(and(eq(staffSessions.userId, userId), gt(staffSessions.expiresAt, now)))
    .orderBy(desc(staffSessions.createdAt))
    .all()
    .map(({ id, ...rest }) => ({ handle: id.slice(0, 16), ...rest }));
}

export function deleteUserSessionByHandle(db: Db, userId: string, handle: string): number {
  return db
    .delete(staffSessions)
    .where(and(eq(staffSessions.userId, userId), sql`substr(${staffSessions.id}, 1, 16) = ${handle}`))
    .run().changes;
}
