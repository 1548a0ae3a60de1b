/** The review page's "changes since the last approved assessment" section, for a reassessment. */
import { getDb, type Db } from "#db/client";
import { listAnswers } from "#db/repos/answers";
import { findOrgAssessment, listAssessmentFlagTypes } from "#db/repos/reassessment";
import type { StaffContext } from "~/auth/staff-session.server";
import type { Locale } from "~/i18n/locales";
import { formatAnswerValue } from "~/questionnaire/answer-format";
import type { Question } from "~/questionnaire/questionnaire-schema";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { compareAssessments, type FlagChange } from "./compare";

export interface ReassessmentComparisonView {
  previous: { id: string; decidedAt: string | null; questionnaire: string };
  changed: { questionId: string; text: string; previous: string | null; current: string | null }[];
  added: { questionId: string; text: string; current: string | null }[];
  unconfirmed: number;
  flags: { flagType: string; title: string; change: FlagChange }[];
}

/** Null unless the assessment is this organisation's and has a previous assessment to compare with. */
export function reassessmentComparison(staff: StaffContext, assessmentId: string, locale: Locale, db: Db = getDb()): ReassessmentComparisonView | null {
  const orgId = staff.organisation.id;
  const assessment = findOrgAssessment(db, orgId, assessmentId);
  if (!assessment?.previousAssessmentId) return null;
  const previous = findOrgAssessment(db, orgId, assessment.previousAssessmentId);
  if (!previous) return null;
  const current = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);
  const before = loadQuestionnaireVersion(previous.questionnaireVersionId, db);
  const currentAnswers = listAnswers(db, orgId, assessment.id);
  const previousAnswers = listAnswers(db, orgId, previous.id);
  const clean = (rows: typeof currentAnswers) =>
    rows.map((r) => ({ questionId: r.questionId, value: r.value ?? null, comment: r.comment, notApplicable: r.notApplicable, notApplicableReason: r.notApplicableReason, carriedForward: r.carriedForward }));
  const result = compareAssessments({
    current,
    previous: before,
    currentAnswers: clean(currentAnswers),
    previousAnswers: clean(previousAnswers),
    currentFlags: listAssessmentFlagTypes(db, orgId, assessment.id),
    previousFlags: listAssessmentFlagTypes(db, orgId, previous.id),
  });
  const questions = new Map<string, Question>();
  for (const q of [...before.themes, ...current.themes].flatMap((t) => t.questions)) questions.set(q.id, q);
  const nowById = new Map(currentAnswers.map((a) => [a.questionId, a]));
  const beforeById = new Map(previousAnswers.map((a) => [a.questionId, a]));
  const shown = (question: Question, row: (typeof currentAnswers)[number] | undefined) =>
    row ? [row.notApplicable ? "—" : formatAnswerValue(question, row.value ?? null, locale), row.comment].filter(Boolean).join(" · ") : null;
  const flagTitles = new Map([...before.flags, ...current.flags].map((f) => [f.id, f.title[locale]]));
  return {
    previous: { id: previous.id, decidedAt: previous.decidedAt ? previous.decidedAt.toISOString() : null, questionnaire: `${before.title[locale]} (v${before.version})` },
    changed: result.changed.map((id) => {
      const question = questions.get(id)!;
      return { questionId: id, text: question.text[locale], previous: shown(question, beforeById.get(id)), current: shown(question, nowById.get(id)) };
    }),
    added: result.added.map((id) => {
      const question = questions.get(id)!;
      return { questionId: id, text: question.text[locale], current: shown(question, nowById.get(id)) };
    }),
    unconfirmed: result.unconfirmed.length,
    flags: result.flags.map((f) => ({ ...f, title: flagTitles.get(f.flagType) ?? f.flagType })),
  };
}
