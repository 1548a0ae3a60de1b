/** Assessments as the staff side creates, lists and manages them. Every query filters on orgId. */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  assessments,
  emails,
  invitations,
  organisations,
  questionnaireVersions,
  supplierContacts,
  suppliers,
  users,
  type AssessmentStatus,
} from "../schema";

export type AssessmentRow = typeof assessments.$inferSelect;

/** Statuses in which the supplier can still answer (and reminders go out for the first three). */
export const OPEN_STATUSES: AssessmentStatus[] = ["sent", "opened", "in_progress", "clarification_requested"];
export const REMINDABLE_STATUSES: AssessmentStatus[] = ["sent", "opened", "in_progress"];

export function insertAssessment(db: Db, row: typeof assessments.$inferInsert): void {
  db.insert(assessments).values(row).run();
}

export function findAssessment(db: Db, orgId: string, supplierId: string, id: string): AssessmentRow | undefined {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, id), eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId)))
    .get();
}

export function listSupplierAssessments(db: Db, orgId: string, supplierId: string) {
  return db
    .select({
      id: assessments.id,
      status: assessments.status,
      tier: assessments.tier,
      dueDate: assessments.dueDate,
      sentAt: assessments.sentAt,
      openedAt: assessments.openedAt,
      submittedAt: assessments.submittedAt,
      decidedAt: assessments.decidedAt,
      progressPercent: assessments.progressPercent,
      questionnaireId: questionnaireVersions.questionnaireId,
      questionnaireVersion: questionnaireVersions.version,
      createdAt: assessments.createdAt,
      kind: assessments.kind,
    })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId)))
    .orderBy(desc(assessments.createdAt))
    .all();
}

export function findOpenAssessment(db: Db, orgId: string, supplierId: string): AssessmentRow | undefined {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), inArray(assessments.status, OPEN_STATUSES)))
    .get();
}

export function updateAssessment(
  db: Db,
  orgId: string,
  id: string,
  values: Partial<Pick<AssessmentRow, "status" | "dueDate" | "updatedAt">>,
  onlyIfStatusIn?: AssessmentStatus[],
): boolean {
  const conditions = [eq(assessments.id, id), eq(assessments.orgId, orgId)];
  if (onlyIfStatusIn) conditions.push(inArray(assessments.status, onlyIfStatusIn));
  return db.update(assessments).set(values).where(and(...conditions)).run().changes === 1;
}

export function listAssessmentInvitations(db: Db, orgId: string, assessmentId: string) {
  return db
    .select({
      id: invitations.id,
      contactId: invitations.contactId,
      contactName: supplierContacts.name,
      contactEmail: supplierContacts.email,
      contactLocale: supplierContacts.locale,
      expiresAt: invitations.expiresAt,
      revokedAt: invitations.revokedAt,
      lastUsedAt: invitations.lastUsedAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(supplierContacts, and(eq(supplierContacts.id, invitations.contactId), eq(supplierContacts.orgId, invitations.orgId)))
    .where(and(eq(invitations.orgId, orgId), eq(invitations.assessmentId, assessmentId)))
    .orderBy(desc(invitations.createdAt))
    .all();
}

export function listAssessmentEmails(db: Db, orgId: string, assessmentId: string) {
  return db
    .select({ id: emails.id, kind: emails.kind, toAddress: emails.toAddress, status: emails.status, createdAt: emails.createdAt })
    .from(emails)
    .where(and(eq(emails.orgId, orgId), eq(emails.assessmentId, assessmentId)))
    .orderBy(asc(emails.createdAt))
    .all();
}

export function countAssessmentsByStatus(db: Db, orgId: string) {
  return db
    .select({ status: assessments.status, n: sql<number>`count(*)` })
    .from(assessments)
    .where(eq(assessments.orgId, orgId))
    .groupBy(assessments.status)
    .all();
}

export function listOverdueAssessments(db: Db, orgId: string, today: string, limit = 20) {
  return overdueAssessmentsQuery(db, orgId, today, limit).all();
}

/** The query behind listOverdueAssessments, for its EXPLAIN QUERY PLAN test. */
export function overdueAssessmentsQuery(db: Db, orgId: string, today: string, limit = 20) {
  return db
    .select({
      id: assessments.id,
      supplierId: assessments.supplierId,
      supplierName: suppliers.name,
      status: assessments.status,
      dueDate: assessments.dueDate,
      tier: assessments.tier,
    })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .where(and(eq(assessments.orgId, orgId), inArray(assessments.status, OPEN_STATUSES), lt(assessments.dueDate, today)))
    .orderBy(asc(assessments.dueDate))
    .limit(limit);
}

/** Across organisations, for the reminder job: open assessments with what a reminder needs. */
export function listRemindableAssessments(db: Db) {
  return db
    .select({
      assessment: assessments,
      supplierName: suppliers.name,
      ownerUserId: suppliers.ownerUserId,
      organisationName: organisations.name,
      settings: organisations.settings,
    })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .innerJoin(organisations, eq(organisations.id, assessments.orgId))
    .where(and(inArray(assessments.status, REMINDABLE_STATUSES), isNull(suppliers.archivedAt)))
    .all();
}

/** Contacts with a link that still works, for reminders. */
export function listActiveInvitationContacts(db: Db, orgId: string, assessmentId: string, now: Date) {
  return db
    .select({
      contactId: supplierContacts.id,
      name: supplierContacts.name,
      email: supplierContacts.email,
      locale: supplierContacts.locale,
      lastUsedAt: invitations.lastUsedAt,
    })
    .from(invitations)
    .innerJoin(supplierContacts, and(eq(supplierContacts.id, invitations.contactId), eq(supplierContacts.orgId, invitations.orgId)))
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.assessmentId, assessmentId),
        isNull(invitations.revokedAt),
        sql`${invitations.expiresAt} > ${now.getTime()}`,
      ),
    )
    .all();
}

/** Active admins of an organisation (escalation when a supplier has no owner). */
export function listEscalationRecipients(db: Db, orgId: string, ownerUserId: string | null) {
  const base = and(eq(users.orgId, orgId), isNull(users.disabledAt));
  const owner = ownerUserId
    ? db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(and(base, eq(users.id, ownerUserId))).all()
    : [];
  if (owner.length > 0) return owner;
  return db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(and(base, eq(users.role, "admin"))).all();
}

/** Marks open assessments whose links have all run out as expired. */
export function expireAssessments(db: Db, ids: string[], now: Date): number {
  if (ids.length === 0) return 0;
  return db
    .update(assessments)
    .set({ status: "expired", updatedAt: now })
    .where(and(inArray(assessments.id, ids), inArray(assessments.status, OPEN_STATUSES)))
    .run().changes;
}
