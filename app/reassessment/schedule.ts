/**
 * When a supplier's reassessment is started (SPEC C7). Pure: no I/O, the clock is a parameter.
 *
 * The date itself is `nextAssessment()` (app/suppliers/supervision-plan.ts): the tier's interval
 * from the organisation's settings (critical and high at most 12 months, CFCS 5.4), counted from
 * the last decision, brought forward by a significant incident or change (5.5). The job keeps
 * `suppliers.next_assessment_due` in step with it; this decides whether to start one now.
 */
import type { Tier } from "~/suppliers/tiering";
import { isoDate } from "~/staff/dates";

export interface ReassessmentCandidate {
  lastAssessedAt: Date | null;
  tier: Tier | null;
  /** ISO date. */
  nextAssessmentDue: string | null;
  archivedAt: Date | null;
  hasOpenAssessment: boolean;
}

/**
 * Due for a reassessment started by the job: assessed before (a first assessment is sent by
 * staff), tiered, not archived, nothing open already, and the date has come.
 */
export function isReassessmentDue(supplier: ReassessmentCandidate, now: Date): boolean {
  return (
    supplier.lastAssessedAt !== null &&
    supplier.tier !== null &&
    supplier.archivedAt === null &&
    !supplier.hasOpenAssessment &&
    supplier.nextAssessmentDue !== null &&
    supplier.nextAssessmentDue <= isoDate(now)
  );
}

/** Days a reassessment gives the supplier to answer. */
export const REASSESSMENT_DUE_DAYS = 30;

/** The overview's windows: reassessments due within this many days. */
export const DUE_WINDOWS = [30, 60, 90] as const;
