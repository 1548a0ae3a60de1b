/**
 * Carry-forward (SPEC C7): last time's answers prefill the reassessment, matched by the stable
 * question id across questionnaire versions. Pure: no I/O, the clock is a parameter.
 *
 * - A question asked in both versions, with the same type and an answer the new version still
 *   accepts, is prefilled and marked carried forward (the supplier confirms or edits it).
 * - A question only in the new version is left empty and reported as new.
 * - A question only in the old version is dropped.
 * - An answer naming an option that no longer exists (any of them, for multiple choice), a
 *   not-applicable mark the new version no longer allows, or a text/number outside the new
 *   bounds is dropped: the supplier answers it afresh.
 * - A dated answer whose evidence date has lapsed (a "valid until" date before today, or a
 *   "performed on" date older than its validity) is dropped with that question's evidence.
 *   Other evidence carries forward with its question.
 */
import type { AnswerValue } from "~/questionnaire/answer-types";
import { fixedAnswerValues, type Question, type Questionnaire } from "~/questionnaire/questionnaire-schema";
import { dateKeyOf, monthsBefore, parseIsoDate } from "~/scoring/calendar";

export interface PreviousAnswer {
  questionId: string;
  value: AnswerValue;
  notApplicable: boolean;
  notApplicableReason: string | null;
  comment: string | null;
}

export interface PreviousEvidence {
  id: string;
  questionId: string;
}

export type DropReason = "removed" | "type-changed" | "option-removed" | "not-applicable-removed" | "out-of-bounds" | "lapsed";

export interface CarryForwardInput {
  /** The organisation of the assessment answers are taken from, and of the one they go to. */
  fromOrgId: string;
  toOrgId: string;
  previous: Questionnaire;
  next: Questionnaire;
  answers: readonly PreviousAnswer[];
  evidence: readonly PreviousEvidence[];
}

export type CarryForwardResult =
  | {
      kind: "ok";
      /** Prefilled answers, in the new questionnaire's order. */
      answers: PreviousAnswer[];
      /** Ids of the evidence files that carry forward. */
      evidenceIds: string[];
      /** Questions of the new version that the old one did not ask. */
      newQuestionIds: string[];
      dropped: { questionId: string; reason: DropReason }[];
    }
  | { kind: "refused"; reason: "other-organisation" };

function questionMap(questionnaire: Questionnaire): Map<string, Question> {
  const map = new Map<string, Question>();
  for (const theme of questionnaire.themes) for (const question of theme.questions) map.set(question.id, question);
  return map;
}

/** Whether a dated answer's evidence has lapsed by `now` (false for questions without an evidence date). */
export function evidenceDateLapsed(question: Question, value: AnswerValue, now: Date): boolean {
  if (question.type !== "date" || !question.evidenceDate || typeof value !== "string") return false;
  const date = parseIsoDate(value);
  if (date === null) return false;
  if (question.evidenceDate.kind === "valid-until") return date < dateKeyOf(now);
  return date < monthsBefore(now, question.evidenceDate.validityMonths ?? 12);
}

/** Why the new question cannot take the old answer, or null when it can. */
function refusal(previous: Question, next: Question, answer: PreviousAnswer, now: Date): DropReason | null {
  if (previous.type !== next.type) return "type-changed";
  if (answer.notApplicable) return next.allowNotApplicable ? null : "not-applicable-removed";
  const value = answer.value;
  const options = fixedAnswerValues(next);
  if (options) {
    const chosen = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    if (chosen.some((v) => !options.includes(v))) return "option-removed";
  }
  if (next.type === "text" && typeof value === "string" && value.length > next.maxLength) return "out-of-bounds";
  if (next.type === "number" && typeof value === "number") {
    if ((next.min !== undefined && value < next.min) || (next.max !== undefined && value > next.max)) return "out-of-bounds";
  }
  if (evidenceDateLapsed(next, value, now)) return "lapsed";
  return null;
}

export function carryForward(input: CarryForwardInput, now: Date): CarryForwardResult {
  if (input.fromOrgId !== input.toOrgId) return { kind: "refused", reason: "other-organisation" };
  const previousQuestions = questionMap(input.previous);
  const nextQuestions = questionMap(input.next);
  const byQuestion = new Map(input.answers.map((a) => [a.questionId, a]));
  const answers: PreviousAnswer[] = [];
  const dropped: { questionId: string; reason: DropReason }[] = [];
  const lapsed = new Set<string>();
  const newQuestionIds: string[] = [];

  for (const [id, next] of nextQuestions) {
    const previous = previousQuestions.get(id);
    if (!previous) {
      newQuestionIds.push(id);
      continue;
    }
    const answer = byQuestion.get(id);
    if (!answer) continue;
    const reason = refusal(previous, next, answer, now);
    if (reason) {
      dropped.push({ questionId: id, reason });
      if (reason === "lapsed") lapsed.add(id);
      continue;
    }
    answers.push({ ...answer });
  }
  for (const answer of input.answers) {
    if (!nextQuestions.has(answer.questionId)) dropped.push({ questionId: answer.questionId, reason: "removed" });
  }
  const evidenceIds = input.evidence
    .filter((file) => {
      const next = nextQuestions.get(file.questionId);
      if (!next || lapsed.has(file.questionId)) return false;
      const previous = previousQuestions.get(file.questionId);
      return previous !== undefined && previous.type === next.type && (next.type === "evidence" || next.evidence !== "none");
    })
    .map((file) => file.id);
  return { kind: "ok", answers, evidenceIds, newQuestionIds, dropped };
}
