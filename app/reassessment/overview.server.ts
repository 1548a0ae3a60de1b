/** The staff overview's reassessment counts: overdue, and due within 30/60/90 days (SPEC C7 portfolio). */
import { getDb, type Db } from "#db/client";
import { countReassessmentsDue } from "#db/repos/reassessment";
import { isoDate, isoDateIn } from "~/staff/dates";
import { DUE_WINDOWS } from "./schedule";

export interface ReassessmentsDueView {
  overdue: number;
  within: { days: (typeof DUE_WINDOWS)[number]; count: number }[];
}

export function reassessmentsDue(orgId: string, options: { db?: Db; now?: Date } = {}): ReassessmentsDueView {
  const now = options.now ?? new Date();
  const counts = countReassessmentsDue(options.db ?? getDb(), orgId, isoDate(now), DUE_WINDOWS.map((days) => isoDateIn(days, now)));
  return { overdue: counts.overdue, within: DUE_WINDOWS.map((days, i) => ({ days, count: counts.within[i] ?? 0 })) };
}
