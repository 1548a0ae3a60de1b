import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, invitations, organisations, supplierContacts, suppliers } from "../schema";

export type InvitationRow = typeof invitations.$inferSelect;

/** Inserts a new invitation and revokes the contact's earlier links to the same assessment. */
export function insertInvitationReplacingPrevious(db: Db, row: typeof invitations.$inferInsert, now: Date): void {
  db.transaction((tx) => {
    tx.update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.orgId, row.orgId),
          eq(invitations.assessmentId, row.assessmentId),
          eq(invitations.contactId, row.contactId),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    tx.insert(invitations).values(row).run();
  });
}

export function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({
      invitation: invitations,
      assessment: assessments,
      contact: supplierContacts,
      supplierName: suppliers.name,
      organisationName: organisations.name,
    })
    .from(invitations)
    .innerJoin(assessments, and(eq(assessments.id, invitations.assessmentId), eq(assessments.orgId, invitations.orgId)))
    .innerJoin(supplierContacts, and(eq(supplierContacts.id, invitations.contactId), eq(supplierContacts.orgId, invitations.orgId)))
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, invitations.orgId)))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash))
    .get();
}

export function revokeInvitationsOfAssessment(db: Db, orgId: string, assessmentId: string, now: Date): number {
  return db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.assessmentId, assessmentId), isNull(invitations.revokedAt)))
    .run().changes;
}

export function listInvitationsOfAssessment(db: Db, orgId: string, assessmentId: string): InvitationRow[] {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.assessmentId, assessmentId)))
    .all();
}

export function extendInvitations(db: Db, orgId: string, assessmentId: string, expiresAt: Date): number {
  return db
    .update(invitations)
    .set({ expiresAt })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.assessmentId, assessmentId), isNull(invitations.revokedAt)))
    .run().changes;
}
