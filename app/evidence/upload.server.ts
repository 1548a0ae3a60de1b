/**
 * Streaming evidence uploads (SECURITY.md rows 21–23). The multipart body is parsed with busboy
 * as it arrives and every file goes straight to `DATA_DIR/evidence/<random>` (mode 0600), its
 * SHA-256 computed on the way; nothing is held whole in memory. Sizes are enforced while
 * streaming — the request, each file, the number of parts — and anything refused is removed
 * from disk before the answer goes out.
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { unlink } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { getEnv } from "~/config/env.server";
import { log } from "~/log.server";
import { generateToken } from "~/security/tokens.server";

export interface ReceivedFile {
  fieldName: string;
  /** The name the browser sent, untrusted and uncleaned. */
  clientName: string;
  storageName: string;
  path: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

export class UploadRejectedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 503 | 507,
    readonly reason: "too-large" | "too-many-parts" | "not-multipart" | "malformed" | "storage",
  ) {
    super(reason);
  }
}

/**
 * The evidence store could not take the file (disk full, read-only, gone): the server's problem,
 * not the supplier's file. Logged for the operator; the supplier is told to try later.
 */
function storageFailure(error: unknown): UploadRejectedError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !/^(ENOSPC|EDQUOT|EROFS|EACCES|EPERM|ENOENT|ENOTDIR|EIO)$/.test(code)) return undefined;
  log("error", "evidence store refused an upload", { code });
  return new UploadRejectedError(code === "ENOSPC" || code === "EDQUOT" ? 507 : 503, "storage");
}

export const UPLOAD_PART_LIMITS = { files: 10, fields: 20, parts: 30, fieldSize: 16 * 1024 };
/** Room for multipart boundaries and the small fields beside the file bytes. */
const REQUEST_OVERHEAD = 1024 * 1024;

export function evidenceDir(dataDir: string = getEnv().DATA_DIR): string {
  return path.join(dataDir, "evidence");
}

export function evidencePath(storageName: string, dataDir?: string): string {
  if (!/^[a-z2-7]{20,64}$/.test(storageName)) throw new Error("invalid storage name");
  return path.join(evidenceDir(dataDir), storageName);
}

export async function removeStoredFiles(files: readonly { path: string }[]): Promise<void> {
  await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
}

/** Counts bytes and hashes them as they pass; fails the pipeline past `limit`. */
class Metered extends Transform {
  size = 0;
  readonly hash = createHash("sha256");
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.limit) {
      callback(new UploadRejectedError(413, "too-large"));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Parses a multipart request, streaming files to disk. Throws UploadRejectedError (413 when a
 * file or the request is larger than `maxBytes`) after removing whatever it had written.
 */
export async function receiveUpload(
  request: Request,
  options: { maxBytes: number; dataDir?: string },
): Promise<ReceivedUpload> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new UploadRejectedError(415, "not-multipart");
  }
  const requestLimit = options.maxBytes + REQUEST_OVERHEAD;
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  if (Number.isFinite(declared) && declared > requestLimit) {
    await request.body.cancel().catch(() => undefined);
    throw new UploadRejectedError(413, "too-large");
  }
  const dir = evidenceDir(options.dataDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    await request.body.cancel().catch(() => undefined);
    throw storageFailure(error) ?? error;
  }

  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  let failure: UploadRejectedError | undefined;

  const parser = busboy({
    headers: { "content-type": contentType },
    limits: { ...UPLOAD_PART_LIMITS, fileSize: options.maxBytes },
    defParamCharset: "utf8",
  });

  const active = new Set<Readable>();
  const body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
  /** The first failure wins; past a size limit, reading stops at once (the rest is never read). */
  const fail = (error: UploadRejectedError) => {
    failure ??= error;
    if (error.status === 413) {
      for (const stream of active) stream.destroy(error);
      body.destroy(error);
    }
  };

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) fail(new UploadRejectedError(400, "malformed"));
    else fields[name] = value;
  });
  parser.on("file", (fieldName, stream, info) => {
    if (failure || !info.filename) {
      stream.resume();
      return;
    }
    const storageName = generateToken();
    const filePath = path.join(dir, storageName);
    const received: ReceivedFile = { fieldName, clientName: info.filename, storageName, path: filePath, size: 0, sha256: "" };
    files.push(received);
    active.add(stream);
    stream.on("close", () => active.delete(stream));
    // busboy truncates at fileSize and emits "limit": the upload is refused, not cut short.
    stream.on("limit", () => {
      fail(new UploadRejectedError(413, "too-large"));
      stream.destroy(new UploadRejectedError(413, "too-large"));
    });
    const meter = new Metered(options.maxBytes);
    writes.push(
      pipeline(stream, meter, createWriteStream(filePath, { flags: "wx", mode: 0o600 })).then(
        () => {
          received.size = meter.size;
          received.sha256 = meter.hash.digest("hex");
        },
        (error: unknown) => {
          fail(error instanceof UploadRejectedError ? error : (storageFailure(error) ?? new UploadRejectedError(400, "malformed")));
        },
      ),
    );
  });
  parser.on("partsLimit", () => fail(new UploadRejectedError(413, "too-many-parts")));
  parser.on("filesLimit", () => fail(new UploadRejectedError(413, "too-many-parts")));
  parser.on("fieldsLimit", () => fail(new UploadRejectedError(413, "too-many-parts")));

  const total = new Metered(requestLimit);
  try {
    await pipeline(body, total, parser);
  } catch (error) {
    fail(error instanceof UploadRejectedError ? error : new UploadRejectedError(400, "malformed"));
    for (const stream of active) stream.destroy();
  }
  await Promise.all(writes);
  if (failure) {
    await removeStoredFiles(files);
    throw failure;
  }
  return { fields, files };
}
