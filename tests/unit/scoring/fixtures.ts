/** Small hand-built questionnaires for example tests. */
import type { Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { QuestionnaireFileSchema } from "../../../app/questionnaire/questionnaire-schema";

export const text = (s: string) => ({ da: `${s} (da)`, en: s });

/** Parses a questionnaire from themes, flags and rules, filling in the boilerplate. */
export function questionnaireOf(parts: { themes: unknown[]; flags?: unknown[]; flagRules?: unknown[] }): Questionnaire {
  return QuestionnaireFileSchema.parse({
    id: "test",
    version: 1,
    title: text("Test"),
    description: text("Test questionnaire"),
    estimatedMinutes: 5,
    intendedTiers: ["medium"],
    flags: [],
    flagRules: [],
    ...parts,
  });
}

/** A question with the required boilerplate. */
export const q = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  type,
  text: text(`Question ${id}`),
  help: text(`Help ${id}`),
  ...extra,
});

export const theme = (id: string, questions: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  title: text(`Theme ${id}`),
  questions,
  ...extra,
});
