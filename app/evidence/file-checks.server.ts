/**
 * Deciding whether an uploaded file is what it claims to be (SECURITY.md row 22): the type from
 * the content (magic bytes, file-type) and the extension of the name must both be on the
 * allow-list and agree. Office files (zip containers) are checked for entry count and
 * uncompressed size without extracting them (zip bombs). Text types have no magic bytes: they
 * must look like text and must not be markup (an HTML or SVG page renamed .txt is refused).
 */
import { open } from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import yauzl from "yauzl";

export const EVIDENCE_KINDS = {
  pdf: { mime: "application/pdf", extensions: ["pdf"], detected: "pdf" },
  png: { mime: "image/png", extensions: ["png"], detected: "png" },
  jpg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], detected: "jpg" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], detected: "docx" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], detected: "xlsx" },
  txt: { mime: "text/plain; charset=utf-8", extensions: ["txt"], detected: null },
  csv: { mime: "text/csv; charset=utf-8", extensions: ["csv"], detected: null },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

export function isEvidenceKind(value: string): value is EvidenceKind {
  return Object.hasOwn(EVIDENCE_KINDS, value);
}

/** The configured allow-list (UPLOAD_ALLOWED_TYPES), unknown names ignored. */
export function allowedKinds(setting: string): EvidenceKind[] {
  return setting
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .map((s) => (s === "jpeg" ? "jpg" : s))
    .filter(isEvidenceKind);
}

/** The extensions a file input may accept, e.g. ".pdf,.png". */
export function acceptAttribute(kinds: readonly EvidenceKind[]): string {
  return kinds.flatMap((k) => EVIDENCE_KINDS[k].extensions.map((e) => `.${e}`)).join(",");
}

export function kindOfExtension(fileName: string, allowed: readonly EvidenceKind[]): EvidenceKind | null {
  const dot = fileName.lastIndexOf(".");
  if (dot === -1) return null;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return allowed.find((k) => (EVIDENCE_KINDS[k].extensions as readonly string[]).includes(extension)) ?? null;
}

export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxTotalUncompressed: 256 * 1024 * 1024,
  /** Compression ratio above which a large entry is treated as a bomb. */
  maxRatio: 100,
  ratioAppliesAbove: 1024 * 1024,
};

export type RejectReason = "type" | "mismatch" | "zip" | "empty" | "markup";

async function checkZip(path: string): Promise<boolean> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    if (zip.entryCount > ZIP_LIMITS.maxEntries) return false;
    const z = zip;
    return await new Promise<boolean>((resolve) => {
      let total = 0;
      z.on("entry", (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : Number.POSITIVE_INFINITY;
        if (
          total > ZIP_LIMITS.maxTotalUncompressed ||
          (entry.uncompressedSize > ZIP_LIMITS.ratioAppliesAbove && ratio > ZIP_LIMITS.maxRatio) ||
          entry.fileName.includes("..") ||
          entry.isEncrypted()
        ) {
          resolve(false);
          return;
        }
        z.readEntry();
      });
      z.on("end", () => resolve(true));
      z.on("error", () => resolve(false));
      z.readEntry();
    });
  } catch {
    return false;
  } finally {
    zip?.close();
  }
}

/** Text: no NUL or control bytes besides tab/CR/LF/FF, and not a markup document. */
async function checkText(path: string): Promise<RejectReason | null> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    for (const byte of head) {
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return "type";
      if (byte === 0x7f) return "type";
    }
    const text = head.toString("latin1").replace(/^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
    if (text.startsWith("<") || /<(script|html|svg|iframe|body)\b/.test(text)) return "markup";
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * The verdict for a stored upload: its kind and MIME type, or why it is refused. `name` is the
 * original file name (only its extension is used).
 */
export async function inspectUpload(
  path: string,
  name: string,
  size: number,
  allowed: readonly EvidenceKind[],
): Promise<{ ok: true; kind: EvidenceKind; mime: string } | { ok: false; reason: RejectReason }> {
  if (size === 0) return { ok: false, reason: "empty" };
  const kind = kindOfExtension(name, allowed);
  const detected = await fileTypeFromFile(path).catch(() => undefined);
  if (!kind) return { ok: false, reason: "type" };
  const expected = EVIDENCE_KINDS[kind].detected;
  if (expected === null) {
    if (detected) return { ok: false, reason: "mismatch" };
    const text = await checkText(path);
    if (text) return { ok: false, reason: text };
  } else {
    if (!detected) return { ok: false, reason: "mismatch" };
    if (detected.ext !== expected) return { ok: false, reason: "mismatch" };
    if ((kind === "docx" || kind === "xlsx") && !(await checkZip(path))) return { ok: false, reason: "zip" };
  }
  return { ok: true, kind, mime: EVIDENCE_KINDS[kind].mime };
}

/**
 * The original name as kept in the database only: no directories, no control or reserved
 * characters, at most 150 characters with the extension kept.
 */
export function cleanFileName(raw: string, kind: EvidenceKind | null): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+/, "")
    .trim();
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot) : "";
  if (name.length > 150) name = name.slice(0, Math.max(1, 150 - extension.length)) + extension.slice(0, 20);
  if (name === "" || name === extension) name = `file${kind ? `.${EVIDENCE_KINDS[kind].extensions[0]}` : ""}`;
  return name;
}
