/**
 * A supplier's approved assessment on a given questionnaire version, as the reassessment tests
 * and the e2e run need it: submitted (real scoring, evidence on every question whose answer needs
 * it), then decided, with the supplier's last-assessed and next-assessment dates set as the
 * review's decision sets them.
 */
import { and, eq } from "drizzle-orm";
import { getQuestionnaireEntry } from "../../app/questionnaire/catalogue.server";
import type { AnswerValue } from "../../app/questionnaire/answer-types";
import { snapshotQuestionnaireVersion } from "../../app/questionnaire/versions.server";
import { resolveRequirement, scoreAssessment } from "../../app/scoring/score-assessment";
import { nextAssessmentDueFor } from "../../app/suppliers/suppliers.server";
import type { Db } from "../client";
import { assessments, organisations, suppliers } from "../schema";
import { bestAnswers } from "./answer-sets";
import type { ContactRecord, SupplierRecord } from "./core";
import { makeSubmittedAssessment, type SubmittedAssessmentOptions } from "./review";

export function makeApprovedAssessment(
  db: Db,
  input: { orgId: string; supplier: SupplierRecord; contacts: ContactRecord[] },
  options: SubmittedAssessmentOptions & { version?: number; decidedAt?: Date; decision?: "approved" | "approved_with_conditions" } = {},
) {
  const decidedAt = options.decidedAt ?? new Date();
  const submittedAt = options.submittedAt ?? new Date(decidedAt.getTime() - 86_400_000);
  const questionnaireId = options.questionnaireId ?? "due-diligence";
  const entry = getQuestionnaireEntry(questionnaireId, options.version ?? 1);
  if (!entry) throw new Error(`questionnaire ${questionnaireId} v${options.version ?? 1} is not in the catalogue`);
  const version = snapshotQuestionnaireVersion(entry, db);
  // Evidence wherever the chosen answers require it, so the assessment is complete.
  const given = new Map(bestAnswers(entry.questionnaire, submittedAt).map((a) => [a.questionId, { ...a, evidenceCount: 0 }]));
  for (const [questionId, value] of Object.entries(options.answers ?? {})) {
    if (value === null) given.delete(questionId);
    else given.set(questionId, { questionId, value: value as AnswerValue, evidenceCount: 0 });
  }
  // Complete, as a supplier's submission is: evidence wherever an answer needs it (an evidence
  // question is answered by its file), a comment wherever an answer needs one.
  const score = scoreAssessment(entry.questionnaire, given, { now: submittedAt });
  const questions = new Map(entry.questionnaire.themes.flatMap((t) => t.questions.map((q) => [q.id, q] as const)));
  const missing = [...score.missingEvidence, ...score.requiredUnanswered.filter((id) => questions.get(id)?.type === "evidence")];
  const comments: Record<string, string> = { ...options.comments };
  for (const [questionId, answer] of given) {
    const question = questions.get(questionId);
    const chosen = Array.isArray(answer.value) ? answer.value : typeof answer.value === "string" ? [answer.value] : [];
    if (question && !comments[questionId] && chosen.some((v) => resolveRequirement(question.comment, v) === "required")) comments[questionId] = "Se vores politik.";
  }
  const evidence = [
    ...(options.evidence ?? []),
    ...missing.filter((q) => !(options.evidence ?? []).some((e) => e.questionId === q)).map((questionId) => ({ questionId, fileName: `${questionId}.pdf` })),
  ];
  const submitted = makeSubmittedAssessment(db, input, {
    ...options,
    questionnaireId,
    questionnaireVersionId: version.id,
    submittedAt,
    evidence,
    comments,
  });
  const decision = options.decision ?? "approved";
  db.update(assessments)
    .set({ status: decision, decision, decisionReason: "Godkendt.", decidedAt, updatedAt: decidedAt })
    .where(and(eq(assessments.id, submitted.assessment.id), eq(assessments.orgId, input.orgId)))
    .run();
  const settings = db.select({ settings: organisations.settings }).from(organisations).where(eq(organisations.id, input.orgId)).get()!.settings;
  const tier = input.supplier.tier ?? "medium";
  db.update(suppliers)
    .set({ lastAssessedAt: decidedAt, nextAssessmentDue: nextAssessmentDueFor({ lastAssessedAt: decidedAt }, tier, settings, decidedAt), riskRating: submitted.assessment.riskRating })
    .where(and(eq(suppliers.id, input.supplier.id), eq(suppliers.orgId, input.orgId)))
    .run();
  const assessment = db.select().from(assessments).where(eq(assessments.id, submitted.assessment.id)).get()!;
  return { ...submitted, assessment };
}
