import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { assessments, evidenceFiles } from "#db/schema";
import { getEnv } from "~/config/env.server";
import { contentDisposition, streamEvidenceDownload } from "~/evidence/download.server";
import { uploadEvidence } from "~/evidence/evidence.server";
import { evidenceDir } from "~/evidence/upload.server";
import { action as uploadAction } from "~/routes/s.evidence";
import { action as fileAction, loader as fileLoader } from "~/routes/s.evidence.$fileId";
import { validateSupplierSessionToken } from "~/supplier-portal/supplier-session.server";
import { executableBytes, tinyPdf, zipBombXlsx } from "./files";
import { context, get, openPortal, ORIGIN, post, run, type Portal } from "./support";

function form(questionId: string, files: { name: string; bytes: Buffer | string; type?: string }[]): FormData {
  const data = new FormData();
  data.append("questionId", questionId);
  for (const f of files) data.append("file", new Blob([typeof f.bytes === "string" ? f.bytes : new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return data;
}

const upload = (portal: Portal, body: FormData, json = true) =>
  run(() => uploadAction({ request: post("/s/evidence", body, portal.cookie, json ? { Accept: "application/json" } : {}), params: {}, context }));

const storedFiles = () => {
  try {
    return readdirSync(evidenceDir(getEnv().DATA_DIR));
  } catch {
    return [];
  }
};

const rows = (assessmentId: string) => getDb().select().from(evidenceFiles).where(eq(evidenceFiles.assessmentId, assessmentId)).all();

let portal: Portal;
beforeEach(() => {
  portal = openPortal();
});

describe("evidence upload", () => {
  it("accepts a real PDF: stored under a random name, mode 0600, SHA-256 recorded", async () => {
    const pdf = tinyPdf();
    const before = storedFiles().length;
    const result = await upload(portal, form("insurance-proof", [{ name: "Forsikringspolice 2026.pdf", bytes: pdf, type: "application/pdf" }]));
    expect(result.status).toBe(200);
    const [row] = rows(portal.assessment.id);
    expect(row).toMatchObject({ originalName: "Forsikringspolice 2026.pdf", mimeType: "application/pdf", sizeBytes: pdf.length, questionId: "insurance-proof" });
    const { createHash } = await import("node:crypto");
    expect(row!.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(row!.storageName).toMatch(/^[a-z2-7]{32}$/);
    const onDisk = path.join(evidenceDir(getEnv().DATA_DIR), row!.storageName);
    expect(statSync(onDisk).mode & 0o777).toBe(0o600);
    expect(storedFiles().length).toBe(before + 1);
  });

  it.each([
    ["HTML renamed .pdf", "rapport.pdf", "<!doctype html><html><script>alert(1)</script></html>", "mismatch"],
    ["an SVG", "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "type"],
    ["an SVG renamed .txt", "notes.txt", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "markup"],
    ["HTML renamed .csv", "data.csv", "<html><body>hi</body></html>", "markup"],
    ["a renamed executable", "politik.pdf", executableBytes(), "mismatch"],
    ["a PDF renamed .docx", "politik.docx", tinyPdf(), "mismatch"],
    ["a binary file called .txt", "readme.txt", Buffer.from([0, 1, 2, 3, 0, 0, 0, 0]), "type"],
    ["an empty file", "empty.pdf", Buffer.alloc(0), "empty"],
  ])("refuses %s and leaves nothing behind", async (_name, fileName, bytes, code) => {
    const before = storedFiles();
    const result = await upload(portal, form("insurance-proof", [{ name: fileName, bytes }]));
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ accepted: [], refused: [{ code }] });
    expect(storedFiles()).toEqual(before);
    expect(rows(portal.assessment.id)).toHaveLength(0);
  });

  it("refuses a zip bomb dressed as .xlsx, and accepts a real .xlsx", async () => {
    const before = storedFiles();
    const bomb = await upload(portal, form("insurance-proof", [{ name: "budget.xlsx", bytes: zipBombXlsx(40) }]));
    expect(bomb.data).toMatchObject({ refused: [{ code: "zip" }] });
    expect(storedFiles()).toEqual(before);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ark1").addRow(["Leverandør", "Dato"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const real = await upload(portal, form("insurance-proof", [{ name: "oversigt.xlsx", bytes: xlsx }]));
    expect(real.status).toBe(200);
    expect(rows(portal.assessment.id)[0]?.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("keeps '../../x.pdf' inside the store; the cleaned name lives only in the database", async () => {
    const result = await upload(portal, form("insurance-proof", [{ name: "../../x.pdf", bytes: tinyPdf() }]));
    expect(result.status).toBe(200);
    const [row] = rows(portal.assessment.id);
    expect(row!.originalName).toBe("x.pdf");
    const dir = evidenceDir(getEnv().DATA_DIR);
    expect(readdirSync(dir)).toContain(row!.storageName);
    expect(readdirSync(path.resolve(dir, "..", ".."))).not.toContain("x.pdf");
    const long = await upload(portal, form("insurance-proof", [{ name: `${"å".repeat(300)}\u202e.pdf`, bytes: tinyPdf() }]));
    expect(long.status).toBe(200);
    const names = rows(portal.assessment.id).map((r) => r.originalName);
    expect(names.find((n) => n.startsWith("å"))!.length).toBeLessThanOrEqual(150);
    expect(names.find((n) => n.startsWith("å"))).not.toContain("\u202e");
  });

  it("stops an oversize upload mid-stream with 413 and nothing on disk", async () => {
    const maxBytes = 256 * 1024;
    const total = 8 * 1024 * 1024;
    const boundary = "----lt-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="questionId"\r\n\r\ninsurance-proof\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(head);
          sent += head.length;
          return;
        }
        if (sent >= total) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const request = new Request(`${ORIGIN}/s/evidence`, {
      // Node's fetch needs duplex for a streamed body.
      method: "POST",
      body,
      duplex: "half",
      headers: { Origin: ORIGIN, Cookie: portal.cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });
    const before = storedFiles();
    const ctx = validateSupplierSessionToken(portal.cookie.split("=")[1]!)!;
    const outcome = await uploadEvidence(ctx, request, { policy: { maxBytes, kinds: ["pdf"] } });
    expect(outcome.error).toEqual({ status: 413, code: "too-large" });
    expect(sent).toBeLessThan(total / 2);
    expect(storedFiles()).toEqual(before);
    expect(rows(portal.assessment.id)).toHaveLength(0);
  });

  it("refuses a declared Content-Length over the limit before reading, and a question that takes no evidence", async () => {
    const big = post("/s/evidence", form("insurance-proof", [{ name: "a.pdf", bytes: tinyPdf() }]), portal.cookie, {
      Accept: "application/json",
      "Content-Length": String(500 * 1024 * 1024),
    });
    const result = await run(() => uploadAction({ request: big, params: {}, context }));
    expect(result.status).toBe(413);
    const wrong = await upload(portal, form("security-contact", [{ name: "a.pdf", bytes: tinyPdf() }]));
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ error: { code: "question" } });
  });

  it("without JavaScript, redirects back to the question with the outcome", async () => {
    const result = await upload(portal, form("insurance-proof", [{ name: "p.pdf", bytes: tinyPdf() }]), false);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/s/themes/cyber-insurance?uq=insurance-proof&ev=ok&name=p.pdf#q-insurance-proof");
    const refused = await upload(portal, form("insurance-proof", [{ name: "p.pdf", bytes: executableBytes() }]), false);
    expect(refused.headers.get("Location")).toContain("ev=mismatch");
  });
});

describe("evidence download and removal", () => {
  it("serves the session's own file as an attachment with safe headers", async () => {
    await upload(portal, form("insurance-proof", [{ name: "Sikkerhedspolitik ÆØÅ.pdf", bytes: tinyPdf() }]));
    const [row] = rows(portal.assessment.id);
    const result = await run(() => fileLoader({ request: get(`/s/evidence/${row!.id}`, portal.cookie), params: { fileId: row!.id }, context }));
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Disposition")).toBe(contentDisposition("Sikkerhedspolitik ÆØÅ.pdf"));
    expect(result.headers.get("Content-Disposition")).toContain("filename*=UTF-8''Sikkerhedspolitik%20%C3%86%C3%98%C3%85.pdf");
    expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Sikkerhedspolitik AEOEA\.pdf"; /);
    expect(result.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    expect(result.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
    expect(result.headers.get("Content-Type")).toBe("application/pdf");
    const direct = await streamEvidenceDownload(row!);
    expect(Buffer.from(await direct.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("another assessment's file is not found, to download or to remove", async () => {
    await upload(portal, form("insurance-proof", [{ name: "a.pdf", bytes: tinyPdf() }]));
    const [row] = rows(portal.assessment.id);
    const other = openPortal();
    const read = await run(() => fileLoader({ request: get(`/s/evidence/${row!.id}`, other.cookie), params: { fileId: row!.id }, context }));
    expect(read.status).toBe(404);
    const remove = await run(() => fileAction({ request: post(`/s/evidence/${row!.id}`, { intent: "delete" }, other.cookie), params: { fileId: row!.id }, context }));
    expect(remove.status).toBe(404);
    expect(rows(portal.assessment.id)[0]?.deletedAt).toBeNull();
  });

  it("removes a file before submitting (row marked, bytes gone), but not after", async () => {
    await upload(portal, form("insurance-proof", [{ name: "a.pdf", bytes: tinyPdf() }]));
    const [row] = rows(portal.assessment.id);
    const removed = await run(() => fileAction({ request: post(`/s/evidence/${row!.id}`, { intent: "delete" }, portal.cookie), params: { fileId: row!.id }, context }));
    expect(removed.status).toBe(303);
    expect(rows(portal.assessment.id)[0]?.deletedAt).toBeInstanceOf(Date);
    expect(storedFiles()).not.toContain(row!.storageName);

    await upload(portal, form("insurance-proof", [{ name: "b.pdf", bytes: tinyPdf() }]));
    const kept = rows(portal.assessment.id).find((r) => r.deletedAt === null)!;
    getDb().update(assessments).set({ status: "submitted" }).where(eq(assessments.id, portal.assessment.id)).run();
    const locked = await run(() => fileAction({ request: post(`/s/evidence/${kept.id}`, { intent: "delete" }, portal.cookie, { Accept: "application/json" }), params: { fileId: kept.id }, context }));
    expect(locked.status).toBe(409);
    expect(storedFiles()).toContain(kept.storageName);
    const lateUpload = await upload(portal, form("insurance-proof", [{ name: "c.pdf", bytes: tinyPdf() }]));
    expect(lateUpload.status).toBe(409);
  });
});
