/**
 * Choosing between candidate suppliers (CFCS 3.1): the candidates for one procurement answer the
 * same questionnaire, and this sets them side by side — tier, risk rating, score overall and per
 * theme, open red flags and missing evidence — so the choice rests on each candidate's ability
 * to meet the security requirements. Built from the review page's data for each assessment
 * (another organisation's assessment is a 404).
 */
import { getDb, type Db } from "#db/client";
import { listComparableAssessments } from "#db/repos/comparison";
import type { StaffContext } from "~/auth/staff-session.server";
import type { Locale } from "~/i18n/locales";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { findAssessmentForReview } from "#db/repos/reviews";
import { loadReviewPage } from "~/review/review.server";
import { CompareQuerySchema } from "./comparison-forms";

export function comparisonChoices(staff: StaffContext, db: Db = getDb()) {
  return listComparableAssessments(db, staff.organisation.id);
}

export type ComparisonResult =
  | { ok: true; candidates: ReturnType<typeof compareAssessments> }
  | { ok: false; error: string }
  | null;

/** Reads the selection from the URL: null when nothing is chosen yet, else the comparison or a message key. */
export function loadComparison(staff: StaffContext, url: URL, locale: Locale, options: { db?: Db; now?: Date } = {}): ComparisonResult {
  const ids = url.searchParams.getAll("a").filter((id) => id !== "");
  if (ids.length === 0) return null;
  const parsed = CompareQuerySchema.safeParse({ a: ids });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const db = options.db ?? getDb();
  const keys = new Set(parsed.data.a.map((id) => findAssessmentForReview(db, staff.organisation.id, id)?.questionnaireId ?? null));
  // Any id not found is answered by loadReviewPage below with a 404; different questionnaires cannot be compared.
  if (!keys.has(null) && keys.size > 1) return { ok: false, error: "reports.compare.error.questionnaires" };
  return { ok: true, candidates: compareAssessments(staff, parsed.data.a, locale, { db, now: options.now }) };
}

function compareAssessments(staff: StaffContext, ids: readonly string[], locale: Locale, options: { db: Db; now?: Date }) {
  return ids.map((id) => {
    const page = loadReviewPage(staff, id, locale, options);
    const questionnaire = loadQuestionnaireVersion(findAssessmentForReview(options.db, staff.organisation.id, id)!.assessment.questionnaireVersionId, options.db);
    const questionText = new Map(questionnaire.themes.flatMap((theme) => theme.questions.map((q) => [q.id, q.text[locale]] as const)));
    return {
      assessmentId: id,
      supplierName: page.supplier.name,
      status: page.assessment.status,
      tier: page.supplier.tier ?? page.assessment.tier,
      rating: page.risk.rating,
      overallScore: page.assessment.overallScore,
      completeness: page.assessment.completeness,
      themes: page.themes.map((theme) => ({ id: theme.id, title: theme.title, score: theme.score })),
      openFlags: page.flags.filter((flag) => flag.status === "open" || flag.status === "lapsed").map((flag) => ({ severity: flag.severity, title: flag.title })),
      missingEvidence: page.assessment.missingEvidence.map((questionId) => questionText.get(questionId) ?? questionId),
    };
  });
}
