import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { decideAssessment } from "~/review/review.server";
import { loader as exportLoader } from "~/routes/staff.suppliers.export";
import { args, call, get, makeOrgWithStaff, submitted } from "../review/support";
import { FLAGGING_ANSWERS, staffContextOf } from "./support";

async function portfolioFixture() {
  const a = await makeOrgWithStaff();
  const b = await makeOrgWithStaff();
  const first = submitted(a.org.id, { name: "Ærø Æbleøl ApS", cvr: "12345674" });
  const flagged = submitted(a.org.id, { name: "Blåbær Drift A/S" }, { answers: FLAGGING_ANSWERS });
  await decideAssessment(staffContextOf(a.reviewer.cookie), first.assessment.id, { decision: "approved", reason: "OK" });
  submitted(b.org.id, { name: "Andens Hemmelige ApS" });
  return { a, b, flagged };
}

describe("portfolio export", () => {
  it("exports one CSV row per supplier of the organisation, with tier, rating, last decision, open flags and next assessment", async () => {
    const { a } = await portfolioFixture();
    const result = await call(() => exportLoader(args(get("/staff/suppliers/export?format=csv", a.viewer.cookie))));
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="portfolio-\d{4}-\d{2}-\d{2}\.csv"/);
    const parsed = Papa.parse<string[]>(result.body.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(["Leverandør", "CVR", "Land", "Kritikalitet", "Risikovurdering", "Seneste afgørelse", "Afgjort", "Åbne røde flag", "Næste vurdering"]);
    expect(rows.map((r) => r[0])).toEqual(["Blåbær Drift A/S", "Ærø Æbleøl ApS"]);
    const aero = rows.find((r) => r[0] === "Ærø Æbleøl ApS")!;
    expect(aero[1]).toBe("12345674");
    expect(aero[5]).toBe("Godkendt");
    expect(aero[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(aero[8]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const blaabaer = rows.find((r) => r[0] === "Blåbær Drift A/S")!;
    expect(Number(blaabaer[7])).toBeGreaterThanOrEqual(2);
    expect(blaabaer[5]).toBe("");
    expect(result.body).not.toContain("Andens Hemmelige");
  });

  it("exports the same rows as XLSX, readable by a spreadsheet library, in the reader's language", async () => {
    const { a } = await portfolioFixture();
    const request = get("/staff/suppliers/export?format=xlsx", a.reviewer.cookie);
    request.headers.set("Cookie", `${a.reviewer.cookie}; lang=en`);
    const result = await call(() => exportLoader(args(request)));
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("Portfolio")!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, "Supplier", "CVR", "Country", "Tier", "Risk rating", "Last decision", "Decided", "Open red flags", "Next assessment"]);
    expect(sheet.getRow(3).getCell(1).value).toBe("Ærø Æbleøl ApS");
    expect(sheet.getRow(3).getCell(6).value).toBe("Approved");
    expect(Number(sheet.getRow(2).getCell(8).value)).toBeGreaterThanOrEqual(2);
  });

  it("neutralises formula-looking supplier names in the CSV", async () => {
    const a = await makeOrgWithStaff();
    submitted(a.org.id, { name: "=HYPERLINK(\"http://x\")" });
    const result = await call(() => exportLoader(args(get("/staff/suppliers/export?format=csv", a.admin.cookie))));
    expect(result.body).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("refuses an unknown or missing format with 400 and an anonymous caller", async () => {
    const { a } = await portfolioFixture();
    expect((await call(() => exportLoader(args(get("/staff/suppliers/export?format=pdf", a.admin.cookie))))).status).toBe(400);
    expect((await call(() => exportLoader(args(get("/staff/suppliers/export", a.admin.cookie))))).status).toBe(400);
    const anonymous = await call(() => exportLoader(args(get("/staff/suppliers/export?format=csv", ""))));
    expect([302, 401, 403]).toContain(anonymous.status);
  });
});
