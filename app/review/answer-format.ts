/**
 * An answer as the reviewer reads it: option labels in the reader's language, dates and numbers
 * as given. (The scoring explanation has its own shortened form; this one is never truncated.)
 */
import type { AnswerValue } from "~/questionnaire/answer-types";
import type { Locale, Question } from "~/questionnaire/questionnaire-schema";

const BUILT_IN: Readonly<Record<string, Record<Locale, string>>> = {
  yes: { da: "Ja", en: "Yes" },
  partly: { da: "Delvist", en: "Partly" },
  no: { da: "Nej", en: "No" },
};

function label(question: Question, value: string, locale: Locale): string {
  if (question.type === "single_choice" || question.type === "multiple_choice") {
    const option = question.options.find((o) => o.value === value);
    if (option) return option.label[locale];
  }
  return BUILT_IN[value]?.[locale] ?? value;
}

export function formatAnswerValue(question: Question, value: AnswerValue | undefined, locale: Locale): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => label(question, v, locale)).join(", ");
  if (typeof value === "number") return locale === "da" ? String(value).replace(".", ",") : String(value);
  if (question.type === "yes_no" || question.type === "yes_partly_no" || question.type === "single_choice") {
    return label(question, value, locale);
  }
  return value;
}
