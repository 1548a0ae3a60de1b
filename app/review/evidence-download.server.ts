/**
 * Staff download of a supplier's evidence file (SECURITY.md row 24): only through this authorised
 * route, scoped to the staff member's organisation and the assessment, served by the evidence
 * store's own download helper (verified type, attachment with an RFC 6266 file name, nosniff,
 * no caching, sandboxing CSP). Every download is audited.
 */
import { getDb, type Db } from "#db/client";
import { findAssessment, findEvidenceFile } from "#db/repos/reviews";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { streamEvidenceDownload } from "~/evidence/download.server";
import { notFound } from "~/http/errors.server";

export async function downloadEvidence(
  staff: StaffContext,
  input: { assessmentId: string; fileId: string },
  meta: { ip?: string | null; db?: Db; now?: Date } = {},
): Promise<Response> {
  const db = meta.db ?? getDb();
  const orgId = staff.organisation.id;
  if (!findAssessment(db, orgId, input.assessmentId)) notFound();
  const file = findEvidenceFile(db, orgId, input.assessmentId, input.fileId);
  if (!file) notFound();
  const response = await streamEvidenceDownload(file);
  recordAudit(
    {
      orgId,
      actor: { type: "staff", id: staff.user.id, label: staff.user.name },
      action: "evidence.downloaded",
      target: { type: "assessment", id: input.assessmentId },
      ip: meta.ip,
      at: meta.now,
      details: { fileId: file.id, fileName: file.originalName, questionId: file.questionId },
    },
    db,
  );
  return response;
}
