/**
 * Submitting (SPEC C4, C5): the summary of what is still missing, the attestation, scoring on
 * the snapshotted questionnaire, flags, and the supplier's answers to clarification requests
 * (which re-submit and re-score).
 */
import { getDb, type Db } from "#db/client";
import {
  answerClarifications,
  listOpenClarifications,
  storeSubmission,
  type OpenClarification,
} from "#db/repos/supplier-submissions";
import type { AssessmentStatus } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { recordSubSupplierChange } from "~/relationship/sub-suppliers.server";
import { rateRisk } from "~/scoring/risk-rating";
import { resolveRequirement, scoreAssessment, type AssessmentScore } from "~/scoring/score-assessment";
import { newId } from "~/security/tokens.server";
import { answerInputs, isAnswering, loadPortalState, type PortalState } from "./answering.server";
import type { SupplierContext } from "./supplier-session.server";

export type MissingKind = "unanswered" | "evidence" | "comment";

export interface MissingItem {
  kind: MissingKind;
  questionId: string;
  themeId: string;
}

export interface SubmissionSummary {
  score: AssessmentScore;
  missing: MissingItem[];
}

export function scoreState(state: PortalState, now: Date): AssessmentScore {
  return scoreAssessment(state.questionnaire, answerInputs(state.answers, state.evidenceCounts, state.questionnaire), { now });
}

/** What still stops the supplier from submitting: required questions, required evidence, required comments. */
export function submissionSummary(state: PortalState, now: Date): SubmissionSummary {
  const score = scoreState(state, now);
  const themeOf = new Map<string, string>();
  for (const theme of state.questionnaire.themes) for (const q of theme.questions) themeOf.set(q.id, theme.id);
  const missing: MissingItem[] = [];
  for (const theme of state.questionnaire.themes) {
    const result = score.themes.find((t) => t.themeId === theme.id)!;
    for (const question of theme.questions) {
      if (result.requiredUnanswered.includes(question.id)) {
        missing.push({ kind: "unanswered", questionId: question.id, themeId: theme.id });
        continue;
      }
      if (result.missingEvidence.includes(question.id)) missing.push({ kind: "evidence", questionId: question.id, themeId: theme.id });
      const line = result.explanation.find((l) => l.questionId === question.id);
      if (!line || line.reason === "hidden" || line.reason === "unanswered" || line.reason === "not-applicable") continue;
      const answer = state.answers.get(question.id);
      if (resolveRequirement(question.comment, line.value) === "required" && !answer?.comment) {
        missing.push({ kind: "comment", questionId: question.id, themeId: theme.id });
      }
    }
  }
  return { score, missing };
}

function flagRows(score: AssessmentScore) {
  return score.flags.map((f) => ({
    id: newId(),
    flagType: f.flagId,
    severity: f.severity,
    warning: f.warning,
    triggers: f.triggers.map((t) => ({ questionId: t.questionId, value: t.value })),
  }));
}

export type SubmitOutcome = { kind: "submitted" } | { kind: "incomplete"; missing: MissingItem[] } | { kind: "not-open" };

export function submitAssessment(
  ctx: SupplierContext,
  attestation: { name: string; title: string },
  options: { now?: Date; db?: Db; ip?: string | null } = {},
): SubmitOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (!isAnswering(ctx.assessment.status)) return { kind: "not-open" };
  const state = loadPortalState(ctx, { now, db });
  const { score, missing } = submissionSummary(state, now);
  if (missing.length > 0) return { kind: "incomplete", missing };
  const risk = rateRisk({ tier: ctx.assessment.tier, overallScore: score.overallScore, flags: score.flags });
  const stored = storeSubmission(db, {
    orgId: ctx.assessment.orgId,
    assessmentId: ctx.assessment.id,
    supplierId: ctx.assessment.supplierId,
    overallScore: score.overallScore,
    completeness: score.completeness,
    riskRating: risk.rating,
    scoreDetail: { score, risk },
    flags: flagRows(score),
    attestation,
    now,
    fromStatuses: ["sent", "opened", "in_progress"],
  });
  if (!stored) return { kind: "not-open" };
  recordAudit(
    {
      orgId: ctx.assessment.orgId,
      actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
      action: "assessment.submitted",
      target: { type: "assessment", id: ctx.assessment.id },
      ip: options.ip ?? null,
      details: { overallScore: score.overallScore, completeness: score.completeness, riskRating: risk.rating, flags: score.flags.length },
      at: now,
    },
    db,
  );
  recordSubSupplierChange(ctx, { db, now, ip: options.ip });
  return { kind: "submitted" };
}

export function openClarifications(ctx: SupplierContext, db: Db = getDb()): OpenClarification[] {
  return listOpenClarifications(db, ctx.assessment.orgId, ctx.assessment.id);
}

const RESUBMIT_FROM: AssessmentStatus[] = ["submitted", "in_review", "clarification_requested"];

export type ClarificationOutcome =
  | { kind: "resubmitted"; answered: number }
  | { kind: "missing-replies"; clarificationIds: string[] }
  | { kind: "nothing-open" };

/**
 * The supplier answers the open clarification requests: a reply to each (required), then the
 * assessment is scored again and goes back to the review queue as "submitted".
 */
export function answerOpenClarifications(
  ctx: SupplierContext,
  replies: Record<string, string>,
  options: { now?: Date; db?: Db; ip?: string | null } = {},
): ClarificationOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const open = openClarifications(ctx, db);
  if (open.length === 0 || !RESUBMIT_FROM.includes(ctx.assessment.status)) return { kind: "nothing-open" };
  const missingReplies = open
    .filter(({ clarification }) => (replies[clarification.id] ?? "").trim() === "")
    .map(({ clarification }) => clarification.id);
  if (missingReplies.length > 0) return { kind: "missing-replies", clarificationIds: missingReplies };
  const answered = answerClarifications(db, {
    orgId: ctx.assessment.orgId,
    assessmentId: ctx.assessment.id,
    contactId: ctx.session.contactId,
    replies: open.map(({ clarification }) => ({
      clarificationId: clarification.id,
      messageId: newId(),
      body: replies[clarification.id]!.trim().slice(0, 4000),
    })),
    now,
  });
  const state = loadPortalState(ctx, { now, db });
  const score = scoreState(state, now);
  const risk = rateRisk({ tier: ctx.assessment.tier, overallScore: score.overallScore, flags: score.flags });
  storeSubmission(db, {
    orgId: ctx.assessment.orgId,
    assessmentId: ctx.assessment.id,
    supplierId: ctx.assessment.supplierId,
    overallScore: score.overallScore,
    completeness: score.completeness,
    riskRating: risk.rating,
    scoreDetail: { score, risk },
    flags: flagRows(score),
    now,
    fromStatuses: RESUBMIT_FROM,
  });
  recordAudit(
    {
      orgId: ctx.assessment.orgId,
      actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
      action: "assessment.clarification_answered",
      target: { type: "assessment", id: ctx.assessment.id },
      ip: options.ip ?? null,
      details: { answered, overallScore: score.overallScore },
      at: now,
    },
    db,
  );
  return { kind: "resubmitted", answered };
}
