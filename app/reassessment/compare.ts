/**
 * What changed in a reassessment compared with the last approved assessment (SPEC C7): per
 * question changed / new / carried forward unconfirmed, and red flags new / resolved / still
 * open. Pure: no I/O.
 */
import type { Questionnaire } from "~/questionnaire/questionnaire-schema";
import { sameAnswer, type CleanAnswer } from "~/supplier-portal/answer-forms";

export interface ComparedAnswer extends CleanAnswer {
  questionId: string;
  carriedForward?: boolean;
}

export interface ComparedFlag {
  flagType: string;
  /** "resolved" flags were closed by the reviewer; they count as no longer raised. */
  status: string;
}

export type FlagChange = "new" | "resolved" | "open";

export interface AssessmentComparison {
  /** Questions asked both times whose answer (value, comment or not-applicable mark) differs, in questionnaire order. */
  changed: string[];
  /** Questions this questionnaire asks that the previous one did not. */
  added: string[];
  /** Answers still carried forward: the supplier neither confirmed nor changed them. */
  unconfirmed: string[];
  flags: { flagType: string; change: FlagChange }[];
}

const EMPTY: CleanAnswer = { value: null, comment: null, notApplicable: false, notApplicableReason: null };

export function compareAssessments(input: {
  current: Questionnaire;
  previous: Questionnaire;
  currentAnswers: readonly ComparedAnswer[];
  previousAnswers: readonly ComparedAnswer[];
  currentFlags: readonly ComparedFlag[];
  previousFlags: readonly ComparedFlag[];
}): AssessmentComparison {
  const asked = new Set(input.previous.themes.flatMap((t) => t.questions.map((q) => q.id)));
  const now = new Map(input.currentAnswers.map((a) => [a.questionId, a]));
  const before = new Map(input.previousAnswers.map((a) => [a.questionId, a]));
  const changed: string[] = [];
  const added: string[] = [];
  const unconfirmed: string[] = [];
  for (const theme of input.current.themes) {
    for (const question of theme.questions) {
      const answer = now.get(question.id);
      if (answer?.carriedForward) unconfirmed.push(question.id);
      if (!asked.has(question.id)) added.push(question.id);
      else if (!sameAnswer(answer ?? EMPTY, before.get(question.id) ?? EMPTY)) changed.push(question.id);
    }
  }
  const raised = (flags: readonly ComparedFlag[]) => new Set(flags.filter((f) => f.status !== "resolved").map((f) => f.flagType));
  const nowRaised = raised(input.currentFlags);
  const beforeRaised = raised(input.previousFlags);
  const flags = [
    ...[...nowRaised].map((flagType) => ({ flagType, change: (beforeRaised.has(flagType) ? "open" : "new") as FlagChange })),
    ...[...beforeRaised].filter((f) => !nowRaised.has(f)).map((flagType) => ({ flagType, change: "resolved" as FlagChange })),
  ];
  const order: Record<FlagChange, number> = { new: 0, open: 1, resolved: 2 };
  flags.sort((a, b) => order[a.change] - order[b.change] || a.flagType.localeCompare(b.flagType));
  return { changed, added, unconfirmed, flags };
}
