/** Submitting an assessment and the supplier's side of clarifications. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, clarificationMessages, clarifications, flags, type RiskRating } from "../schema";

export type ClarificationRow = typeof clarifications.$inferSelect;
export type ClarificationMessageRow = typeof clarificationMessages.$inferSelect;

export interface OpenClarification {
  clarification: ClarificationRow;
  messages: ClarificationMessageRow[];
}

export function listOpenClarifications(db: Db, orgId: string, assessmentId: string): OpenClarification[] {
  const open = db
    .select()
    .from(clarifications)
    .where(and(eq(clarifications.orgId, orgId), eq(clarifications.assessmentId, assessmentId), eq(clarifications.status, "open")))
    .orderBy(asc(clarifications.createdAt))
    .all();
  if (open.length === 0) return [];
  const messages = db
    .select()
    .from(clarificationMessages)
    .where(
      and(
        eq(clarificationMessages.orgId, orgId),
        inArray(
          clarificationMessages.clarificationId,
          open.map((c) => c.id),
        ),
      ),
    )
    .orderBy(asc(clarificationMessages.createdAt))
    .all();
  return open.map((clarification) => ({
    clarification,
    messages: messages.filter((m) => m.clarificationId === clarification.id),
  }));
}

export function openClarificationQuestionIds(db: Db, orgId: string, assessmentId: string): Set<string> {
  const rows = db
    .select({ questionId: clarifications.questionId })
    .from(clarifications)
    .where(and(eq(clarifications.orgId, orgId), eq(clarifications.assessmentId, assessmentId), eq(clarifications.status, "open")))
    .all();
  return new Set(rows.map((r) => r.questionId));
}

export interface ScoredSubmission {
  orgId: string;
  assessmentId: string;
  supplierId: string;
  overallScore: number | null;
  completeness: number;
  riskRating: RiskRating;
  scoreDetail: unknown;
  flags: { id: string; flagType: string; severity: "critical" | "high" | "medium"; warning: boolean; triggers: { questionId: string; value: unknown }[] }[];
  attestation?: { name: string; title: string };
  now: Date;
  /** Statuses the assessment may be in for this write to happen (guards double submits). */
  fromStatuses: (typeof assessments.$inferSelect)["status"][];
}

/**
 * Stores the scoring result and moves the assessment to "submitted". Open flags are replaced by
 * the new result; flags a reviewer already accepted or resolved stay, and a flag type that is
 * already accepted or resolved is not raised again. Returns false when the status guard failed.
 */
export function storeSubmission(db: Db, input: ScoredSubmission): boolean {
  return db.transaction((tx) => {
    const current = tx
      .select({ status: assessments.status })
      .from(assessments)
      .where(and(eq(assessments.id, input.assessmentId), eq(assessments.orgId, input.orgId)))
      .get();
    if (!current || !input.fromStatuses.includes(current.status)) return false;
    tx.delete(flags)
      .where(and(eq(flags.orgId, input.orgId), eq(flags.assessmentId, input.assessmentId), eq(flags.status, "open")))
      .run();
    const kept = tx
      .select({ flagType: flags.flagType })
      .from(flags)
      .where(and(eq(flags.orgId, input.orgId), eq(flags.assessmentId, input.assessmentId)))
      .all();
    const keptTypes = new Set(kept.map((k) => k.flagType));
    const raised = input.flags.filter((f) => !keptTypes.has(f.flagType));
    if (raised.length > 0) {
      tx.insert(flags)
        .values(
          raised.map((f) => ({
            id: f.id,
            orgId: input.orgId,
            assessmentId: input.assessmentId,
            supplierId: input.supplierId,
            flagType: f.flagType,
            severity: f.severity,
            warning: f.warning,
            triggers: f.triggers,
            status: "open" as const,
            createdAt: input.now,
          })),
        )
        .run();
    }
    tx.update(assessments)
      .set({
        status: "submitted",
        submittedAt: input.now,
        updatedAt: input.now,
        overallScore: input.overallScore,
        completeness: input.completeness,
        riskRating: input.riskRating,
        scoreDetail: input.scoreDetail,
        criticalFlagCount: raised.filter((f) => f.severity === "critical").length,
        flagCount: raised.length,
        progressPercent: Math.floor(input.completeness),
        ...(input.attestation
          ? { attestationName: input.attestation.name, attestationTitle: input.attestation.title, attestedAt: input.now }
          : {}),
      })
      .where(and(eq(assessments.id, input.assessmentId), eq(assessments.orgId, input.orgId)))
      .run();
    return true;
  });
}

/** The supplier's replies to open clarifications: one message each, the thread marked answered. */
export function answerClarifications(
  db: Db,
  input: { orgId: string; assessmentId: string; contactId: string; replies: { clarificationId: string; messageId: string; body: string }[]; now: Date },
): number {
  return db.transaction((tx) => {
    let answered = 0;
    for (const reply of input.replies) {
      const changed = tx
        .update(clarifications)
        .set({ status: "answered" })
        .where(
          and(
            eq(clarifications.id, reply.clarificationId),
            eq(clarifications.orgId, input.orgId),
            eq(clarifications.assessmentId, input.assessmentId),
            eq(clarifications.status, "open"),
          ),
        )
        .run().changes;
      if (changed !== 1) continue;
      tx.insert(clarificationMessages)
        .values({
          id: reply.messageId,
          orgId: input.orgId,
          clarificationId: reply.clarificationId,
          authorType: "supplier",
          authorId: input.contactId,
          body: reply.body,
          createdAt: input.now,
        })
        .run();
      answered++;
    }
    return answered;
  });
}
