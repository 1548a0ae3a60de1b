/** Candidate comparison (CFCS 3.1): the organisation's answered assessments to choose from. Filters on orgId. */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, questionnaireVersions, suppliers } from "../schema";

const ANSWERED = ["submitted", "in_review", "clarification_requested", "approved", "approved_with_conditions", "rejected"] as const;

/** Submitted (and decided) assessments of active suppliers, newest first, with their questionnaire. */
export function listComparableAssessments(db: Db, orgId: string, limit = 200) {
  return db
    .select({
      id: assessments.id,
      supplierName: suppliers.name,
      status: assessments.status,
      submittedAt: assessments.submittedAt,
      overallScore: assessments.overallScore,
      questionnaireId: questionnaireVersions.questionnaireId,
      questionnaireVersion: questionnaireVersions.version,
    })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(and(eq(assessments.orgId, orgId), isNull(suppliers.archivedAt), inArray(assessments.status, [...ANSWERED])))
    .orderBy(desc(assessments.submittedAt))
    .limit(limit)
    .all();
}
