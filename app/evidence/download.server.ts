/**
 * Serving an evidence file (SECURITY.md row 24). Only ever from an authorised route: the supplier
 * portal for the session's own files, and the reviewer's routes for their organisation's files.
 * The response is a download, never a page: the verified type, `Content-Disposition: attachment`
 * with an RFC 6266 file name, nosniff, no caching, and a sandboxing CSP in case a browser renders
 * it anyway.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { EvidenceFileRow } from "#db/repos/evidence";
import { notFound } from "~/http/errors.server";
import { evidencePath } from "./upload.server";

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .replace(/Æ/g, "AE")
    .replace(/æ/g, "ae")
    .replace(/Ø/g, "OE")
    .replace(/ø/g, "oe")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_")
    .replace(/[%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function evidenceDownloadHeaders(file: Pick<EvidenceFileRow, "mimeType" | "originalName">, size: number): Headers {
  return new Headers({
    "Content-Type": file.mimeType,
    "Content-Length": String(size),
    "Content-Disposition": contentDisposition(file.originalName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
}

/**
 * Streams a stored evidence file as a download. The caller has already authorised `file` (found
 * it with a query scoped to the organisation, and for suppliers to the assessment). A missing
 * file on disk is a 404.
 */
export async function streamEvidenceDownload(file: Pick<EvidenceFileRow, "storageName" | "mimeType" | "originalName">, dataDir?: string): Promise<Response> {
  const filePath = evidencePath(file.storageName, dataDir);
  const info = await stat(filePath).catch(() => null);
  if (!info?.isFile()) notFound();
  const body = createReadableStreamFromReadable(createReadStream(filePath));
  return new Response(body, { status: 200, headers: evidenceDownloadHeaders(file, info.size) });
}
