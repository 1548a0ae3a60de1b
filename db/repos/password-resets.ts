import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { passwordResets, users } from "../schema";

export type PasswordResetRow = typeof passwordResets.$inferSelect;

/** A new reset request voids the user's earlier unused ones (SECURITY.md row 10). */
export function insertPasswordReset(db: Db, row: typeof passwordResets.$inferInsert, now: Date): void {
  db.transaction((tx) => {
    tx.update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt)))
      .run();
    tx.insert(passwordResets).values(row).run();
  });
}

export function findPasswordResetByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, tokenHash))
    .get();
}

/** Uses the reset and sets the new password hash in one transaction; false if already used. */
export function completePasswordReset(db: Db, resetId: string, userId: string, passwordHash: string, now: Date): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, resetId), isNull(passwordResets.usedAt)))
      .run().changes;
    if (changed !== 1) return false;
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    return true;
  });
}
