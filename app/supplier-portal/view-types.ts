/** Shapes the supplier pages receive from their loaders (shared by server and client). */
import type { QuestionType, Requirement } from "~/questionnaire/questionnaire-schema";

/**
 * A comment or evidence requirement resolved by the scoring engine's rule on the server for every
 * possible answer, so the page can follow the supplier's choice without shipping the engine.
 */
export interface RequirementTable {
  empty: Requirement;
  /** For free-text, date and number answers. */
  answered: Requirement;
  byValue: Record<string, Requirement>;
}

const RANK: Record<Requirement, number> = { none: 0, optional: 1, required: 2 };

/** The strictest requirement over the chosen values (several for multiple choice). */
export function requirementOf(table: RequirementTable, value: string | string[]): Requirement {
  const values = Array.isArray(value) ? value : value === "" ? [] : [value];
  if (values.length === 0) return table.empty;
  let strictest: Requirement = "none";
  for (const v of values) {
    const r = table.byValue[v] ?? table.answered;
    if (RANK[r] > RANK[strictest]) strictest = r;
  }
  return strictest;
}

export interface AnswerState {
  value: string | string[];
  comment: string;
  notApplicable: boolean;
  notApplicableReason: string;
  revision: number;
  /** Fingerprint of the answer as loaded; a form post whose answer still matches it changed nothing. */
  base: string;
}

export interface QuestionView {
  id: string;
  type: QuestionType;
  text: string;
  help: string;
  required: boolean;
  allowNotApplicable: boolean;
  options: { value: string; label: string }[];
  maxLength: number | null;
  min: number | null;
  max: number | null;
  unit: string | null;
  evidenceDate: string | null;
  commentRule: RequirementTable;
  evidenceRule: RequirementTable;
  /** Whether the question takes evidence for some answer. */
  takesEvidence: boolean;
  evidenceHint: string | null;
  visible: boolean;
  editable: boolean;
  answer: AnswerState;
  files: { id: string; name: string; size: number }[];
  clarification: { id: string; messages: { id: string; from: "staff" | "supplier"; body: string; at: string }[] } | null;
}

export interface ThemeSummaryView {
  id: string;
  title: string;
  done: number;
  required: number;
  percent: number;
}

export interface EvidencePolicyView {
  types: string;
  accept: string;
  maxBytes: number;
  maxSize: string;
}

/** What the page shows for one question after a save attempt. */
export interface QuestionFeedback {
  errors: { field: "value" | "comment" | "notApplicableReason"; message: string }[];
  conflict: {
    value: string | string[];
    comment: string;
    notApplicable: boolean;
    notApplicableReason: string;
    revision: number;
    updatedAt: string;
  } | null;
}
