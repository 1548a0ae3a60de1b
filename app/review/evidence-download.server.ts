/**
 * Staff download of a supplier's evidence file (SECURITY.md row 24): only through this authorised
 * route, scoped to the staff member's organisation and the assessment; the verified type,
 * `Content-Disposition: attachment` with an RFC 6266 file name, `nosniff`,
 * `Cache-Control: private, no-store` and `Content-Security-Policy: sandbox`. Every download is
 * audited. A PDF or image may be shown inline (same headers, sandboxed) for a preview.
 */
import { createReadableStreamFromReadable } from "@remix-run/node";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { getDb, type Db } from "#db/client";
import { findAssessment, findEvidenceFile, type EvidenceFileRow } from "#db/repos/reviews";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { notFound } from "~/http/errors.server";

/** Types a browser may show inline in a sandbox; everything else is always an attachment. */
export const PREVIEWABLE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg"]);

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const cleaned = fileName.replace(/[\r\n"\\/]/g, "_").slice(0, 200) || "file";
  const ascii = cleaned.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function evidencePath(file: Pick<EvidenceFileRow, "storageName">): string {
  return path.join(getEnv().DATA_DIR, "evidence", path.basename(file.storageName));
}

export function downloadEvidence(
  staff: StaffContext,
  input: { assessmentId: string; fileId: string; inline: boolean },
  meta: { ip?: string | null; db?: Db; now?: Date } = {},
): Response {
  const db = meta.db ?? getDb();
  const orgId = staff.organisation.id;
  if (!findAssessment(db, orgId, input.assessmentId)) notFound();
  const file = findEvidenceFile(db, orgId, input.assessmentId, input.fileId);
  if (!file) notFound();
  const location = evidencePath(file);
  if (!existsSync(location)) notFound();
  const inline = input.inline && PREVIEWABLE_TYPES.has(file.mimeType);
  recordAudit(
    {
      orgId,
      actor: { type: "staff", id: staff.user.id, label: staff.user.name },
      action: "evidence.downloaded",
      target: { type: "assessment", id: input.assessmentId },
      ip: meta.ip,
      at: meta.now,
      details: { fileId: file.id, fileName: file.originalName, questionId: file.questionId, inline },
    },
    db,
  );
  return new Response(createReadableStreamFromReadable(createReadStream(location)), {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "sandbox",
      "Referrer-Policy": "no-referrer",
    },
  });
}
