/**
 * The demo's assessments: one in every status, and between them every red flag of the shipped
 * questionnaire. Built with the same domain functions the portal uses (send, answer, submit,
 * clarify, decide, revoke), so the demo shows what real use leaves behind.
 */
import { and, eq } from "drizzle-orm";
import {
  createStaffSession,
  invalidateStaffSession,
  validateStaffSessionToken,
  type StaffContext,
} from "../../app/auth/staff-session.server";
import type { AnswerValue } from "../../app/questionnaire/answer-types";
import type { Questionnaire } from "../../app/questionnaire/questionnaire-schema";
import { getLatestQuestionnaire } from "../../app/questionnaire/catalogue.server";
import { loadQuestionnaireVersion } from "../../app/questionnaire/versions.server";
import { tierPolicy } from "../../app/suppliers/tiering";
import { decideAssessment, reviewQuestion, assignReviewer } from "../../app/review/review.server";
import { revokeAssessment } from "../../app/suppliers/assessments.server";
import { newId } from "../../app/security/tokens.server";
import type { Db } from "../client";
import { answers, assessments, supplierContacts, suppliers, users, type AssessmentStatus } from "../schema";
import { bestAnswers, questionsOf, satisfyCondition } from "./answer-sets";
import { isoDateIn, makeAssessment } from "./core";
import { makeSubmittedAssessment } from "./review";

const DAY = 86_400_000;

interface Scenario {
  status: AssessmentStatus;
  /** Flag ids the supplier's answers raise. */
  flags?: string[];
  /** Days before `now` the assessment was submitted (or sent, for unsubmitted ones). */
  daysAgo: number;
}

/** By supplier index in DEMO_SUPPLIERS; suppliers without a scenario have not been assessed yet. */
const SCENARIOS: Record<number, Scenario> = {
  0: { status: "submitted", flags: ["mfa-exception", "no-mfa-privileged"], daysAgo: 2 },
  1: { status: "in_review", flags: ["deep-access-without-oversight"], daysAgo: 5 },
  2: { status: "approved_with_conditions", flags: ["no-backup-plan"], daysAgo: 60 },
  3: { status: "clarification_requested", flags: ["refuses-security-clauses"], daysAgo: 9 },
  4: { status: "approved", daysAgo: 120 },
  5: { status: "rejected", flags: ["no-breach-notification", "no-incident-response-plan"], daysAgo: 40 },
  6: { status: "submitted", flags: ["no-recent-pentest", "subsuppliers-without-due-diligence"], daysAgo: 4 },
  7: { status: "in_progress", daysAgo: 6 },
  8: { status: "opened", daysAgo: 3 },
  9: { status: "sent", daysAgo: 1 },
  10: { status: "expired", daysAgo: 75 },
  11: { status: "revoked", daysAgo: 20 },
  12: { status: "submitted", flags: ["no-cyber-insurance"], daysAgo: 1 },
  13: { status: "approved_with_conditions", flags: ["no-recent-pentest"], daysAgo: 200 },
  14: { status: "approved", daysAgo: 30 },
  15: { status: "submitted", flags: ["mfa-not-enforced"], daysAgo: 3 },
  16: { status: "sent", daysAgo: 10 },
  20: { status: "approved", daysAgo: 300 },
  26: { status: "approved", daysAgo: 90 },
  27: { status: "in_progress", daysAgo: 12 },
  28: { status: "sent", daysAgo: 2 },
};

/** Answers (by question id) under which every named flag is raised, starting from the best answers. */
export function answersRaising(questionnaire: Questionnaire, flagIds: readonly string[], now: Date): Record<string, AnswerValue> {
  let current = bestAnswers(questionnaire, now);
  for (const flagId of flagIds) {
    const rule = questionnaire.flagRules.find((r) => r.flag === flagId);
    if (!rule) continue;
    current = satisfyCondition(questionnaire, rule.when, now, { base: current }) ?? current;
  }
  return Object.fromEntries(current.map((a) => [a.questionId, a.value]));
}

function staffContext(db: Db, userId: string): StaffContext {
  const user = db.select().from(users).where(eq(users.id, userId)).get()!;
  const { token } = createStaffSession({ userId, orgId: user.orgId, twoFactorVerified: true }, { db });
  return validateStaffSessionToken(token, { db })!;
}

function firstEvidenceQuestion(questionnaire: Questionnaire): string | undefined {
  return questionsOf(questionnaire).find((q) => q.evidence !== "none" && !q.showIf)?.id;
}

export async function seedDemoAssessments(
  db: Db,
  input: { orgId: string; reviewerId: string; supplierIds: string[]; now: Date },
): Promise<void> {
  const reviewer = staffContext(db, input.reviewerId);
  try {
    await seedScenarios(db, input, reviewer);
  } finally {
    invalidateStaffSession(reviewer.session.id, db);
  }
}

async function seedScenarios(
  db: Db,
  input: { orgId: string; reviewerId: string; supplierIds: string[]; now: Date },
  reviewer: StaffContext,
): Promise<void> {
  for (const [indexText, scenario] of Object.entries(SCENARIOS)) {
    const supplierId = input.supplierIds[Number(indexText)];
    if (!supplierId) continue;
    const supplier = db.select().from(suppliers).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, input.orgId))).get()!;
    const contacts = db.select().from(supplierContacts).where(eq(supplierContacts.supplierId, supplierId)).all();
    const at = new Date(input.now.getTime() - scenario.daysAgo * DAY);
    const target = { orgId: input.orgId, supplier, contacts };

    if (["sent", "opened", "in_progress", "expired", "revoked"].includes(scenario.status)) {
      const dueDate = scenario.status === "expired" ? isoDateIn(-45, input.now) : isoDateIn(30 - scenario.daysAgo, input.now);
      const { assessment } = makeAssessment(db, target, { now: at, dueDate, createdBy: input.reviewerId });
      if (scenario.status === "revoked") {
        revokeAssessment(reviewer, supplierId, assessment.id, "Kontrakten blev ikke indgået.", "127.0.0.1", { db, now: at });
        continue;
      }
      const questionnaire = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);
      if (scenario.status === "in_progress") {
        const given = bestAnswers(questionnaire, at).slice(0, Math.ceil(questionsOf(questionnaire).length / 2));
        db.insert(answers)
          .values(
            given.map((a) => ({
              id: newId(),
              orgId: input.orgId,
              assessmentId: assessment.id,
              questionId: a.questionId,
              value: a.value,
              updatedByContactId: contacts[0]?.id ?? null,
              updatedAt: at,
            })),
          )
          .run();
      }
      db.update(assessments)
        .set({
          status: scenario.status,
          openedAt: scenario.status === "sent" ? null : at,
          progressPercent: scenario.status === "in_progress" ? 45 : 0,
          updatedAt: at,
        })
        .where(eq(assessments.id, assessment.id))
        .run();
      continue;
    }

    const questionnaire = getLatestQuestionnaire(tierPolicy(supplier.tier ?? "medium").questionnaireId)!;
    const evidenceQuestion = firstEvidenceQuestion(questionnaire);
    const { assessment } = makeSubmittedAssessment(db, target, {
      answers: answersRaising(questionnaire, scenario.flags ?? [], at),
      evidence: evidenceQuestion ? [{ questionId: evidenceQuestion, fileName: "informationssikkerhedspolitik.pdf" }] : [],
      submittedAt: at,
      now: at,
    });

    if (scenario.status === "submitted") continue;
    assignReviewer(reviewer, [assessment.id], input.reviewerId, { db, now: at });
    if (scenario.status === "in_review") continue;
    if (scenario.status === "clarification_requested") {
      const question = questionsOf(questionnaire)[0]!;
      await reviewQuestion(
        reviewer,
        assessment.id,
        { verdict: "clarification", questionId: question.id, message: "Kan I sende den gældende version af politikken og sige, hvornår den sidst blev godkendt af ledelsen?" },
        { db, now: at },
      );
      continue;
    }
    const decisionAt = new Date(at.getTime() + 3 * DAY);
    if (scenario.status === "approved") {
      await decideAssessment(reviewer, assessment.id, { decision: "approved", reason: "Tilfredsstillende besvarelse og dokumentation." }, { db, now: decisionAt });
    } else if (scenario.status === "approved_with_conditions") {
      await decideAssessment(
        reviewer,
        assessment.id,
        {
          decision: "approved_with_conditions",
          reason: "Godkendt, men de røde flag skal håndteres inden for fristen.",
          conditions: [
            { text: "Dokumentér en testet backup- og gendannelsesplan.", ownerSide: "supplier", ownerName: contacts[0]?.name ?? "Leverandøren", deadline: isoDateIn(-10, input.now) },
            { text: "Gennemgå databehandleraftalen med leverandøren.", ownerSide: "customer", ownerName: "Rune Reviewer", deadline: isoDateIn(45, input.now) },
          ],
        },
        { db, now: decisionAt },
      );
    } else if (scenario.status === "rejected") {
      await decideAssessment(reviewer, assessment.id, { decision: "rejected", reason: "Leverandøren vil ikke underrette om brud og har ingen beredskabsplan." }, { db, now: decisionAt });
    }
  }
}
