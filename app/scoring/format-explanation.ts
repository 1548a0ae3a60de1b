/**
 * Turns a structured explanation line into a sentence in Danish or English, for reviewers, the
 * PDF report and anywhere else that wants prose rather than a table.
 */
import type { Locale, Question, Questionnaire } from "../questionnaire/questionnaire-schema";
import type { AnswerValue } from "../questionnaire/answer-types";
import { formatAnswerValue, formatNumberAnswer } from "../questionnaire/answer-format";
import { compileQuestionnaire } from "./compile-questionnaire";
import type { ExplanationLine } from "./score-assessment";

const MAX_TEXT_LENGTH = 80;

function quote(text: string, locale: Locale): string {
  return locale === "da" ? `»${text}«` : `“${text}”`;
}

/** The answer in an explanation sentence: like everywhere else, but long free text shortened. */
function formatAnswer(question: Question | undefined, value: AnswerValue, locale: Locale): string {
  if (value === null) return locale === "da" ? "dokumentation vedhæftet" : "evidence attached";
  if (question?.type === "text" && typeof value === "string" && value.length > MAX_TEXT_LENGTH) {
    return `${value.slice(0, MAX_TEXT_LENGTH - 1)}…`;
  }
  return formatAnswerValue(question, value, locale) ?? "";
}

const NOT_SCORED_WHY: Readonly<Record<string, Record<Locale, string>>> = {
  "type-not-scored": { da: "spørgsmålstypen giver ikke point", en: "this type of question is not scored" },
  "no-points": { da: "der er ikke fastsat point for svarene", en: "no points are set for its answers" },
  "zero-weight": { da: "spørgsmålet har vægt 0", en: "the question has weight 0" },
};

export function formatExplanationLine(line: ExplanationLine, questionnaire: Questionnaire, locale: Locale): string {
  const question = compileQuestionnaire(questionnaire).byId.get(line.questionId)?.question;
  const subject = quote(question?.text[locale] ?? line.questionId, locale);
  const da = locale === "da";
  const n = (value: number | null) => formatNumberAnswer(value ?? 0, locale);
  const weight = da ? `(vægt ${n(line.weight)})` : `(weight ${n(line.weight)})`;
  const answer = quote(formatAnswer(question, line.value, locale), locale);

  switch (line.reason) {
    case "scored":
      if (line.note === "date-within" || line.note === "date-too-old") {
        const within = line.note === "date-within";
        const months = n(line.withinMonths);
        if (da) {
          return within
            ? `${subject}: ${answer} ligger inden for de seneste ${months} måneder og giver fuld score ${weight}.`
            : `${subject}: ${answer} ligger mere end ${months} måneder tilbage og giver 0 point ${weight}.`;
        }
        return within
          ? `${subject}: ${answer} is within the last ${months} months, full marks ${weight}.`
          : `${subject}: ${answer} is more than ${months} months ago, 0 points ${weight}.`;
      }
      if (line.note === "capped") {
        return da
          ? `${subject}: svaret ${answer} giver ${n(line.rawPoints)} point, begrænset til højst ${n(line.maxPoints)} af ${n(line.maxPoints)} ${weight}.`
          : `${subject}: the answer ${answer} is worth ${n(line.rawPoints)} points, capped at ${n(line.maxPoints)} of ${n(line.maxPoints)} ${weight}.`;
      }
      return da
        ? `${subject}: svaret ${answer} giver ${n(line.pointsEarned)} af ${n(line.maxPoints)} point ${weight}.`
        : `${subject}: the answer ${answer} earns ${n(line.pointsEarned)} of ${n(line.maxPoints)} points ${weight}.`;
    case "not-scored": {
      const why = NOT_SCORED_WHY[line.note ?? "type-not-scored"] ?? NOT_SCORED_WHY["type-not-scored"]!;
      return da
        ? `${subject}: besvaret med ${answer}, men indgår ikke i scoren, da ${why.da}.`
        : `${subject}: answered ${answer}, but not scored because ${why.en}.`;
    }
    case "not-applicable":
      return da
        ? `${subject}: markeret som ikke relevant og tæller ikke med.`
        : `${subject}: marked not applicable and not counted.`;
    case "hidden":
      return da
        ? `${subject}: vises ikke på grund af tidligere svar og tæller ikke med.`
        : `${subject}: not shown because of earlier answers, so not counted.`;
    case "unanswered":
      if (line.note === "invalid-answer") {
        return da
          ? `${subject}: svaret er ikke gyldigt for spørgsmålet og behandles som ubesvaret; det trækker fuldstændigheden ned, ikke scoren.`
          : `${subject}: the answer is not valid for this question and is treated as unanswered; it lowers completeness, not the score.`;
      }
      if (line.note === "not-applicable-not-allowed") {
        return da
          ? `${subject}: kan ikke markeres som ikke relevant og behandles som ubesvaret; det trækker fuldstændigheden ned, ikke scoren.`
          : `${subject}: cannot be marked not applicable and is treated as unanswered; it lowers completeness, not the score.`;
      }
      return da
        ? `${subject}: ikke besvaret; det trækker fuldstændigheden ned, ikke scoren.`
        : `${subject}: not answered; this lowers completeness, not the score.`;
  }
}
