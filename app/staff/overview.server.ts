/** The staff overview: suppliers by tier, assessments by status, overdue assessments, upcoming reassessments. */
import { getDb, type Db } from "#db/client";
import { countAssessmentsByStatus, listOverdueAssessments } from "#db/repos/assessments-staff";
import { countSuppliersByTier, upcomingReassessments } from "#db/repos/suppliers";
import { isoDate, isoDateIn } from "./dates";

export function staffOverviewData(orgId: string, options: { now?: Date; db?: Db } = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const today = isoDate(now);
  return {
    byTier: countSuppliersByTier(db, orgId),
    byStatus: countAssessmentsByStatus(db, orgId),
    overdue: listOverdueAssessments(db, orgId, today),
    upcoming: upcomingReassessments(db, orgId, isoDateIn(60, now)),
    today,
  };
}
