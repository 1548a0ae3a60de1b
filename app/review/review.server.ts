/**
 * The review of one assessment (SPEC C5/C6): what the reviewer sees, and every action on it —
 * assign, per-question verdicts (accept, ask for clarification, record a finding), accepting a
 * flag's risk for a time, and the decision. Every action is audited; every query is scoped to the
 * staff member's organisation (another organisation's id is a 404).
 *
 * Status transitions: submitted → in_review (assigned, or a reviewer acts) → clarification_requested
 * (the supplier answers: back to submitted/in_review, supplier side) → approved /
 * approved_with_conditions / rejected.
 */
import { getDb, type Db } from "#db/client";
import { listAudit } from "#db/repos/audit";
import {
  closeClarifications,
  findOpenClarification,
  insertClarification,
  listClarificationMessages,
  listClarifications,
} from "#db/repos/clarifications";
import { acceptFlagRisk, findFlag, listFlags, recountOpenFlags, type FlagRow } from "#db/repos/flags";
import { insertRemediationItems, listAssessmentRemediation } from "#db/repos/remediation";
import { listReviewers } from "#db/repos/review-queue";
import {
  findAssessmentForReview,
  findStaffUser,
  listAnswers,
  listEvidence,
  listQuestionReviews,
  listSupplierContacts,
  listSupplierScoreHistory,
  updateAssessmentIfStatus,
  updateSupplierAfterDecision,
  upsertQuestionReview,
  type AnswerRow,
} from "#db/repos/reviews";
import type { AssessmentStatus } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import type { Locale } from "~/i18n/locales";
import { createInvitation, invitationExpiry } from "~/invitations/invitations.server";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import type { Question, Questionnaire } from "~/questionnaire/questionnaire-schema";
import { formatExplanationLine } from "~/scoring/format-explanation";
import { rateRisk, type RiskReason } from "~/scoring/risk-rating";
import { scoreAssessment, type AssessmentScore } from "~/scoring/score-assessment";
import { newId } from "~/security/tokens.server";
import { formatAnswerValue } from "~/questionnaire/answer-format";
import { todayIso } from "./forms";
import { REVIEWABLE_STATUSES } from "./queue-shape";
import { nextAssessmentDueFor } from "~/suppliers/suppliers.server";
import { sendClarificationEmail, sendDecisionEmail } from "./review-emails.server";

export interface ActionMeta {
  ip?: string | null;
  now?: Date;
  db?: Db;
}

/** A field error to show on the form, as a message key. */
export type ActionResult = { ok: true } | { ok: false; field: string; message: string };

const fail = (field: string, message: string): ActionResult => ({ ok: false, field, message });

function actorOf(staff: StaffContext) {
  return { type: "staff" as const, id: staff.user.id, label: staff.user.name };
}

function isReviewable(status: AssessmentStatus): boolean {
  return (REVIEWABLE_STATUSES as readonly string[]).includes(status);
}

/** A flag whose accepted risk has lapsed counts as open again, also before the job has run. */
export function effectiveFlagStatus(flag: Pick<FlagRow, "status" | "acceptedUntil">, today: string): "open" | "accepted" | "resolved" | "lapsed" {
  if (flag.status === "accepted" && flag.acceptedUntil && flag.acceptedUntil < today) return "lapsed";
  return flag.status;
}

function sameAnswer(a: AnswerRow | undefined, b: AnswerRow | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (
    JSON.stringify(a.value ?? null) === JSON.stringify(b.value ?? null) &&
    a.notApplicable === b.notApplicable &&
    (a.comment ?? "") === (b.comment ?? "")
  );
}

function scoreOf(questionnaire: Questionnaire, stored: unknown, answers: AnswerRow[], evidenceCount: Map<string, number>, now: Date): AssessmentScore {
  // The supplier portal stores { score, risk } at submit; a bare score is accepted too.
  const candidate = stored && typeof stored === "object" && "score" in stored ? (stored as { score: unknown }).score : stored;
  if (candidate && typeof candidate === "object" && Array.isArray((candidate as AssessmentScore).themes)) return candidate as AssessmentScore;
  return scoreAssessment(
    questionnaire,
    new Map(
      answers.map((a) => [
        a.questionId,
        {
          questionId: a.questionId,
          value: a.value ?? null,
          notApplicable: a.notApplicable,
          comment: a.comment,
          evidenceCount: evidenceCount.get(a.questionId) ?? 0,
        },
      ]),
    ),
    { now },
  );
}

export function loadReviewPage(staff: StaffContext, assessmentId: string, locale: Locale, options: { db?: Db; now?: Date } = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const today = todayIso(now);
  const orgId = staff.organisation.id;
  const found = findAssessmentForReview(db, orgId, assessmentId);
  if (!found) notFound();
  const { assessment, supplier } = found;
  const questionnaire = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);

  const answers = listAnswers(db, orgId, assessmentId);
  const answerById = new Map(answers.map((a) => [a.questionId, a]));
  const evidence = listEvidence(db, orgId, assessmentId);
  const evidenceCount = new Map<string, number>();
  for (const file of evidence) evidenceCount.set(file.questionId, (evidenceCount.get(file.questionId) ?? 0) + 1);
  const reviews = new Map(listQuestionReviews(db, orgId, assessmentId).map((r) => [r.questionId, r]));
  const threads = listClarifications(db, orgId, assessmentId);
  const messages = listClarificationMessages(
    db,
    orgId,
    threads.map((t) => t.id),
  );
  const flags = listFlags(db, orgId, assessmentId);
  const score = scoreOf(questionnaire, assessment.scoreDetail, answers, evidenceCount, now);

  const previousAnswers =
    assessment.previousAssessmentId !== null
      ? new Map(listAnswers(db, orgId, assessment.previousAssessmentId).map((a) => [a.questionId, a]))
      : null;

  const questionById = new Map<string, { question: Question; themeId: string }>();
  for (const theme of questionnaire.themes) for (const q of theme.questions) questionById.set(q.id, { question: q, themeId: theme.id });

  const flagDefinitions = new Map(questionnaire.flags.map((f) => [f.id, f]));
  const flaggedQuestions = new Set<string>();
  const flagViews = flags.map((flag) => {
    const definition = flagDefinitions.get(flag.flagType);
    const status = effectiveFlagStatus(flag, today);
    for (const trigger of flag.triggers) if (status !== "resolved") flaggedQuestions.add(trigger.questionId);
    return {
      id: flag.id,
      flagType: flag.flagType,
      severity: flag.severity,
      warning: flag.warning,
      status,
      title: definition?.title[locale] ?? flag.flagType,
      explanation: definition?.explanation[locale] ?? "",
      acceptedReason: flag.acceptedReason,
      acceptedUntil: flag.acceptedUntil,
      triggers: flag.triggers.map((trigger) => {
        const entry = questionById.get(trigger.questionId);
        return {
          questionId: trigger.questionId,
          questionText: entry?.question.text[locale] ?? trigger.questionId,
          answer: entry ? formatAnswerValue(entry.question, trigger.value as never, locale) : String(trigger.value),
        };
      }),
    };
  });

  const scoreByTheme = new Map(score.themes.map((t) => [t.themeId, t]));
  const themes = questionnaire.themes.map((theme) => {
    const themeScore = scoreByTheme.get(theme.id);
    return {
      id: theme.id,
      title: theme.title[locale],
      score: themeScore?.score ?? null,
      weight: themeScore?.weight ?? theme.weight,
      explanation: (themeScore?.explanation ?? []).map((line) => formatExplanationLine(line, questionnaire, locale)),
      questions: theme.questions.map((question) => {
        const answer = answerById.get(question.id);
        const previous = previousAnswers?.get(question.id);
        const review = reviews.get(question.id);
        const changedSinceLast = previousAnswers ? !sameAnswer(answer, previous) : null;
        // Only what the page shows: 72 questions' worth of unused fields is hydration data for nothing.
        return {
          id: question.id,
          text: question.text[locale],
          answer: answer ? formatAnswerValue(question, answer.value ?? null, locale) : null,
          notApplicable: answer?.notApplicable ?? false,
          notApplicableReason: answer?.notApplicableReason ?? null,
          comment: answer?.comment ?? null,
          flagged: flaggedQuestions.has(question.id),
          changedSinceLast,
          previousAnswer: changedSinceLast && previous ? formatAnswerValue(question, previous.value ?? null, locale) : null,
          evidence: evidence
            .filter((file) => file.questionId === question.id)
            .map((file) => ({ id: file.id, name: file.originalName, sizeBytes: file.sizeBytes, sha256: file.sha256 })),
          review: review
            ? { status: review.status, severity: review.findingSeverity, text: review.findingText, updatedAt: review.updatedAt }
            : null,
          clarifications: threads
            .filter((thread) => thread.questionId === question.id)
            .map((thread) => ({
              id: thread.id,
              status: thread.status,
              createdAt: thread.createdAt,
              messages: messages
                .filter((m) => m.clarificationId === thread.id)
                .map((m) => ({ id: m.id, authorType: m.authorType, body: m.body, createdAt: m.createdAt })),
            })),
        };
      }),
    };
  });

  const openFlags = flags.filter((f) => {
    const status = effectiveFlagStatus(f, today);
    return status === "open" || status === "lapsed";
  });
  const risk = rateRisk({
    tier: assessment.tier,
    overallScore: score.overallScore,
    flags: openFlags.map((f) => ({ flagId: f.flagType, severity: f.severity, warning: f.warning })),
  });

  const history = listAudit(db, orgId, { targetType: "assessment", targetId: assessmentId }, 200).map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor: row.actorLabel ?? row.actorType,
    details: row.details,
  }));

  return {
    assessment: {
      id: assessment.id,
      status: assessment.status,
      kind: assessment.kind,
      tier: assessment.tier,
      dueDate: assessment.dueDate,
      submittedAt: assessment.submittedAt,
      decidedAt: assessment.decidedAt,
      decision: assessment.decision,
      decisionReason: assessment.decisionReason,
      overallScore: score.overallScore,
      completeness: score.completeness,
      /** Question ids whose answer requires evidence that is not attached (candidate comparison). */
      missingEvidence: score.missingEvidence,
      assignedReviewerId: assessment.assignedReviewerId,
      reviewerName: found.reviewerName,
      attestationName: assessment.attestationName,
      attestationTitle: assessment.attestationTitle,
      attestedAt: assessment.attestedAt,
      previousAssessmentId: assessment.previousAssessmentId,
      questionnaireTitle: questionnaire.title[locale],
      questionnaireKey: found.questionnaireKey,
    },
    supplier: { id: supplier.id, name: supplier.name, tier: supplier.tier, country: supplier.country, cvr: supplier.cvr },
    risk: { rating: risk.rating, weakness: risk.weakness, reasons: risk.reasons as RiskReason[] },
    flags: flagViews,
    themes,
    history,
    scoreTrend: listSupplierScoreHistory(db, orgId, supplier.id),
    remediation: listAssessmentRemediation(db, orgId, assessmentId),
    reviewers: listReviewers(db, orgId),
    canAct: staff.user.role !== "viewer" && isReviewable(assessment.status),
    canActRole: staff.user.role !== "viewer",
    canSeeAudit: staff.user.role === "admin" || staff.user.role === "viewer",
    me: staff.user.id,
    today,
  };
}

export type ReviewPage = ReturnType<typeof loadReviewPage>;

function requireAssessment(db: Db, staff: StaffContext, assessmentId: string) {
  const found = findAssessmentForReview(db, staff.organisation.id, assessmentId);
  if (!found) notFound();
  return found;
}

/** A reviewer's first action on a submitted assessment takes it into review (and to them if unassigned). */
function startReviewIfSubmitted(db: Db, staff: StaffContext, assessment: { id: string; status: AssessmentStatus; assignedReviewerId: string | null }, now: Date) {
  if (assessment.status !== "submitted") return;
  updateAssessmentIfStatus(db, staff.organisation.id, assessment.id, ["submitted"], {
    status: "in_review",
    assignedReviewerId: assessment.assignedReviewerId ?? staff.user.id,
    updatedAt: now,
  });
}

/**
 * Assigns one or more assessments (a bulk choice from the queue) to a reviewer: all of them or,
 * when one cannot be (not reviewable, or changed meanwhile), none. Another organisation's id is a 404.
 */
export function assignReviewer(staff: StaffContext, assessmentIds: readonly string[], reviewerId: string, meta: ActionMeta = {}): ActionResult {
  const db = meta.db ?? getDb();
  const now = meta.now ?? new Date();
  const orgId = staff.organisation.id;
  const found = [...new Set(assessmentIds)].map((id) => requireAssessment(db, staff, id).assessment);
  if (found.some((assessment) => !isReviewable(assessment.status))) return fail("reviewerId", "review.error.notReviewable");
  const reviewer = findStaffUser(db, orgId, reviewerId);
  if (!reviewer || reviewer.disabledAt || reviewer.role === "viewer") return fail("reviewerId", "review.validation.reviewer");
  const changedMeanwhile = new Error("changed meanwhile");
  try {
    db.transaction(() => {
      for (const assessment of found) {
        const status = assessment.status === "submitted" ? "in_review" : assessment.status;
        const ok = updateAssessmentIfStatus(db, orgId, assessment.id, [assessment.status], { assignedReviewerId: reviewer.id, status, updatedAt: now });
        if (!ok) throw changedMeanwhile;
        recordAudit(
          {
            orgId,
            actor: actorOf(staff),
            action: "assessment.assigned",
            target: { type: "assessment", id: assessment.id },
            ip: meta.ip,
            at: now,
            details: {
              before: { reviewerId: assessment.assignedReviewerId, status: assessment.status },
              after: { reviewerId: reviewer.id, reviewerName: reviewer.name, status },
            },
          },
          db,
        );
      }
    });
  } catch (error) {
    if (error === changedMeanwhile) return fail("reviewerId", "review.error.changedMeanwhile");
    throw error;
  }
  return { ok: true };
}

export type QuestionVerdict =
  | { verdict: "accepted"; questionId: string }
  | { verdict: "clarification"; questionId: string; message: string }
  | { verdict: "finding"; questionId: string; severity: "critical" | "high" | "medium" | "low"; findingText: string };

export async function reviewQuestion(staff: StaffContext, assessmentId: string, input: QuestionVerdict, meta: ActionMeta = {}): Promise<ActionResult> {
  const db = meta.db ?? getDb();
  const now = meta.now ?? new Date();
  const orgId = staff.organisation.id;
  const found = requireAssessment(db, staff, assessmentId);
  const { assessment, supplier } = found;
  if (!isReviewable(assessment.status)) return fail("verdict", "review.error.notReviewable");
  const questionnaire = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);
  const question = questionnaire.themes.flatMap((t) => t.questions).find((q) => q.id === input.questionId);
  if (!question) return fail("verdict", "review.error.unknownQuestion");
  const target = { type: "assessment", id: assessmentId };

  if (input.verdict !== "clarification") {
    db.transaction(() => {
      startReviewIfSubmitted(db, staff, assessment, now);
      upsertQuestionReview(db, {
        id: newId(),
        orgId,
        assessmentId,
        questionId: question.id,
        status: input.verdict,
        findingSeverity: input.verdict === "finding" ? input.severity : null,
        findingText: input.verdict === "finding" ? input.findingText : null,
        reviewerId: staff.user.id,
        updatedAt: now,
      });
      recordAudit(
        {
          orgId,
          actor: actorOf(staff),
          action: input.verdict === "accepted" ? "question.accepted" : "question.finding_recorded",
          target,
          ip: meta.ip,
          at: now,
          details:
            input.verdict === "finding"
              ? { questionId: question.id, severity: input.severity, text: input.findingText }
              : { questionId: question.id },
        },
        db,
      );
    });
    return { ok: true };
  }

  if (findOpenClarification(db, orgId, assessmentId, question.id)) return fail("message", "review.error.clarificationOpen");
  const contact = listSupplierContacts(db, orgId, supplier.id)[0];
  if (!contact) return fail("message", "review.error.noContact");
  const clarificationId = newId();
  const link = db.transaction(() => {
    insertClarification(
      db,
      { id: clarificationId, orgId, assessmentId, questionId: question.id, status: "open", createdBy: staff.user.id, createdAt: now },
      { id: newId(), orgId, clarificationId, authorType: "staff", authorId: staff.user.id, body: input.message, createdAt: now },
    );
    upsertQuestionReview(db, {
      id: newId(),
      orgId,
      assessmentId,
      questionId: question.id,
      status: "clarification",
      reviewerId: staff.user.id,
      updatedAt: now,
    });
    updateAssessmentIfStatus(db, orgId, assessmentId, REVIEWABLE_STATUSES, {
      status: "clarification_requested",
      assignedReviewerId: assessment.assignedReviewerId ?? staff.user.id,
      updatedAt: now,
    });
    const dueDate = assessment.dueDate > todayIso(now) ? assessment.dueDate : todayIso(new Date(now.getTime() + 14 * 86_400_000));
    const invitation = createInvitation(
      { orgId, assessmentId, contactId: contact.id, expiresAt: invitationExpiry(dueDate) },
      { now, db },
    );
    recordAudit(
      {
        orgId,
        actor: actorOf(staff),
        action: "clarification.requested",
        target,
        ip: meta.ip,
        at: now,
        details: {
          questionId: question.id,
          clarificationId,
          message: input.message,
          contactId: contact.id,
          before: { status: assessment.status },
          after: { status: "clarification_requested" },
        },
      },
      db,
    );
    return invitation.url;
  });
  await sendClarificationEmail(db, {
    orgId,
    organisationName: staff.organisation.name,
    assessmentId,
    clarificationId,
    to: { email: contact.email, name: contact.name, locale: contact.locale },
    supplierName: supplier.name,
    questionText: question.text[contact.locale],
    message: input.message,
    link,
  });
  return { ok: true };
}

export function acceptFlag(
  staff: StaffContext,
  assessmentId: string,
  input: { flagId: string; reason: string; until: string },
  meta: ActionMeta = {},
): ActionResult {
  const db = meta.db ?? getDb();
  const now = meta.now ?? new Date();
  const orgId = staff.organisation.id;
  const { assessment } = requireAssessment(db, staff, assessmentId);
  const flag = findFlag(db, orgId, assessmentId, input.flagId);
  if (!flag) notFound();
  if (flag.status !== "open") return fail("reason", "review.error.flagNotOpen");
  db.transaction(() => {
    if (isReviewable(assessment.status)) startReviewIfSubmitted(db, staff, assessment, now);
    acceptFlagRisk(db, orgId, flag.id, { reason: input.reason, until: input.until, userId: staff.user.id });
    recountOpenFlags(db, orgId, assessmentId);
    recordAudit(
      {
        orgId,
        actor: actorOf(staff),
        action: "flag.risk_accepted",
        target: { type: "assessment", id: assessmentId },
        ip: meta.ip,
        at: now,
        details: {
          flagId: flag.id,
          flagType: flag.flagType,
          severity: flag.severity,
          reason: input.reason,
          acceptedUntil: input.until,
          before: { status: "open" },
          after: { status: "accepted" },
        },
      },
      db,
    );
  });
  return { ok: true };
}

export interface DecisionInput {
  decision: "approved" | "approved_with_conditions" | "rejected";
  reason: string;
  conditions?: { text: string; ownerSide: "supplier" | "customer"; ownerName: string; deadline: string }[];
}

export async function decideAssessment(staff: StaffContext, assessmentId: string, input: DecisionInput, meta: ActionMeta = {}): Promise<ActionResult> {
  const db = meta.db ?? getDb();
  const now = meta.now ?? new Date();
  const orgId = staff.organisation.id;
  const { assessment, supplier } = requireAssessment(db, staff, assessmentId);
  if (!isReviewable(assessment.status)) return fail("decision", "review.error.notReviewable");
  const conditions = input.decision === "approved_with_conditions" ? (input.conditions ?? []) : [];
  const decided = db.transaction(() => {
    const ok = updateAssessmentIfStatus(db, orgId, assessmentId, [assessment.status], {
      status: input.decision,
      decision: input.decision,
      decisionReason: input.reason,
      decidedAt: now,
      assignedReviewerId: assessment.assignedReviewerId ?? staff.user.id,
      updatedAt: now,
    });
    if (!ok) return false;
    closeClarifications(db, orgId, assessmentId);
    const items = conditions.map((c) => ({
      id: newId(),
      orgId,
      supplierId: supplier.id,
      assessmentId,
      text: c.text,
      ownerSide: c.ownerSide,
      ownerName: c.ownerName,
      deadline: c.deadline,
      status: "open" as const,
      createdBy: staff.user.id,
      createdAt: now,
    }));
    insertRemediationItems(db, items);
    updateSupplierAfterDecision(db, orgId, supplier.id, {
      lastAssessedAt: now,
      nextAssessmentDue: nextAssessmentDueFor({ lastAssessedAt: now }, supplier.tier, staff.organisation.settings, now),
      riskRating: assessment.riskRating,
    });
    recordAudit(
      {
        orgId,
        actor: actorOf(staff),
        action: "assessment.decided",
        target: { type: "assessment", id: assessmentId },
        ip: meta.ip,
        at: now,
        details: {
          decision: input.decision,
          reason: input.reason,
          conditions: items.map((i) => ({ id: i.id, text: i.text, ownerSide: i.ownerSide, ownerName: i.ownerName, deadline: i.deadline })),
          before: { status: assessment.status },
          after: { status: input.decision },
        },
      },
      db,
    );
    return true;
  });
  if (!decided) return fail("decision", "review.error.changedMeanwhile");
  const contact = listSupplierContacts(db, orgId, supplier.id)[0];
  if (contact) {
    await sendDecisionEmail(db, {
      orgId,
      organisationName: staff.organisation.name,
      assessmentId,
      to: { email: contact.email, name: contact.name, locale: contact.locale },
      supplierName: supplier.name,
      decision: input.decision,
      reason: input.reason,
      conditions: conditions.filter((c) => c.ownerSide === "supplier"),
    });
  }
  return { ok: true };
}
