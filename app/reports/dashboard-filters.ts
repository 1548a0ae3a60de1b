/** The supplier list's dashboard filters, shared by the list's query schema, the repository and the dashboard. */
export { RISK_RATINGS } from "#db/schema";

/** What needs attention: a questionnaire past its due date, a condition past its deadline, evidence about to lapse. */
export const ATTENTION_FILTERS = ["overdue-questionnaire", "overdue-conditions", "lapsing-evidence"] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number];

/** Evidence that lapses within this many days (or has lapsed) counts as about to lapse: the supplier page's warning window. */
export { EXPIRY_WARNING_DAYS as LAPSE_WARNING_DAYS } from "~/supervision/dated-evidence-rules";
