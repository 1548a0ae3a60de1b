/** Remediation items (conditions of an "approved with conditions" decision), tracked until closed. */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { remediationItems, supplierContacts, suppliers, users } from "../schema";
import { preparedFor } from "./reviews";

export type RemediationRow = typeof remediationItems.$inferSelect;

export function insertRemediationItems(db: Db, rows: (typeof remediationItems.$inferInsert)[]): void {
  if (rows.length > 0) db.insert(remediationItems).values(rows).run();
}

export function listSupplierRemediation(db: Db, orgId: string, supplierId: string): RemediationRow[] {
  return db
    .select()
    .from(remediationItems)
    .where(and(eq(remediationItems.orgId, orgId), eq(remediationItems.supplierId, supplierId)))
    .orderBy(asc(remediationItems.status), asc(remediationItems.deadline))
    .all();
}

const listAssessmentRemediationQuery = preparedFor((db) =>
  db
    .select()
    .from(remediationItems)
    .where(and(eq(remediationItems.orgId, sql.placeholder("orgId")), eq(remediationItems.assessmentId, sql.placeholder("assessmentId"))))
    .orderBy(asc(remediationItems.deadline))
    .prepare(),
);

export function listAssessmentRemediation(db: Db, orgId: string, assessmentId: string): RemediationRow[] {
  return listAssessmentRemediationQuery(db).all({ orgId, assessmentId });
}

export function findRemediationItem(db: Db, orgId: string, itemId: string): RemediationRow | undefined {
  return db
    .select()
    .from(remediationItems)
    .where(and(eq(remediationItems.id, itemId), eq(remediationItems.orgId, orgId)))
    .get();
}

export function closeRemediationItem(
  db: Db,
  orgId: string,
  itemId: string,
  values: { closedBy: string; closingNote: string; closedAt: Date },
): boolean {
  return (
    db
      .update(remediationItems)
      .set({ status: "closed", ...values })
      .where(and(eq(remediationItems.id, itemId), eq(remediationItems.orgId, orgId), eq(remediationItems.status, "open")))
      .run().changes === 1
  );
}

/** Open items with a deadline on or before `until` (ISO date), across organisations, for reminders. */
export function listOpenRemediationDueBy(db: Db, until: string) {
  return db
    .select({
      item: remediationItems,
      supplierName: suppliers.name,
      supplierOwnerUserId: suppliers.ownerUserId,
    })
    .from(remediationItems)
    .innerJoin(suppliers, and(eq(suppliers.id, remediationItems.supplierId), eq(suppliers.orgId, remediationItems.orgId)))
    // An archived supplier's conditions are kept but no longer chased.
    .where(and(eq(remediationItems.status, "open"), lte(remediationItems.deadline, until), isNull(suppliers.archivedAt)))
    .orderBy(asc(remediationItems.deadline))
    .all();
}

/** Where a reminder goes: the supplier's security contact (supplier side) or a staff member. */
export function findSecurityContact(db: Db, orgId: string, supplierId: string) {
  return db
    .select()
    .from(supplierContacts)
    .where(and(eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
    .orderBy(asc(supplierContacts.isSecurityContact), asc(supplierContacts.createdAt))
    .all()
    .sort((a, b) => Number(b.isSecurityContact) - Number(a.isSecurityContact))[0];
}

export function findStaffRecipient(db: Db, orgId: string, userId: string) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)))
    .get();
}
