import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { raciEntries } from "#db/schema";
import { decideAssessment } from "~/review/review.server";
import { loader as reportLoader } from "~/routes/staff.assessments.$assessmentId_.report";
import { loader as pdfLoader } from "~/routes/staff.assessments.$assessmentId_.report[.]pdf";
import { newId } from "~/security/tokens.server";
import { args, call, get, makeOrgWithStaff, submitted } from "../review/support";
import { FLAGGING_ANSWERS, staffContextOf } from "./support";

async function decidedFixture() {
  const a = await makeOrgWithStaff();
  const b = await makeOrgWithStaff();
  const made = submitted(a.org.id, { name: "Søgård Ølbryggeri ApS", cvr: "12345674" }, {
    answers: FLAGGING_ANSWERS,
    evidence: [{ questionId: "security-policy", fileName: "politik-æøå.pdf" }],
  });
  const result = await decideAssessment(staffContextOf(a.reviewer.cookie), made.assessment.id, {
    decision: "approved_with_conditions",
    reason: "Godkendt på betingelse af MFA for administratorer",
    conditions: [{ text: "Indfør MFA på alle administratorkonti", ownerSide: "supplier", ownerName: "Leverandørens IT-chef", deadline: "2099-01-31" }],
  });
  expect(result).toEqual({ ok: true });
  return { a, b, made };
}

async function pdfText(response: Response): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("assessment report (printable page and PDF from one document)", () => {
  it("gives a PDF whose text holds the supplier with æøå, tier reasons, flags with their answers, decision, conditions and evidence hashes", async () => {
    const { a, made } = await decidedFixture();
    const result = await call(() => pdfLoader(args(get(`/staff/assessments/${made.assessment.id}/report.pdf`, a.viewer.cookie), { assessmentId: made.assessment.id })));
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`assessment-report-${made.assessment.id}.pdf`);
    const text = (await pdfText(response)).replace(/\s+/g, " ");
    expect(text).toContain("Rapport: Søgård Ølbryggeri ApS");
    expect(text).toContain("Godkendt med betingelser");
    expect(text).toContain("Godkendt på betingelse af MFA for administratorer");
    expect(text).toContain("Indfør MFA på alle administratorkonti");
    expect(text).toContain("Kritikalitet og begrundelse");
    expect(text).toMatch(/Udløst af: .*MFA.*— svar: Nej/);
    expect(text).toContain("politik-æøå.pdf");
    // A hash is wrapped across lines in the table cell.
    expect(text.replace(/\s/g, "")).toContain(made.evidence[0]!.sha256);
    // No matrix of its own: the organisation's default (seed 004's example) is shown, and said to be.
    expect(text).toContain("Leverandøren har ingen egen ansvarsfordeling");
    expect(text).toMatch(/Adgangsstyring R A I I/);
  });

  it("renders the same sections on the printable page, the RACI matrix included when recorded", async () => {
    const { a, made } = await decidedFixture();
    getDb()
      .insert(raciEntries)
      .values({ id: newId(), orgId: a.org.id, supplierId: made.supplier.id, activity: "Adgangsstyring", itLead: "A", supplier: "R", customer: "C", partner: "I", position: 0 })
      .run();
    const result = await call(() => reportLoader(args(get(`/staff/assessments/${made.assessment.id}/report`, a.reviewer.cookie), { assessmentId: made.assessment.id })));
    expect(result.status).toBe(200);
    const report = result.value as Awaited<ReturnType<typeof reportLoader>>;
    expect(report.title).toBe("Rapport: Søgård Ølbryggeri ApS");
    const ids = report.sections.map((s) => s.id);
    expect(ids.slice(0, 8)).toEqual(["decision", "conditions", "tier", "risk", "scores", "flags", "findings", "raci"]);
    const flags = report.sections.find((s) => s.id === "flags")!.blocks[0]!;
    expect(flags.kind === "list" && flags.items.join(" ")).toContain("MFA");
    const raci = report.sections.find((s) => s.id === "raci")!.blocks[0]!;
    expect(raci).toMatchObject({ kind: "table", rows: [["Adgangsstyring", "A", "R", "C", "I"]] });

    const pdf = await call(() => pdfLoader(args(get(`/staff/assessments/${made.assessment.id}/report.pdf`, a.reviewer.cookie), { assessmentId: made.assessment.id })));
    expect((await pdfText(pdf.value as Response)).replace(/\s+/g, " ")).toContain("Adgangsstyring");
  });

  it("answers 404 for another organisation's assessment and 400 for a malformed id", async () => {
    const { b, made } = await decidedFixture();
    const other = await call(() => pdfLoader(args(get(`/staff/assessments/${made.assessment.id}/report.pdf`, b.admin.cookie), { assessmentId: made.assessment.id })));
    expect(other.status).toBe(404);
    expect(other.body).not.toContain("Søgård");
    const bad = await call(() => pdfLoader(args(get(`/staff/assessments/x'y/report.pdf`, b.admin.cookie), { assessmentId: "x'y" })));
    expect(bad.status).toBe(400);
  });

  it("is in English for an English reader", async () => {
    const { a, made } = await decidedFixture();
    const request = new Request(`http://localhost:3000/staff/assessments/${made.assessment.id}/report.pdf`, { headers: { Cookie: `${a.viewer.cookie}; lang=en` } });
    const text = (await pdfText((await call(() => pdfLoader(args(request, { assessmentId: made.assessment.id })))).value as Response)).replace(/\s+/g, " ");
    expect(text).toContain("Report: Søgård Ølbryggeri ApS");
    expect(text).toContain("Approved with conditions");
    expect(text).toContain("Tier and reasons");
  });
});
