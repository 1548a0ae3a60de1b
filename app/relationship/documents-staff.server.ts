/** Staff side of the relationship's documents: uploading the signed agreement, downloading any document (audited). */
import { getDb, type Db } from "#db/client";
import { findSupplierDocument } from "#db/repos/relationship";
import type { SupplierRow } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { streamEvidenceDownload } from "~/evidence/download.server";
import { notFound } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { receiveSupplierDocument } from "./documents.server";
import type { UploadNotice } from "./document-upload";

const actor = (staff: StaffContext) => ({ type: "staff" as const, id: staff.user.id, label: staff.user.name });

export async function uploadAgreement(
  staff: StaffContext,
  supplier: SupplierRow,
  request: Request,
  ip: string,
  options: { db?: Db; now?: Date; dataDir?: string } = {},
): Promise<UploadNotice & { status: number }> {
  const db = options.db ?? getDb();
  if (supplier.archivedAt) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, code: "locked", name: null, status: 409 };
  }
  const orgId = staff.organisation.id;
  const received = await receiveSupplierDocument(request, { orgId, supplierId: supplier.id, kind: "agreement", userId: staff.user.id }, { db, now: options.now, dataDir: options.dataDir });
  if (received.kind === "refused") return { ok: false, code: received.code, name: received.name, status: received.status };
  recordAudit(
    { orgId, actor: actor(staff), action: "supplier.document.uploaded", target: { type: "supplier", id: supplier.id }, ip, details: { documentId: received.documentId, kind: "agreement", name: received.name }, at: options.now },
    db,
  );
  return { ok: true, name: received.name, status: 200 };
}

export async function downloadSupplierDocument(staff: StaffContext, supplierId: string, documentId: string, ip: string, db: Db = getDb()): Promise<Response> {
  const orgId = staff.organisation.id;
  const document = RECORD_ID.test(documentId) ? findSupplierDocument(db, orgId, supplierId, documentId) : undefined;
  if (!document) notFound();
  const response = await streamEvidenceDownload(document);
  recordAudit(
    { orgId, actor: actor(staff), action: "supplier.document.downloaded", target: { type: "supplier", id: supplierId }, ip, details: { documentId, kind: document.kind, name: document.originalName } },
    db,
  );
  return response;
}
