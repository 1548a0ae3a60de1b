/**
 * The supplier relationship after onboarding: RACI matrices, confirmed sub-suppliers and their
 * change events, contract reviews, documents, offboarding. Every query filters on orgId.
 */
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { answers, assessments, raciDefaults, raciEntries, subSuppliers, supplierEvents, type AssessmentStatus } from "../schema";

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

export type SupplierEventRow = typeof supplierEvents.$inferSelect;

export function insertSupplierEvent(db: Db, row: typeof supplierEvents.$inferInsert): void {
  db.insert(supplierEvents).values(row).run();
}

export function listSupplierEvents(db: Db, orgId: string, supplierId: string, limit = 20): SupplierEventRow[] {
  return db
    .select()
    .from(supplierEvents)
    .where(and(eq(supplierEvents.orgId, orgId), eq(supplierEvents.supplierId, supplierId)))
    .orderBy(desc(supplierEvents.createdAt))
    .limit(limit)
    .all();
}
