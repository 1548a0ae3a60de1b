import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, staffInvitations, users } from "../schema";

export type StaffInvitationRow = typeof staffInvitations.$inferSelect;

/** Inserts an invitation and revokes earlier open invitations to the same address in the organisation. */
export function insertStaffInvitation(db: Db, row: typeof staffInvitations.$inferInsert, now: Date): void {
  db.transaction((tx) => {
    tx.update(staffInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(staffInvitations.orgId, row.orgId),
          eq(staffInvitations.email, row.email),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .run();
    tx.insert(staffInvitations).values(row).run();
  });
}

export function findStaffInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({ invitation: staffInvitations, organisationName: organisations.name })
    .from(staffInvitations)
    .innerJoin(organisations, eq(organisations.id, staffInvitations.orgId))
    .where(eq(staffInvitations.tokenHash, tokenHash))
    .get();
}

export function listOpenStaffInvitations(db: Db, orgId: string): StaffInvitationRow[] {
  return db
    .select()
    .from(staffInvitations)
    .where(and(eq(staffInvitations.orgId, orgId), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
    .orderBy(desc(staffInvitations.createdAt))
    .all();
}

export function revokeStaffInvitation(db: Db, orgId: string, id: string, now: Date): boolean {
  return (
    db
      .update(staffInvitations)
      .set({ revokedAt: now })
      .where(and(eq(staffInvitations.id, id), eq(staffInvitations.orgId, orgId), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .run().changes === 1
  );
}

/** Marks the invitation accepted and creates the user, once: a second acceptance changes nothing. */
export function acceptStaffInvitation(db: Db, invitationId: string, user: typeof users.$inferInsert, now: Date): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(staffInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(staffInvitations.id, invitationId), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .run().changes;
    if (changed !== 1) return false;
    tx.insert(users).values({ ...user, email: user.email.toLowerCase() }).run();
    return true;
  });
}
