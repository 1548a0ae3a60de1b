/**
 * The supplier relationship after onboarding: RACI matrices, confirmed sub-suppliers and their
 * change events, contract reviews, documents, offboarding. Every query filters on orgId.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { answers, assessments, contractReviews, invitations, offboardings, organisations, supplierContacts, raciDefaults, suppliers, users, raciEntries, subSuppliers, supplierDocuments, type AssessmentStatus } from "../schema";

export interface RaciRecord {
  activity: string;
  itLead: string;
  supplier: string;
  customer: string;
  partner: string;
}

const raciColumns = (t: typeof raciDefaults | typeof raciEntries) => ({
  activity: t.activity,
  itLead: t.itLead,
  supplier: t.supplier,
  customer: t.customer,
  partner: t.partner,
});

export function listRaciDefaults(db: Db, orgId: string): RaciRecord[] {
  return db.select(raciColumns(raciDefaults)).from(raciDefaults).where(eq(raciDefaults.orgId, orgId)).orderBy(asc(raciDefaults.position)).all();
}

export function replaceRaciDefaults(db: Db, orgId: string, rows: (RaciRecord & { id: string })[]): void {
  db.transaction((tx) => {
    tx.delete(raciDefaults).where(eq(raciDefaults.orgId, orgId)).run();
    if (rows.length > 0) tx.insert(raciDefaults).values(rows.map((row, position) => ({ ...row, orgId, position }))).run();
  });
}

export function listSupplierRaci(db: Db, orgId: string, supplierId: string): RaciRecord[] {
  return db
    .select(raciColumns(raciEntries))
    .from(raciEntries)
    .where(and(eq(raciEntries.orgId, orgId), eq(raciEntries.supplierId, supplierId)))
    .orderBy(asc(raciEntries.position))
    .all();
}

/** Replaces the supplier's own matrix; no rows: the supplier follows the default again. */
export function replaceSupplierRaci(db: Db, orgId: string, supplierId: string, rows: (RaciRecord & { id: string })[]): void {
  db.transaction((tx) => {
    tx.delete(raciEntries).where(and(eq(raciEntries.orgId, orgId), eq(raciEntries.supplierId, supplierId))).run();
    if (rows.length > 0) tx.insert(raciEntries).values(rows.map((row, position) => ({ ...row, orgId, supplierId, position }))).run();
  });
}

/** Statuses in which the supplier's answers are final (submitted, in review, decided). */
const ANSWERED: AssessmentStatus[] = ["submitted", "in_review", "clarification_requested", "approved", "approved_with_conditions", "rejected"];

/** The latest submitted assessment of the supplier and its answers to the given questions. */
export function latestSubmittedAnswers(db: Db, orgId: string, supplierId: string, questionIds: string[]) {
  const latest = db
    .select({ id: assessments.id, submittedAt: assessments.submittedAt })
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), inArray(assessments.status, ANSWERED), isNotNull(assessments.submittedAt)))
    .orderBy(desc(assessments.submittedAt))
    .limit(1)
    .get();
  if (!latest) return undefined;
  return { assessmentId: latest.id, answers: answersOf(db, orgId, latest.id, questionIds) };
}

export function answersOf(db: Db, orgId: string, assessmentId: string, questionIds: string[]): Map<string, unknown> {
  const rows = db
    .select({ questionId: answers.questionId, value: answers.value, notApplicable: answers.notApplicable })
    .from(answers)
    .where(and(eq(answers.orgId, orgId), eq(answers.assessmentId, assessmentId), inArray(answers.questionId, questionIds)))
    .all();
  return new Map(rows.filter((r) => !r.notApplicable).map((r) => [r.questionId, r.value]));
}

/** Whether the assessment is this supplier's and submitted (a confirmation names its source). */
export function isSubmittedAssessmentOf(db: Db, orgId: string, supplierId: string, assessmentId: string): boolean {
  return (
    db
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), inArray(assessments.status, ANSWERED)))
      .get() !== undefined
  );
}

export function insertConfirmedSubSupplier(db: Db, row: typeof subSuppliers.$inferInsert): void {
  db.insert(subSuppliers).values(row).run();
}

export type SupplierDocumentRow = typeof supplierDocuments.$inferSelect;

export function insertSupplierDocument(db: Db, row: typeof supplierDocuments.$inferInsert): void {
  db.insert(supplierDocuments).values(row).run();
}

export function findSupplierDocument(db: Db, orgId: string, supplierId: string, id: string): SupplierDocumentRow | undefined {
  return db
    .select()
    .from(supplierDocuments)
    .where(and(eq(supplierDocuments.id, id), eq(supplierDocuments.orgId, orgId), eq(supplierDocuments.supplierId, supplierId)))
    .get();
}

export function listSupplierDocuments(db: Db, orgId: string, supplierId: string, kind?: SupplierDocumentRow["kind"]): SupplierDocumentRow[] {
  return db
    .select()
    .from(supplierDocuments)
    .where(and(eq(supplierDocuments.orgId, orgId), eq(supplierDocuments.supplierId, supplierId), kind ? eq(supplierDocuments.kind, kind) : undefined))
    .orderBy(desc(supplierDocuments.createdAt))
    .all();
}

export type ContractReviewRow = typeof contractReviews.$inferSelect;

export function listContractReviews(db: Db, orgId: string, supplierId: string, limit = 20): ContractReviewRow[] {
  return db
    .select()
    .from(contractReviews)
    .where(and(eq(contractReviews.orgId, orgId), eq(contractReviews.supplierId, supplierId)))
    .orderBy(desc(contractReviews.completedAt))
    .limit(limit)
    .all();
}

export function insertContractReview(db: Db, row: typeof contractReviews.$inferInsert): void {
  db.insert(contractReviews).values(row).run();
}

/** Across organisations, for the reminder job: every active supplier with an internal owner and its last review's next date. */
export function listContractReviewSchedules(db: Db) {
  const lastNext = sql<string | null>`(select r.next_due_on from ${contractReviews} r where r.org_id = ${suppliers.orgId} and r.supplier_id = ${suppliers.id} order by r.completed_at desc limit 1)`;
  return db
    .select({
      supplierId: suppliers.id,
      orgId: suppliers.orgId,
      supplierName: suppliers.name,
      createdAt: suppliers.createdAt,
      nextDueOn: lastNext,
      ownerId: users.id,
      ownerName: users.name,
      ownerEmail: users.email,
      ownerLocale: users.locale,
      settings: organisations.settings,
    })
    .from(suppliers)
    .innerJoin(organisations, eq(organisations.id, suppliers.orgId))
    .innerJoin(users, and(eq(users.id, suppliers.ownerUserId), eq(users.orgId, suppliers.orgId), isNull(users.disabledAt)))
    .where(isNull(suppliers.archivedAt))
    .all();
}

export type OffboardingRow = typeof offboardings.$inferSelect;

/** The open offboarding, else the latest completed one. */
export function findCurrentOffboarding(db: Db, orgId: string, supplierId: string): OffboardingRow | undefined {
  return db
    .select()
    .from(offboardings)
    .where(and(eq(offboardings.orgId, orgId), eq(offboardings.supplierId, supplierId)))
    .orderBy(desc(sql`${offboardings.status} = 'open'`), desc(offboardings.createdAt))
    .limit(1)
    .get();
}

export function insertOffboarding(db: Db, row: typeof offboardings.$inferInsert): void {
  db.insert(offboardings).values(row).run();
}

export function updateOffboarding(
  db: Db,
  orgId: string,
  id: string,
  values: Partial<Pick<OffboardingRow, "checklist" | "notes" | "requestTokenHash" | "requestContactId" | "requestExpiresAt" | "confirmationDocumentId">>,
): boolean {
  return db.update(offboardings).set(values).where(and(eq(offboardings.id, id), eq(offboardings.orgId, orgId), eq(offboardings.status, "open"))).run().changes === 1;
}

/** The open offboarding a deletion-confirmation link names (any organisation: the token is the key). */
export function findOffboardingByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({
      offboarding: offboardings,
      supplierName: suppliers.name,
      organisationName: organisations.name,
      contact: { id: supplierContacts.id, name: supplierContacts.name },
    })
    .from(offboardings)
    .innerJoin(suppliers, and(eq(suppliers.id, offboardings.supplierId), eq(suppliers.orgId, offboardings.orgId)))
    .innerJoin(organisations, eq(organisations.id, offboardings.orgId))
    .innerJoin(supplierContacts, and(eq(supplierContacts.id, offboardings.requestContactId), eq(supplierContacts.orgId, offboardings.orgId)))
    .where(eq(offboardings.requestTokenHash, tokenHash))
    .get();
}

/** Statuses an assessment leaves when its supplier is archived: every one still waiting on someone. */
const STOPPED_ON_ARCHIVE: AssessmentStatus[] = ["sent", "opened", "in_progress", "submitted", "in_review", "clarification_requested"];

/**
 * Archives the supplier in one transaction: the supplier marked archived, every invitation link
 * revoked (a supplier session ends on its next request, app/supplier-portal/supplier-session.server.ts), assessments still under way revoked, the offboarding
 * closed and its upload link retired. Nothing is deleted.
 */
export function archiveSupplier(db: Db, input: { orgId: string; supplierId: string; offboardingId: string; userId: string; now: Date }) {
  const { orgId, supplierId, now } = input;
  return db.transaction((tx) => {
    const ofSupplier = tx.select({ id: assessments.id }).from(assessments).where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId)));
    const revokedInvitations = tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.revokedAt), inArray(invitations.assessmentId, ofSupplier)))
      .run().changes;
    const revokedAssessments = tx
      .update(assessments)
      .set({ status: "revoked", updatedAt: now })
      .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), inArray(assessments.status, STOPPED_ON_ARCHIVE)))
      .run().changes;
    tx.update(suppliers).set({ archivedAt: now, updatedAt: now }).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))).run();
    tx.update(offboardings)
      .set({ status: "completed", completedAt: now, completedBy: input.userId, requestTokenHash: null, requestExpiresAt: null })
      .where(and(eq(offboardings.id, input.offboardingId), eq(offboardings.orgId, orgId)))
      .run();
    return { revokedInvitations, revokedAssessments };
  });
}

export function reactivateSupplier(db: Db, orgId: string, supplierId: string, now: Date): boolean {
  return db
    .update(suppliers)
    .set({ archivedAt: null, updatedAt: now })
    .where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId), isNotNull(suppliers.archivedAt)))
    .run().changes === 1;
}

export function listArchivedSuppliers(db: Db, orgId: string) {
  return db
    .select({ id: suppliers.id, name: suppliers.name, archivedAt: suppliers.archivedAt })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), isNotNull(suppliers.archivedAt)))
    .orderBy(desc(suppliers.archivedAt))
    .all();
}
