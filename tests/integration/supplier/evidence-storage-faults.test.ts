/**
 * The evidence store failing under an upload: a full disk and a read-only store (a real tmpfs
 * mounted over DATA_DIR/evidence; read-only by remounting, which holds even for root). The upload
 * fails with a clear, localised message, and no file or row is left half-written.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { auditLog, evidenceFiles } from "#db/schema";
import { getEnv } from "~/config/env.server";
import { evidenceDir } from "~/evidence/upload.server";
import { getTranslator } from "~/i18n/translate";
import { action as uploadAction } from "~/routes/s.evidence";
import { tinyPdf } from "./files";
import { context, openPortal, post, run, type Portal } from "./support";

const store = () => evidenceDir(getEnv().DATA_DIR);

/** Mounting needs root (CI runs as root); elsewhere the reason is printed and the tests skip. */
let mounted = false;
let cannotMount = "";
beforeAll(() => {
  mkdirSync(store(), { recursive: true, mode: 0o700 });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", store()], { stdio: "pipe" });
    mounted = true;
  } catch (error) {
    cannotMount = String((error as { stderr?: Buffer }).stderr ?? error);
    console.warn(`evidence storage fault tests skipped: cannot mount a tmpfs here (${cannotMount.trim()})`);
  }
});
afterAll(() => {
  if (mounted) execFileSync("umount", [store()]);
});

function form(bytes: Buffer): FormData {
  const data = new FormData();
  data.append("questionId", "insurance-proof");
  data.append("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "Forsikringspolice.pdf");
  return data;
}

const upload = (portal: Portal, bytes: Buffer) =>
  run(() => uploadAction({ request: post("/s/evidence", form(bytes), portal.cookie, { Accept: "application/json" }), params: {}, context }));

/** A real PDF of about `bytes` bytes (the content check must pass, so only the disk can refuse). */
function pdfOfSize(bytes: number): Buffer {
  const base = tinyPdf();
  return Buffer.concat([base, Buffer.from(`\n%${"x".repeat(Math.max(0, bytes - base.length - 2))}\n`)]);
}

let portal: Portal;
beforeEach(() => {
  portal = openPortal();
});

describe("evidence store faults", () => {
  it("a full disk: 507 with a localised message, no partial file, no row, nothing audited as uploaded", async (ctx) => {
    if (!mounted) ctx.skip();
    const small = await upload(portal, pdfOfSize(10_000));
    expect(small.status).toBe(200);
    const before = readdirSync(store());

    const result = await upload(portal, pdfOfSize(600_000));
    expect(result.status).toBe(507);
    expect(result.data).toMatchObject({ error: { code: "storage" } });
    expect(readdirSync(store())).toEqual(before);
    expect(getDb().select().from(evidenceFiles).where(eq(evidenceFiles.assessmentId, portal.assessment.id)).all()).toHaveLength(1);
    expect(getTranslator("da")("supplier.evidence.error.storage")).toContain("kunne ikke gemmes");
    expect(getTranslator("en")("supplier.evidence.error.storage")).toContain("could not be stored");
  });

  it("a read-only store: 503 with the same message, nothing written; works again once writable", async (ctx) => {
    if (!mounted) ctx.skip();
    const before = readdirSync(store());
    const auditBefore = getDb().select().from(auditLog).all().length;
    execFileSync("mount", ["-o", "remount,ro", store()]);
    try {
      const result = await upload(portal, pdfOfSize(1_000));
      expect(result.status).toBe(503);
      expect(result.data).toMatchObject({ error: { code: "storage" } });
    } finally {
      execFileSync("mount", ["-o", "remount,rw", store()]);
    }
    expect(readdirSync(store())).toEqual(before);
    expect(getDb().select().from(evidenceFiles).where(eq(evidenceFiles.assessmentId, portal.assessment.id)).all()).toHaveLength(0);
    expect(getDb().select().from(auditLog).all().length).toBe(auditBefore);

    const again = await upload(portal, pdfOfSize(1_000));
    expect(again.status).toBe(200);
  });
});
