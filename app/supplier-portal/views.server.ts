/**
 * View models for the supplier pages: the questionnaire in the reader's language, each question
 * with its answer, files and state. Only what the page shows leaves the server.
 */
import type { EvidenceFileRow } from "#db/repos/evidence";
import type { OpenClarification } from "#db/repos/supplier-submissions";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import type { AnswerDependentRequirement, Question, Theme } from "~/questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "~/questionnaire/questionnaire-schema";
import { optionLabel } from "~/questionnaire/answer-format";
import { resolveRequirement } from "~/scoring/score-assessment";
import { acceptAttribute, EVIDENCE_KINDS } from "~/evidence/file-checks.server";
import type { EvidencePolicy } from "~/evidence/evidence.server";
import { answerFingerprint, valueForForm } from "./answer-forms";
import { canEdit, type PortalState } from "./answering.server";
import type { QuestionView, RequirementTable, ThemeSummaryView } from "./view-types";

/** The question's answer options, labelled in the reader's language (the shared answer formatter's labels). */
export function questionOptions(question: Question, locale: Locale): { value: string; label: string }[] {
  return (fixedAnswerValues(question) ?? []).map((value) => ({ value, label: optionLabel(question, value, locale) }));
}

function requirementTable(question: Question, setting: AnswerDependentRequirement): RequirementTable {
  const values = fixedAnswerValues(question) ?? [];
  return {
    empty: resolveRequirement(setting, null),
    answered: resolveRequirement(setting, "\u0000"),
    byValue: Object.fromEntries(values.map((v) => [v, resolveRequirement(setting, v)])),
  };
}

export function questionView(
  question: Question,
  state: PortalState,
  files: EvidenceFileRow[],
  locale: Locale,
  clarification?: OpenClarification,
): QuestionView {
  const row = state.answers.get(question.id);
  const clean = {
    value: row?.value ?? null,
    comment: row?.comment ?? null,
    notApplicable: row?.notApplicable ?? false,
    notApplicableReason: row?.notApplicableReason ?? null,
  };
  return {
    id: question.id,
    type: question.type,
    text: question.text[locale],
    help: question.help[locale],
    required: question.required,
    allowNotApplicable: question.allowNotApplicable,
    options: questionOptions(question, locale),
    maxLength: question.type === "text" ? question.maxLength : null,
    min: question.type === "number" ? (question.min ?? null) : null,
    max: question.type === "number" ? (question.max ?? null) : null,
    unit: question.type === "number" && question.unit ? question.unit[locale] : null,
    evidenceDate: question.type === "date" && question.evidenceDate ? question.evidenceDate.label[locale] : null,
    commentRule: requirementTable(question, question.comment),
    evidenceRule: requirementTable(question, question.type === "evidence" ? "required" : question.evidence),
    takesEvidence: question.type === "evidence" || question.evidence !== "none",
    evidenceHint: question.evidenceHint?.[locale] ?? null,
    visible: state.visible.has(question.id),
    editable: canEdit(state, question.id),
    answer: {
      value: valueForForm(clean.value),
      comment: clean.comment ?? "",
      notApplicable: clean.notApplicable,
      notApplicableReason: clean.notApplicableReason ?? "",
      revision: row?.revision ?? 0,
      base: answerFingerprint(clean),
    },
    files: files.filter((f) => f.questionId === question.id).map((f) => ({ id: f.id, name: f.originalName, size: f.sizeBytes })),
    clarification: clarification
      ? {
          id: clarification.clarification.id,
          messages: clarification.messages.map((m) => ({ id: m.id, from: m.authorType, body: m.body, at: m.createdAt.toISOString() })),
        }
      : null,
  };
}

export function themeSummaries(state: PortalState, locale: Locale): ThemeSummaryView[] {
  return state.questionnaire.themes.map((theme: Theme, index) => {
    const progress = state.themes[index]!;
    return { id: theme.id, title: theme.title[locale], done: progress.done, required: progress.required, percent: progress.percent };
  });
}

export function formatBytes(bytes: number, locale: Locale): string {
  return `${formatNumber(bytes / (1024 * 1024), locale, { maximumFractionDigits: 0 })} MB`;
}

export function evidencePolicyView(policy: EvidencePolicy, locale: Locale) {
  return {
    types: policy.kinds.map((k) => EVIDENCE_KINDS[k].extensions[0]!.toUpperCase()).join(", "),
    accept: acceptAttribute(policy.kinds),
    maxBytes: policy.maxBytes,
    maxSize: formatBytes(policy.maxBytes, locale),
  };
}
