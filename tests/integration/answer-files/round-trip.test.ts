import { and, eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeSupplier } from "#db/factories/core";
import { makeSubmittedAssessment } from "#db/factories/review";
import { answers, auditLog } from "#db/schema";
import { loader as exportJson } from "~/routes/s.answers[.]json";
import { loader as exportPdf } from "~/routes/s.answers[.]pdf";
import { action as importAction, loader as importLoader } from "~/routes/s.import";
import { loader as themeLoader } from "~/routes/s.themes.$themeId";
import { acceptInvitation } from "~/supplier-portal/invitation-entry.server";
import { context, dumpDatabase, freshIp, get, openPortal, post, run } from "../supplier/support";

/** A supplier of organisation A that has submitted (with evidence), signed in to its portal. */
function submittedSupplier() {
  const db = getDb();
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id, { name: "Genbrug Æblegården ApS", tier: "medium" });
  const made = makeSubmittedAssessment(db, { orgId: org.id, supplier, contacts }, {
    questionnaireId: "due-diligence",
    answers: { "security-contact": "Søren Øster, CISO", "mfa-privileged": "no" },
    comments: { "mfa-privileged": "Indføres i Q3" },
    evidence: [{ questionId: "security-policy", fileName: "Informationssikkerhedspolitik.pdf" }],
  });
  const { cookie } = acceptInvitation(made.invitations[0]!.token, freshIp());
  return { made, cookie: cookie.split(";")[0]! };
}

function importRequest(cookie: string, content: string | null, name = "leverandortjek-answers.json") {
  const form = new FormData();
  if (content !== null) form.append("file", new File([content], name, { type: "application/json" }));
  return post("/s/import", form, cookie);
}

async function exported(cookie: string): Promise<string> {
  const outcome = await run(() => exportJson({ request: get("/s/answers.json", cookie), params: {}, context } as never));
  expect(outcome.status).toBe(200);
  expect(outcome.headers.get("Content-Disposition")).toMatch(/attachment; filename="leverandortjek-answers-due-diligence-\d{4}-\d{2}-\d{2}\.json"/);
  return JSON.stringify(outcome.data);
}

describe("reusable supplier answers", () => {
  it("round trip: exported in one organisation, imported into another's invitation, prefilled for review; evidence listed to attach again", async () => {
    const a = submittedSupplier();
    const file = await exported(a.cookie);
    const parsed = JSON.parse(file);
    expect(parsed.format).toBe("leverandortjek-answers");
    expect(parsed.evidence).toEqual([{ questionId: "security-policy", fileName: "Informationssikkerhedspolitik.pdf" }]);
    expect(parsed.answers.find((x: { questionId: string }) => x.questionId === "security-contact").value).toBe("Søren Øster, CISO");

    const b = openPortal();
    expect((await run(() => importLoader({ request: get("/s/import", b.cookie), params: {}, context } as never))).status).toBe(200);
    const outcome = await run(() => importAction({ request: importRequest(b.cookie, file), params: {}, context } as never));
    expect(outcome.status).toBe(200);
    const result = (outcome.data as { result: { ok: true; imported: { questionId: string }[]; evidence: { fileName: string; themeId: string }[] } }).result;
    expect(result.ok).toBe(true);
    expect(result.imported.length).toBe(parsed.answers.length);
    expect(result.evidence).toEqual([{ questionId: "security-policy", themeId: "security-management", fileName: "Informationssikkerhedspolitik.pdf" }]);

    const rows = getDb().select().from(answers).where(eq(answers.assessmentId, b.assessment.id)).all();
    const contact = rows.find((r) => r.questionId === "security-contact")!;
    expect(contact).toMatchObject({ value: "Søren Øster, CISO", carriedForward: true, orgId: b.orgId });
    expect(rows.find((r) => r.questionId === "mfa-privileged")).toMatchObject({ value: "no", comment: "Indføres i Q3", carriedForward: true });
    expect(rows.every((r) => r.orgId === b.orgId)).toBe(true);
    // No evidence is carried.
    expect(dumpDatabase().evidence_files!.filter((f) => (f as { assessment_id: string }).assessment_id === b.assessment.id)).toEqual([]);
    // The theme page shows the prefilled answer.
    const theme = await run(() => themeLoader({ request: get("/s/themes/security-management", b.cookie), params: { themeId: "security-management" }, context } as never));
    expect(JSON.stringify(theme.data)).toContain("Søren Øster, CISO");
    // Audited, in organisation B only.
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.orgId, b.orgId), eq(auditLog.action, "answers.imported"))).all();
    expect(audit).toHaveLength(1);
  });

  it("never overwrites an answer already given in the new invitation", async () => {
    const a = submittedSupplier();
    const file = await exported(a.cookie);
    const b = openPortal();
    getDb().insert(answers).values({ id: "keep-me-answer-1", orgId: b.orgId, assessmentId: b.assessment.id, questionId: "security-contact", value: "Egen kontakt", updatedAt: new Date() }).run();
    const outcome = await run(() => importAction({ request: importRequest(b.cookie, file), params: {}, context } as never));
    const result = (outcome.data as { result: { skipped: { questionId: string; reason: string }[] } }).result;
    expect(result.skipped).toContainEqual({ questionId: "security-contact", reason: "answered" });
    const kept = getDb().select().from(answers).where(and(eq(answers.assessmentId, b.assessment.id), eq(answers.questionId, "security-contact"))).get()!;
    expect(kept).toMatchObject({ value: "Egen kontakt", carriedForward: false, revision: 1 });
  });

  it("refuses bad and foreign files with a localised error and changes nothing", async () => {
    const a = submittedSupplier();
    const valid = JSON.parse(await exported(a.cookie));
    const b = openPortal();
    const cases: [string | null, string][] = [
      [null, "answers.import.error.noFile"],
      ["this is not json", "answers.import.error.notJson"],
      [JSON.stringify({ name: "Some other tool's export", answers: [] }), "answers.import.error.format"],
      [JSON.stringify({ ...valid, format: "other-portal" }), "answers.import.error.format"],
      [JSON.stringify({ ...valid, answers: [{ ...valid.answers[0], orgId: "injected" }] }), "answers.import.error.format"],
      ["x".repeat(1_000_001), "answers.import.error.tooLarge"],
    ];
    for (const [content, error] of cases) {
      const before = dumpDatabase();
      const outcome = await run(() => importAction({ request: importRequest(b.cookie, content), params: {}, context } as never));
      expect(outcome.status, error).toBe(400);
      expect((outcome.data as { result: unknown }).result).toEqual({ ok: false, error });
      expect(dumpDatabase(), error).toEqual(before);
    }
  });

  it("exports only after submitting, also as a readable PDF; importing is refused once submitted", async () => {
    const a = submittedSupplier();
    const pdf = await run(() => exportPdf({ request: get("/s/answers.pdf", a.cookie), params: {}, context } as never));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const b = openPortal();
    const early = await run(() => exportJson({ request: get("/s/answers.json", b.cookie), params: {}, context } as never));
    expect(early.status).toBe(302);
    const file = await exported(a.cookie);
    const refused = await run(() => importAction({ request: importRequest(a.cookie, file), params: {}, context } as never));
    expect((refused.data as { result: unknown }).result).toEqual({ ok: false, error: "answers.import.error.notAnswering" });
    expect((await run(() => exportJson({ request: get("/s/answers.json"), params: {}, context } as never))).status).not.toBe(200);
  });

  it("the PDF holds the answers with Danish characters and the evidence names", async () => {
    const a = submittedSupplier();
    const outcome = await run(() => exportPdf({ request: get("/s/answers.pdf", a.cookie), params: {}, context } as never));
    // run() read the body as text; fetch the bytes again.
    const response = await exportPdf({ request: get("/s/answers.pdf", a.cookie), params: {}, context } as never);
    const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    expect(outcome.status).toBe(200);
    expect(text).toContain("Svar fra Genbrug Æblegården ApS");
    expect(text).toContain("Søren Øster, CISO");
    expect(text).toContain("Dokumentation: Informationssikkerhedspolitik.pdf");
  });
});
