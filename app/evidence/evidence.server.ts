/**
 * Evidence per question (SPEC C4): receiving files for a supplier's own assessment, refusing what
 * is not allowed, removing a file before submitting. Files are only reachable through the
 * session's organisation and assessment.
 */
import { unlink } from "node:fs/promises";
import { getDb, type Db } from "#db/client";
import {
  findEvidenceFile,
  insertEvidenceFile,
  listEvidenceFiles,
  markEvidenceFileDeleted,
  type EvidenceFileRow,
} from "#db/repos/evidence";
import { recordAudit } from "~/audit/audit.server";
import { getEnv } from "~/config/env.server";
import { canEdit, findQuestion, loadPortalState, refreshProgress } from "~/supplier-portal/answering.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { newId } from "~/security/tokens.server";
import { allowedKinds, cleanFileName, inspectUpload, kindOfExtension, type EvidenceKind, type RejectReason } from "./file-checks.server";
import { evidencePath, receiveUpload, removeStoredFiles, UploadRejectedError, type ReceivedUpload } from "./upload.server";

export interface EvidencePolicy {
  maxBytes: number;
  kinds: EvidenceKind[];
}

export function evidencePolicy(): EvidencePolicy {
  const env = getEnv();
  return { maxBytes: env.UPLOAD_MAX_BYTES, kinds: allowedKinds(env.UPLOAD_ALLOWED_TYPES) };
}

export type UploadErrorCode = RejectReason | "too-large" | "too-many-parts" | "malformed" | "storage" | "no-file" | "question" | "locked";

export interface UploadOutcome {
  questionId: string | null;
  accepted: { id: string; name: string; size: number }[];
  refused: { name: string; code: UploadErrorCode }[];
  /** A failure of the whole request (nothing was kept). */
  error: { status: number; code: UploadErrorCode } | null;
}

/** Whether a question takes evidence at all (for some answer). */
function takesEvidence(question: { type: string; evidence: unknown }): boolean {
  return question.type === "evidence" || question.evidence !== "none";
}

/** Receives a multipart upload under the policy, or says why not (the request's own fault, or the store's). */
export async function receiveUnderPolicy(
  request: Request,
  policy: EvidencePolicy,
  dataDir?: string,
): Promise<{ kind: "received"; upload: ReceivedUpload } | { kind: "refused"; status: number; code: UploadErrorCode }> {
  try {
    return { kind: "received", upload: await receiveUpload(request, { maxBytes: policy.maxBytes, dataDir }) };
  } catch (error) {
    if (error instanceof UploadRejectedError) return { kind: "refused", status: error.status, code: error.reason === "not-multipart" ? "malformed" : error.reason };
    throw error;
  }
}

export async function uploadEvidence(
  ctx: SupplierContext,
  request: Request,
  options: { now?: Date; db?: Db; ip?: string | null; policy?: EvidencePolicy; dataDir?: string } = {},
): Promise<UploadOutcome> {
  const db = options.db ?? getDb();
  const policy = options.policy ?? evidencePolicy();
  const receipt = await receiveUnderPolicy(request, policy, options.dataDir);
  if (receipt.kind === "refused") return { questionId: null, accepted: [], refused: [], error: { status: receipt.status, code: receipt.code } };
  const received = receipt.upload;
  const questionId = received.fields.questionId ?? "";
  const state = loadPortalState(ctx, { now: options.now, db });
  const found = findQuestion(state.questionnaire, questionId);
  const failWhole = async (status: number, code: UploadErrorCode): Promise<UploadOutcome> => {
    await removeStoredFiles(received.files);
    return { questionId: found ? questionId : null, accepted: [], refused: [], error: { status, code } };
  };
  if (!found || !takesEvidence(found.question)) return failWhole(400, "question");
  if (!canEdit(state, questionId)) return failWhole(409, "locked");
  if (received.files.length === 0) return failWhole(400, "no-file");

  const now = options.now ?? new Date();
  const outcome: UploadOutcome = { questionId, accepted: [], refused: [], error: null };
  for (const file of received.files) {
    const verdict = await inspectUpload(file.path, file.clientName, file.size, policy.kinds);
    const name = cleanFileName(file.clientName, verdict.ok ? verdict.kind : kindOfExtension(file.clientName, policy.kinds));
    if (!verdict.ok) {
      await unlink(file.path).catch(() => undefined);
      outcome.refused.push({ name, code: verdict.reason });
      continue;
    }
    const id = newId();
    insertEvidenceFile(db, {
      id,
      orgId: ctx.assessment.orgId,
      assessmentId: ctx.assessment.id,
      questionId,
      storageName: file.storageName,
      originalName: name,
      mimeType: verdict.mime,
      sizeBytes: file.size,
      sha256: file.sha256,
      uploadedByContactId: ctx.session.contactId,
      createdAt: now,
    });
    outcome.accepted.push({ id, name, size: file.size });
  }
  if (outcome.accepted.length > 0) refreshProgress(ctx, { now, db });
  recordAudit(
    {
      orgId: ctx.assessment.orgId,
      actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
      action: outcome.accepted.length > 0 ? "evidence.uploaded" : "evidence.refused",
      target: { type: "assessment", id: ctx.assessment.id },
      ip: options.ip ?? null,
      details: { questionId, accepted: outcome.accepted.map((a) => a.id), refused: outcome.refused.map((r) => r.code) },
      at: now,
    },
    db,
  );
  return outcome;
}

export function listEvidenceForSupplier(ctx: SupplierContext, db: Db = getDb()): EvidenceFileRow[] {
  return listEvidenceFiles(db, ctx.assessment.orgId, ctx.assessment.id);
}

/** The session's own file, or undefined (the route answers 404). */
export function findSupplierEvidence(ctx: SupplierContext, fileId: string, db: Db = getDb()): EvidenceFileRow | undefined {
  return findEvidenceFile(db, ctx.assessment.orgId, ctx.assessment.id, fileId);
}

export type DeleteOutcome = { kind: "deleted"; questionId: string } | { kind: "not-found" } | { kind: "locked"; questionId: string };

export async function deleteEvidence(
  ctx: SupplierContext,
  fileId: string,
  options: { now?: Date; db?: Db; ip?: string | null; dataDir?: string } = {},
): Promise<DeleteOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const file = findSupplierEvidence(ctx, fileId, db);
  if (!file) return { kind: "not-found" };
  const state = loadPortalState(ctx, { now, db });
  if (!canEdit(state, file.questionId)) return { kind: "locked", questionId: file.questionId };
  if (!markEvidenceFileDeleted(db, ctx.assessment.orgId, ctx.assessment.id, file.id, now)) return { kind: "not-found" };
  await unlink(evidencePath(file.storageName, options.dataDir)).catch(() => undefined);
  refreshProgress(ctx, { now, db });
  recordAudit(
    {
      orgId: ctx.assessment.orgId,
      actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
      action: "evidence.deleted",
      target: { type: "evidence", id: file.id },
      ip: options.ip ?? null,
      details: { questionId: file.questionId },
      at: now,
    },
    db,
  );
  return { kind: "deleted", questionId: file.questionId };
}
