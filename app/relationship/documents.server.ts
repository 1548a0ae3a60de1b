/**
 * Documents of a supplier relationship that belong to no assessment (the signed agreement a
 * review checked, the supplier's deletion confirmation), received and served by the evidence
 * helpers (app/evidence/): streamed to disk, content-checked against the allow-list, downloaded
 * only as an attachment through an authorised route. Never deleted.
 */
import { unlink } from "node:fs/promises";
import { getDb, type Db } from "#db/client";
import { insertSupplierDocument, type SupplierDocumentRow } from "#db/repos/relationship";
import { evidencePolicy, receiveUnderPolicy, type EvidencePolicy, type UploadErrorCode } from "~/evidence/evidence.server";
import { cleanFileName, inspectUpload, kindOfExtension } from "~/evidence/file-checks.server";
import { removeStoredFiles } from "~/evidence/upload.server";
import { newId } from "~/security/tokens.server";

export type DocumentUpload =
  | { kind: "ok"; documentId: string; name: string; fields: Record<string, string> }
  | { kind: "refused"; status: number; code: UploadErrorCode; name: string | null; fields: Record<string, string> };

/** Receives one file (field "file"; any more are dropped) as a document of the supplier; the form's other fields come back. */
export async function receiveSupplierDocument(
  request: Request,
  input: { orgId: string; supplierId: string; kind: SupplierDocumentRow["kind"]; userId?: string; contactId?: string },
  options: { db?: Db; now?: Date; policy?: EvidencePolicy; dataDir?: string } = {},
): Promise<DocumentUpload> {
  const db = options.db ?? getDb();
  const policy = options.policy ?? evidencePolicy();
  const receipt = await receiveUnderPolicy(request, policy, options.dataDir);
  if (receipt.kind === "refused") return { kind: "refused", status: receipt.status, code: receipt.code, name: null, fields: {} };
  const received = receipt.upload;
  const [file, ...extra] = received.files;
  await removeStoredFiles(extra);
  if (!file) return { kind: "refused", status: 400, code: "no-file", name: null, fields: received.fields };
  const verdict = await inspectUpload(file.path, file.clientName, file.size, policy.kinds);
  const name = cleanFileName(file.clientName, verdict.ok ? verdict.kind : kindOfExtension(file.clientName, policy.kinds));
  if (!verdict.ok) {
    await unlink(file.path).catch(() => undefined);
    return { kind: "refused", status: 422, code: verdict.reason, name, fields: received.fields };
  }
  const documentId = newId();
  insertSupplierDocument(db, {
    id: documentId,
    orgId: input.orgId,
    supplierId: input.supplierId,
    kind: input.kind,
    storageName: file.storageName,
    originalName: name,
    mimeType: verdict.mime,
    sizeBytes: file.size,
    sha256: file.sha256,
    uploadedByUserId: input.userId ?? null,
    uploadedByContactId: input.contactId ?? null,
    createdAt: options.now ?? new Date(),
  });
  return { kind: "ok", documentId, name, fields: received.fields };
}
