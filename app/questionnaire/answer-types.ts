/**
 * How an answer looks once it has left the form and before it is scored. Shared by the supplier
 * side (which stores it), the scoring engine (which reads it) and carry-forward.
 *
 * `value` by question type:
 * - yes_no, yes_partly_no, single_choice: the option value (`"yes"`, `"partly"`, an option slug)
 * - multiple_choice: an array of option values
 * - text: the text
 * - date: an ISO date `YYYY-MM-DD`
 * - number: a finite number
 * - evidence: null (what counts is `evidenceCount`)
 */
export type AnswerValue = string | string[] | number | null;

export interface AnswerInput {
  questionId: string;
  value: AnswerValue;
  notApplicable?: boolean;
  notApplicableReason?: string | null;
  comment?: string | null;
  /** Number of evidence files attached to this question. */
  evidenceCount?: number;
}

/** Answers keyed by question id. */
export type AnswerMap = ReadonlyMap<string, AnswerInput>;

export function toAnswerMap(answers: Iterable<AnswerInput>): Map<string, AnswerInput> {
  const map = new Map<string, AnswerInput>();
  for (const answer of answers) map.set(answer.questionId, answer);
  return map;
}
