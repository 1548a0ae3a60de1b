/**
 * The yearly review of the agreement (CFCS 5.5: "Gennemgå aftalen med leverandøren mindst
 * årligt") and, per contract clause, what the signed agreement actually contains. Pure.
 *
 * The questionnaire's contract theme asks whether the supplier *accepts* each clause; the guide
 * asks whether the *agreement contains* it. A clause the supplier accepted that the agreement
 * lacks (or holds only in part) is a finding.
 */
import { daysBetween } from "~/staff/dates";

/** The review's checklist (CFCS 5.5). */
export const REVIEW_CHECKLIST = ["requirements-fit-risk", "incidents-and-changes-handled", "supervision-plan-kept"] as const;
export type ReviewChecklistItem = (typeof REVIEW_CHECKLIST)[number];

export const REVIEW_OUTCOMES = ["unchanged", "amended", "renegotiation_needed"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const AGREEMENT_CONTAINS = ["yes", "partly", "no"] as const;
export type AgreementContains = (typeof AGREEMENT_CONTAINS)[number];

/**
 * The clauses of the contract theme (questionnaire due-diligence v1, theme "contract"), by the
 * question that asks the supplier about each, and the answers that mean "accepted".
 */
export const CONTRACT_CLAUSES: readonly { clause: string; accepted: readonly string[] }[] = [
  { clause: "contract-data-protection-clauses", accepted: ["accept", "accept-with-changes"] },
  { clause: "contract-security-requirements", accepted: ["accept", "accept-with-changes"] },
  { clause: "contract-audit-right", accepted: ["accept", "accept-with-changes"] },
  { clause: "breach-notification-deadline", accepted: ["within-24h", "within-72h"] },
  { clause: "data-processing-agreement", accepted: ["accept", "accept-with-changes"] },
  { clause: "data-compromise-obligations", accepted: ["accept", "accept-with-changes"] },
  { clause: "data-storage-transfer-deletion", accepted: ["accept", "accept-with-changes"] },
  { clause: "contract-sanctions", accepted: ["accept", "accept-with-changes"] },
  { clause: "contract-termination-rights", accepted: ["accept", "accept-with-changes"] },
  { clause: "liability-terms", accepted: ["accept", "accept-with-changes"] },
];
export const CLAUSE_IDS = CONTRACT_CLAUSES.map((c) => c.clause);

/** Per clause: true when the supplier's answer accepted it, false when it did not, null when unanswered. */
export function acceptedClauses(answers: ReadonlyMap<string, unknown>): Record<string, boolean | null> {
  return Object.fromEntries(
    CONTRACT_CLAUSES.map(({ clause, accepted }) => {
      const value = answers.get(clause);
      return [clause, typeof value === "string" ? accepted.includes(value) : null];
    }),
  );
}

export interface ClauseFinding {
  clause: string;
  agreement: "no" | "partly";
}

/** Clauses the supplier accepted that the signed agreement lacks or holds only in part. */
export function clauseFindings(accepted: Record<string, boolean | null>, agreement: Record<string, AgreementContains>): ClauseFinding[] {
  return CLAUSE_IDS.flatMap((clause) => {
    const contains = agreement[clause];
    return accepted[clause] === true && (contains === "no" || contains === "partly") ? [{ clause, agreement: contains }] : [];
  });
}

export const REVIEW_INTERVAL_MONTHS = 12;

function addMonthsIso(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** When the next review is due: the date the last review set, else a year after the relationship was registered. */
export function contractReviewDue(last: { nextDueOn: string | null } | undefined, registeredOn: string): string {
  return last?.nextDueOn ?? addMonthsIso(registeredOn, REVIEW_INTERVAL_MONTHS);
}

/** The date a review recorded on `today` proposes for the next one. */
export function proposedNextReview(today: string): string {
  return addMonthsIso(today, REVIEW_INTERVAL_MONTHS);
}

/** The latest next date a review may set: the guide's "mindst årligt", with a month's leeway. */
export function latestNextReview(today: string): string {
  return addMonthsIso(today, REVIEW_INTERVAL_MONTHS + 1);
}

/** Days before the due date the internal owner is reminded. */
export const REVIEW_REMINDER_DAYS = 30;

/** The reminder a review due on `dueOn` calls for on `today`: a month ahead, then once overdue. */
export function contractReviewReminder(dueOn: string, today: string): "upcoming" | "overdue" | null {
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  if (days <= REVIEW_REMINDER_DAYS) return "upcoming";
  return null;
}
