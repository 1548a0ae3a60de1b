import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, invitations, organisations, supplierContacts, supplierSessions, suppliers } from "../schema";

export type SupplierSessionRow = typeof supplierSessions.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;

export function insertSupplierSession(db: Db, row: typeof supplierSessions.$inferInsert): void {
  db.insert(supplierSessions).values(row).run();
}

const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: Db) {
  return db
    .select({
      session: supplierSessions,
      // Only what the supplier side reads (the score detail, for one, is large JSON).
      assessment: {
        id: assessments.id,
        orgId: assessments.orgId,
        supplierId: assessments.supplierId,
        questionnaireVersionId: assessments.questionnaireVersionId,
        status: assessments.status,
        tier: assessments.tier,
        dueDate: assessments.dueDate,
        submittedAt: assessments.submittedAt,
        attestationName: assessments.attestationName,
        attestationTitle: assessments.attestationTitle,
      },
      invitationRevokedAt: invitations.revokedAt,
      invitationExpiresAt: invitations.expiresAt,
      contactName: supplierContacts.name,
      contactEmail: supplierContacts.email,
      supplierName: suppliers.name,
      organisationName: organisations.name,
    })
    .from(supplierSessions)
    .innerJoin(
      assessments,
      and(eq(assessments.id, supplierSessions.assessmentId), eq(assessments.orgId, supplierSessions.orgId)),
    )
    .innerJoin(
      invitations,
      and(eq(invitations.id, supplierSessions.invitationId), eq(invitations.orgId, supplierSessions.orgId)),
    )
    .innerJoin(
      supplierContacts,
      and(eq(supplierContacts.id, supplierSessions.contactId), eq(supplierContacts.orgId, supplierSessions.orgId)),
    )
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .innerJoin(organisations, eq(organisations.id, supplierSessions.orgId))
    .where(eq(supplierSessions.id, sql.placeholder("id")))
    .prepare();
}

/** The session with everything a supplier page needs about its assessment, in one query. */
export function findSupplierSessionContext(db: Db, sessionId: string) {
  let lookup = preparedLookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    preparedLookups.set(db, lookup);
  }
  return lookup.get({ id: sessionId });
}

export type SupplierSessionContextRow = NonNullable<ReturnType<typeof findSupplierSessionContext>>;

export function updateSupplierSessionExpiry(db: Db, sessionId: string, expiresAt: Date): void {
  db.update(supplierSessions).set({ expiresAt }).where(eq(supplierSessions.id, sessionId)).run();
}

export function deleteSupplierSession(db: Db, sessionId: string): void {
  db.delete(supplierSessions).where(eq(supplierSessions.id, sessionId)).run();
}

/** Ends every session opened with an invitation (the link was revoked or replaced). */
export function deleteSupplierSessionsOfInvitation(db: Db, orgId: string, invitationId: string): number {
  return db
    .delete(supplierSessions)
    .where(and(eq(supplierSessions.orgId, orgId), eq(supplierSessions.invitationId, invitationId)))
    .run().changes;
}

/** Marks the assessment opened (sent → opened) and the invitation used; both in one transaction. */
export function markInvitationAccepted(
  db: Db,
  input: { orgId: string; assessmentId: string; invitationId: string; now: Date },
): void {
  db.transaction((tx) => {
    tx.update(invitations)
      .set({ lastUsedAt: input.now })
      .where(and(eq(invitations.id, input.invitationId), eq(invitations.orgId, input.orgId)))
      .run();
    tx.update(assessments)
      .set({ status: "opened", openedAt: input.now, updatedAt: input.now })
      .where(
        and(eq(assessments.id, input.assessmentId), eq(assessments.orgId, input.orgId), eq(assessments.status, "sent")),
      )
      .run();
  });
}
