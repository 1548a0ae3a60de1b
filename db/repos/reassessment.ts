/** Queries for reassessment (SPEC C7): what blocks a new one, the last approved assessment, carry-forward writes, confirm-unchanged, the overview's due counts. */
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { answers, assessments, evidenceFiles, flags, questionnaireVersions, suppliers, type AssessmentStatus } from "../schema";

const APPROVED = ["approved", "approved_with_conditions"] as const;

/** Statuses of an assessment that is not finished: sent and not yet decided. */
export const UNDECIDED_STATUSES: AssessmentStatus[] = ["sent", "opened", "in_progress", "submitted", "in_review", "clarification_requested"];

/**
 * What stops a new reassessment: an undecided assessment, or (with `since`, the last decision)
 * one started since then that was not revoked (an expired one waits for staff, rather than the
 * job sending a new one every run).
 */
export function findBlockingAssessment(db: Db, orgId: string, supplierId: string, since: Date | null) {
  const blocking = since
    ? or(inArray(assessments.status, UNDECIDED_STATUSES), and(gt(assessments.createdAt, since), ne(assessments.status, "revoked")))
    : inArray(assessments.status, UNDECIDED_STATUSES);
  return db
    .select({ id: assessments.id, status: assessments.status })
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), blocking))
    .get();
}

/** The supplier's most recent approved (or approved with conditions) assessment. */
export function findLastApprovedAssessment(db: Db, orgId: string, supplierId: string) {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId), inArray(assessments.decision, APPROVED)))
    .orderBy(desc(assessments.decidedAt))
    .get();
}

/** One assessment of the organisation (any supplier), or undefined: another organisation's id finds nothing. */
export function findOrgAssessment(db: Db, orgId: string, assessmentId: string) {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId)))
    .get();
}

export interface CarriedAnswerRow {
  id: string;
  questionId: string;
  value: string | string[] | number | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  comment: string | null;
}

/** Prefills a new assessment: answers marked carried forward (revision 1), evidence rows pointing at copied files. */
export function insertCarriedForward(
  db: Db,
  input: {
    orgId: string;
    assessmentId: string;
    answers: CarriedAnswerRow[];
    evidence: (typeof evidenceFiles.$inferInsert)[];
    now: Date;
  },
): void {
  if (input.answers.length > 0) {
    db.insert(answers)
      .values(
        input.answers.map((a) => ({
          id: a.id,
          orgId: input.orgId,
          assessmentId: input.assessmentId,
          questionId: a.questionId,
          value: a.value,
          notApplicable: a.notApplicable,
          notApplicableReason: a.notApplicableReason,
          comment: a.comment,
          revision: 1,
          carriedForward: true,
          updatedByContactId: null,
          updatedAt: input.now,
        })),
      )
      .run();
  }
  if (input.evidence.length > 0) db.insert(evidenceFiles).values(input.evidence).run();
}

/**
 * The supplier confirms carried-forward answers unchanged: each is cleared of its mark and its
 * revision moves on, only if it is still carried forward at the expected revision. Returns how
 * many rows matched; the caller rolls back unless all did.
 */
export function confirmCarriedAnswer(
  db: Db,
  input: { orgId: string; assessmentId: string; questionId: string; revision: number; contactId: string; now: Date },
): boolean {
  return (
    db
      .update(answers)
      .set({ carriedForward: false, revision: sql`${answers.revision} + 1`, updatedByContactId: input.contactId, updatedAt: input.now })
      .where(
        and(
          eq(answers.orgId, input.orgId),
          eq(answers.assessmentId, input.assessmentId),
          eq(answers.questionId, input.questionId),
          eq(answers.revision, input.revision),
          eq(answers.carriedForward, true),
        ),
      )
      .run().changes === 1
  );
}

/** Flags of an assessment (all statuses), for comparing with the previous one. */
export function listAssessmentFlagTypes(db: Db, orgId: string, assessmentId: string) {
  return db
    .select({ flagType: flags.flagType, status: flags.status, severity: flags.severity, warning: flags.warning })
    .from(flags)
    .where(and(eq(flags.orgId, orgId), eq(flags.assessmentId, assessmentId)))
    .all();
}

/** The questionnaire version row of an assessment (for the "new question" marks). */
export function findVersionOf(db: Db, versionId: string) {
  return db.select({ id: questionnaireVersions.id, key: questionnaireVersions.key }).from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).get();
}

/**
 * Live suppliers with a next-assessment date: overdue, and due by each of the given dates
 * (cumulative, overdue included), counted exactly as the supplier list's `next` filter selects.
 */
export function countReassessmentsDue(db: Db, orgId: string, today: string, until: readonly string[]) {
  const live = and(eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt), isNotNull(suppliers.nextAssessmentDue));
  const overdue = db.select({ n: count() }).from(suppliers).where(and(live, lt(suppliers.nextAssessmentDue, today))).get()?.n ?? 0;
  const within = until.map((date) => db.select({ n: count() }).from(suppliers).where(and(live, lte(suppliers.nextAssessmentDue, date))).get()?.n ?? 0);
  return { overdue, within };
}

