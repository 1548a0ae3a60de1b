/** Shapes the supplier pages receive from their loaders (shared by server and client). */
import type { AnswerDependentRequirement, QuestionType } from "~/questionnaire/questionnaire-schema";

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
  commentRule: AnswerDependentRequirement;
  evidenceRule: AnswerDependentRequirement;
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
