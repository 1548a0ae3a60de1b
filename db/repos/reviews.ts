/**
 * Reading and changing an assessment under review. Every query filters on the organisation in
 * its WHERE clause; a miss is `undefined` (the route answers 404).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  answers,
  assessments,
  evidenceFiles,
  questionnaireVersions,
  questionReviews,
  supplierContacts,
  suppliers,
  users,
  type AssessmentStatus,
} from "../schema";

export type AssessmentRow = typeof assessments.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type QuestionReviewRow = typeof questionReviews.$inferSelect;
export type SupplierRow = typeof suppliers.$inferSelect;
export type ContactRow = typeof supplierContacts.$inferSelect;

export function findAssessment(db: Db, orgId: string, assessmentId: string): AssessmentRow | undefined {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId)))
    .get();
}

/**
 * A query prepared once per database handle (the review page runs the same dozen queries on every
 * load; building and compiling them each time costs more than running them).
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}

const orgIdParam = sql.placeholder("orgId");
const assessmentIdParam = sql.placeholder("assessmentId");

const findAssessmentForReviewQuery = preparedFor((db) =>
  db
    .select({
      assessment: assessments,
      supplier: suppliers,
      questionnaireKey: questionnaireVersions.key,
      questionnaireId: questionnaireVersions.questionnaireId,
      reviewerName: users.name,
    })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .leftJoin(users, and(eq(users.id, assessments.assignedReviewerId), eq(users.orgId, assessments.orgId)))
    .where(and(eq(assessments.id, assessmentIdParam), eq(assessments.orgId, orgIdParam)))
    .prepare(),
);

export function findAssessmentForReview(db: Db, orgId: string, assessmentId: string) {
  return findAssessmentForReviewQuery(db).get({ orgId, assessmentId });
}

const listAnswersQuery = preparedFor((db) =>
  db
    .select()
    .from(answers)
    .where(and(eq(answers.assessmentId, assessmentIdParam), eq(answers.orgId, orgIdParam)))
    .prepare(),
);

export function listAnswers(db: Db, orgId: string, assessmentId: string): AnswerRow[] {
  return listAnswersQuery(db).all({ orgId, assessmentId });
}

const listEvidenceQuery = preparedFor((db) =>
  db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, orgIdParam), eq(evidenceFiles.assessmentId, assessmentIdParam), isNull(evidenceFiles.deletedAt)))
    .orderBy(asc(evidenceFiles.createdAt))
    .prepare(),
);

export function listEvidence(db: Db, orgId: string, assessmentId: string): EvidenceFileRow[] {
  return listEvidenceQuery(db).all({ orgId, assessmentId });
}

export function findEvidenceFile(db: Db, orgId: string, assessmentId: string, fileId: string): EvidenceFileRow | undefined {
  return db
    .select()
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.id, fileId),
        eq(evidenceFiles.orgId, orgId),
        eq(evidenceFiles.assessmentId, assessmentId),
        isNull(evidenceFiles.deletedAt),
      ),
    )
    .get();
}

const listQuestionReviewsQuery = preparedFor((db) =>
  db
    .select()
    .from(questionReviews)
    .where(and(eq(questionReviews.assessmentId, assessmentIdParam), eq(questionReviews.orgId, orgIdParam)))
    .prepare(),
);

export function listQuestionReviews(db: Db, orgId: string, assessmentId: string): QuestionReviewRow[] {
  return listQuestionReviewsQuery(db).all({ orgId, assessmentId });
}

export function upsertQuestionReview(db: Db, row: typeof questionReviews.$inferInsert): void {
  db.insert(questionReviews)
    .values(row)
    .onConflictDoUpdate({
      target: [questionReviews.assessmentId, questionReviews.questionId],
      set: {
        status: row.status,
        findingSeverity: row.findingSeverity ?? null,
        findingText: row.findingText ?? null,
        reviewerId: row.reviewerId ?? null,
        updatedAt: row.updatedAt,
      },
      where: eq(questionReviews.orgId, row.orgId),
    })
    .run();
}

/**
 * Changes an assessment only when it is still in one of `fromStatuses` (so two reviewers acting
 * at once cannot both move it); returns whether a row changed.
 */
export function updateAssessmentIfStatus(
  db: Db,
  orgId: string,
  assessmentId: string,
  fromStatuses: readonly AssessmentStatus[],
  values: Partial<
    Pick<
      AssessmentRow,
      "status" | "assignedReviewerId" | "decision" | "decisionReason" | "decidedAt" | "updatedAt" | "criticalFlagCount" | "flagCount"
    >
  >,
): boolean {
  return (
    db
      .update(assessments)
      .set(values)
      .where(
        and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId), inArray(assessments.status, [...fromStatuses])),
      )
      .run().changes === 1
  );
}

export function findStaffUser(db: Db, orgId: string, userId: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, email: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)))
    .get();
}

export function listSupplierContacts(db: Db, orgId: string, supplierId: string): ContactRow[] {
  return db
    .select()
    .from(supplierContacts)
    .where(and(eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
    .orderBy(desc(supplierContacts.isSecurityContact), asc(supplierContacts.createdAt))
    .all();
}

const listSupplierScoreHistoryQuery = preparedFor((db) =>
  db
    .select({
      id: assessments.id,
      submittedAt: assessments.submittedAt,
      overallScore: assessments.overallScore,
      status: assessments.status,
      decision: assessments.decision,
    })
    .from(assessments)
    .where(
      and(
        eq(assessments.orgId, orgIdParam),
        eq(assessments.supplierId, sql.placeholder("supplierId")),
        sql`${assessments.submittedAt} is not null`,
      ),
    )
    .orderBy(asc(assessments.createdAt))
    .limit(20)
    .prepare(),
);

/** The supplier's assessments with a score, oldest first: the score trend across years. */
export function listSupplierScoreHistory(db: Db, orgId: string, supplierId: string) {
  return listSupplierScoreHistoryQuery(db).all({ orgId, supplierId });
}

/** After a decision: when the supplier was last assessed, when it is next due, and its risk rating from that assessment. */
export function updateSupplierAfterDecision(
  db: Db,
  orgId: string,
  supplierId: string,
  values: { lastAssessedAt: Date; nextAssessmentDue: string | null; riskRating: SupplierRow["riskRating"] },
): void {
  db.update(suppliers)
    .set({
      lastAssessedAt: values.lastAssessedAt,
      nextAssessmentDue: values.nextAssessmentDue,
      ...(values.riskRating ? { riskRating: values.riskRating } : {}),
      updatedAt: values.lastAssessedAt,
    })
    .where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId)))
    .run();
}

/** Every staff member of the organisation (for the audit page's actor filter). */
export function listOrgStaff(db: Db, orgId: string): { id: string; name: string }[] {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name)).all();
}
