/**
 * Submitted assessments for the review tests, e2e fixtures and the demo: answers inserted for a
 * questionnaire version, scored with the real scoring engine (scoreAssessment), the score,
 * flags and risk rating stored by the supplier portal's own `storeSubmission`, evidence files
 * written to the store.
 */
import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { getEnv } from "../../app/config/env.server";
import type { AnswerInput, AnswerValue } from "../../app/questionnaire/answer-types";
import { loadQuestionnaireVersion } from "../../app/questionnaire/versions.server";
import { rateRisk } from "../../app/scoring/risk-rating";
import { scoreAssessment } from "../../app/scoring/score-assessment";
import { evidenceDir, evidencePath } from "../../app/evidence/upload.server";
import { generateToken, newId } from "../../app/security/tokens.server";
import type { Db } from "../client";
import { storeSubmission } from "../repos/supplier-submissions";
import { answers, assessments, evidenceFiles } from "../schema";
import { bestAnswers } from "./answer-sets";
import { makeAssessment, type AssessmentRecord, type ContactRecord, type SupplierRecord } from "./core";

/** A minimal, valid one-page PDF (for evidence in tests and the e2e run). */
export function tinyPdf(text = "Leverandørtjek evidence"): Buffer {
  const safe = text.replace(/[()\\]/g, "").replace(/[^\x20-\x7e]/g, "?");
  const stream = `BT /F1 12 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export interface EvidenceInput {
  questionId: string;
  fileName: string;
  mimeType?: string;
  content?: Buffer;
}

export interface SubmittedAssessmentOptions {
  /** Answers to use instead of the best answers (by question id); `null` leaves a question unanswered. */
  answers?: Record<string, AnswerValue>;
  comments?: Record<string, string>;
  evidence?: EvidenceInput[];
  questionnaireId?: string;
  /** A snapshotted version to use instead of the questionnaire's latest (e.g. last year's v1). */
  questionnaireVersionId?: string;
  submittedAt?: Date;
  status?: AssessmentRecord["status"];
  assignedReviewerId?: string | null;
  kind?: AssessmentRecord["kind"];
  previousAssessmentId?: string | null;
  /** Where the evidence store lives (the e2e server's DATA_DIR); defaults to DATA_DIR. */
  dataDir?: string;
  now?: Date;
}

export interface SubmittedAssessment {
  assessment: AssessmentRecord;
  evidence: (typeof evidenceFiles.$inferSelect)[];
  invitations: { contactId: string; token: string; invitationId: string }[];
}

/**
 * An assessment of `supplier` as it stands right after the supplier submitted: answers (the best
 * answers, with `options.answers` on top), evidence, the stored score, flags and risk rating.
 */
export function makeSubmittedAssessment(
  db: Db,
  input: { orgId: string; supplier: SupplierRecord; contacts: ContactRecord[] },
  options: SubmittedAssessmentOptions = {},
): SubmittedAssessment {
  const now = options.now ?? new Date();
  const submittedAt = options.submittedAt ?? now;
  const { assessment, invitations } = makeAssessment(db, input, {
    questionnaireId: options.questionnaireId,
    ...(options.questionnaireVersionId ? { questionnaireVersionId: options.questionnaireVersionId } : {}),
    now: new Date(submittedAt.getTime() - 7 * 86_400_000),
    kind: options.kind ?? "initial",
    previousAssessmentId: options.previousAssessmentId ?? null,
  });
  const questionnaire = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);

  const given = new Map<string, AnswerInput>(bestAnswers(questionnaire, submittedAt).map((a) => [a.questionId, a]));
  for (const [questionId, value] of Object.entries(options.answers ?? {})) {
    if (value === null) given.delete(questionId);
    else given.set(questionId, { questionId, value });
  }
  for (const [questionId, comment] of Object.entries(options.comments ?? {})) {
    const answer = given.get(questionId);
    if (answer) given.set(questionId, { ...answer, comment });
  }

  const dataDir = options.dataDir ?? getEnv().DATA_DIR;
  const store = evidenceDir(dataDir);
  const evidenceRows = (options.evidence ?? []).map((file) => {
    const content = file.content ?? tinyPdf(file.fileName);
    const storageName = generateToken();
    mkdirSync(store, { recursive: true, mode: 0o700 });
    const location = evidencePath(storageName, dataDir);
    writeFileSync(location, content, { mode: 0o600 });
    chmodSync(location, 0o600);
    return {
      id: newId(),
      orgId: input.orgId,
      assessmentId: assessment.id,
      questionId: file.questionId,
      storageName,
      originalName: file.fileName,
      mimeType: file.mimeType ?? "application/pdf",
      sizeBytes: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      uploadedByContactId: input.contacts[0]?.id ?? null,
      deletedAt: null,
      createdAt: submittedAt,
    };
  });
  const evidenceCount = new Map<string, number>();
  for (const row of evidenceRows) evidenceCount.set(row.questionId, (evidenceCount.get(row.questionId) ?? 0) + 1);
  for (const [questionId, count] of evidenceCount) {
    const answer = given.get(questionId);
    given.set(questionId, { ...(answer ?? { questionId, value: null }), evidenceCount: count });
  }

  const score = scoreAssessment(questionnaire, given, { now: submittedAt });
  const risk = rateRisk({ tier: assessment.tier, overallScore: score.overallScore, flags: score.flags });
  const contactId = input.contacts[0]?.id ?? null;
  db.transaction((tx) => {
    const rows = [...given.values()].map((answer) => ({
      id: newId(),
      orgId: input.orgId,
      assessmentId: assessment.id,
      questionId: answer.questionId,
      value: answer.value,
      notApplicable: answer.notApplicable ?? false,
      comment: answer.comment ?? null,
      updatedByContactId: contactId,
      updatedAt: submittedAt,
    }));
    if (rows.length > 0) tx.insert(answers).values(rows).run();
    if (evidenceRows.length > 0) tx.insert(evidenceFiles).values(evidenceRows).run();
  });
  // Stored exactly as the supplier portal's submit stores it.
  storeSubmission(db, {
    orgId: input.orgId,
    assessmentId: assessment.id,
    supplierId: input.supplier.id,
    overallScore: score.overallScore,
    completeness: score.completeness,
    riskRating: risk.rating,
    scoreDetail: { score, risk },
    flags: score.flags.map((f) => ({
      id: newId(),
      flagType: f.flagId,
      severity: f.severity,
      warning: f.warning,
      triggers: f.triggers.map((t) => ({ questionId: t.questionId, value: t.value })),
    })),
    attestation: { name: input.contacts[0]?.name ?? "Kontakt", title: "IT-chef" },
    now: submittedAt,
    fromStatuses: ["sent", "opened", "in_progress"],
  });
  const values = {
    status: options.status ?? ("submitted" as const),
    openedAt: new Date(submittedAt.getTime() - 6 * 86_400_000),
    assignedReviewerId: options.assignedReviewerId ?? null,
  };
  db.update(assessments).set(values).where(eq(assessments.id, assessment.id)).run();
  const stored = db.select().from(assessments).where(eq(assessments.id, assessment.id)).get()!;
  return { assessment: stored, evidence: evidenceRows, invitations };
}
