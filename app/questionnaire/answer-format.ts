/**
 * Answers as people read them: option labels in the reader's language (the built-in yes / partly /
 * no included), lists joined, numbers with the reader's decimal mark. Used by the review page,
 * the scoring explanations and the supplier's own pages, so an answer reads the same everywhere.
 */
import type { AnswerValue } from "./answer-types";
import type { Locale, Question } from "./questionnaire-schema";

export const BUILT_IN_CHOICE_LABELS: Readonly<Record<"yes" | "partly" | "no", Record<Locale, string>>> = {
  yes: { da: "Ja", en: "Yes" },
  partly: { da: "Delvist", en: "Partly" },
  no: { da: "Nej", en: "No" },
};

export function optionLabel(question: Question | undefined, value: string, locale: Locale): string {
  if (question?.type === "single_choice" || question?.type === "multiple_choice") {
    const option = question.options.find((o) => o.value === value);
    if (option) return option.label[locale];
  }
  return BUILT_IN_CHOICE_LABELS[value as keyof typeof BUILT_IN_CHOICE_LABELS]?.[locale] ?? value;
}

export function formatNumberAnswer(value: number, locale: Locale): string {
  const text = String(Math.round(value * 100) / 100);
  return locale === "da" ? text.replace(".", ",") : text;
}

/** The whole answer, never shortened; null when there is nothing to show. */
export function formatAnswerValue(question: Question | undefined, value: AnswerValue | undefined, locale: Locale): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => optionLabel(question, v, locale)).join(", ");
  if (typeof value === "number") return formatNumberAnswer(value, locale);
  if (question?.type === "yes_no" || question?.type === "yes_partly_no" || question?.type === "single_choice") {
    return optionLabel(question, value, locale);
  }
  return value;
}
