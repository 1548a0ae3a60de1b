import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { riskProfiles, supplierContacts, suppliers } from "#db/schema";
import { action as importAction } from "~/routes/staff.suppliers.import";
import { loader as templateLoader } from "~/routes/staff.suppliers.import-template";
import { IMPORT_COLUMNS } from "~/staff/import-columns";
import { parseCsv, parseXlsx } from "~/suppliers/import.server";
import { args, call, get, makeOrgWithStaff, post, postMultipart, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

const HEADER = IMPORT_COLUMNS.join(",");
const RISK = "confidential,limited,no,no,standard,eu,read,no,250000,0,good";
const EMPTY_RISK = ",,,,,,,,,,";

function csvFile(lines: string[], name = "leverandoerer.csv") {
  return new File([lines.join("\n")], name, { type: "text/csv" });
}

async function preview(file: File, cookie = a.reviewer.cookie) {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", file);
  return call(() => importAction(args(postMultipart("/staff/suppliers/import", cookie, form))));
}

type Preview = { kind: "preview"; valid: number; invalid: number; problems: { rowNumber: number; problems: { column: string; message: string }[] }[]; payload: string };

describe("supplier import", () => {
  it("previews a CSV with per-row problems, then imports only the valid rows in one go", async () => {
    const file = csvFile([
      HEADER,
      `Import Et ApS,10150817,DK,Hosting,${a.reviewer.user.email},,Ida Import,ida@et.example,,CISO,da,${RISK}`,
      `Import To Ltd,,gb,Support,,,,,,,,${EMPTY_RISK}`,
      `,,DK,,,,,,,,,${EMPTY_RISK}`,
      `Dårlig CVR ApS,12345678,DK,,,,,,,,,${EMPTY_RISK}`,
      `Ukendt Land,,XX,,,,,,,,,${EMPTY_RISK}`,
      `Halv Profil,,DK,,,,,,,,,confidential,,,,,,,,,,`,
      `Forkert Mail,,DK,,,,Ole,ole@,,,da,${EMPTY_RISK}`,
      `Import To Ltd,,DK,,,,,,,,,${EMPTY_RISK}`,
      `Ukendt Ejer,,DK,,nobody@x.example,,,,,,,${EMPTY_RISK}`,
      `Dårlig Risiko,,DK,,,,,,,,,secret,limited,maybe,no,standard,eu,read,no,,0,good`,
    ]);
    const before = getDb().select().from(suppliers).where(eq(suppliers.orgId, a.org.id)).all().length;
    const result = await preview(file);
    expect(result.status).toBe(200);
    const p = result.value as Preview;
    expect(p.valid).toBe(1);
    expect(p.invalid).toBe(9);
    const byRow = Object.fromEntries(p.problems.map((r) => [r.rowNumber, r.problems.map((x) => `${x.column}:${x.message}`)]));
    expect(byRow[4]).toContain("name:validation.required");
    expect(byRow[5]).toContain("cvr:staff.validation.cvrChecksum");
    expect(byRow[6]).toContain("country:validation.invalidChoice");
    expect(byRow[7]?.[0]).toMatch(/staff\.import\.partialProfile$/);
    expect(byRow[8]).toContain("contact_email:validation.email");
    expect(byRow[3]).toContain("name:staff.import.duplicateInFile");
    expect(byRow[10]).toContain("owner_email:staff.import.unknownOwner");
    expect(byRow[11]).toEqual(expect.arrayContaining(["data_sensitivity:validation.invalidChoice", "business_critical:validation.invalidChoice"]));
    // The preview saved nothing.
    expect(getDb().select().from(suppliers).where(eq(suppliers.orgId, a.org.id)).all()).toHaveLength(before);

    const imported = await call(() => importAction(args(post("/staff/suppliers/import", a.reviewer.cookie, { intent: "import", payload: p.payload }))));
    expect(imported.status).toBe(200);
    expect(imported.value).toEqual({ kind: "done", count: 1 });
    const row = getDb().select().from(suppliers).where(eq(suppliers.name, "Import Et ApS")).get()!;
    expect(row).toMatchObject({ orgId: a.org.id, cvr: "10150817", ownerUserId: a.reviewer.user.id, tier: "medium" });
    expect(getDb().select().from(riskProfiles).where(eq(riskProfiles.supplierId, row.id)).get()?.dataSensitivity).toBe("confidential");
    expect(getDb().select().from(supplierContacts).where(eq(supplierContacts.supplierId, row.id)).get()).toMatchObject({ email: "ida@et.example", isSecurityContact: true });
    expect(listAudit(getDb(), a.org.id, { action: "supplier.imported" })[0]?.details).toMatchObject({ count: 1 });

    // Importing the same payload again finds the duplicate and imports nothing.
    const again = await call(() => importAction(args(post("/staff/suppliers/import", a.reviewer.cookie, { intent: "import", payload: p.payload }))));
    expect(again.status).toBe(400);
  });

  it("reads XLSX the same way, and the template round-trips", async () => {
    const template = await call(() => templateLoader(args(get("/staff/suppliers/import-template?format=xlsx", a.reviewer.cookie))));
    expect(template.status).toBe(200);
    expect(template.headers.get("Content-Disposition")).toMatch(/attachment; filename=".+\.xlsx"/);
    const bytes = new Uint8Array(await (template.value as Response).arrayBuffer());
    const rows = await parseXlsx(bytes);
    expect(rows.map((r) => r.name)).toEqual(["Eksempel Hosting A/S", "Example Office Supplies Ltd"]);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ark1");
    sheet.addRow([...IMPORT_COLUMNS]);
    sheet.addRow(["Excel Leverandør ApS", "", "SE", "Rådgivning", "", "", "Eva", "eva@excel.example", "", "", "en", "internal", "limited", "nej", "nej", "standard", "eu", "none", "nej", 50000, 0, "good"]);
    const file = new File([new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)], "suppliers.xlsx");
    const p = (await preview(file)).value as Preview;
    expect([p.valid, p.invalid]).toEqual([1, 0]);
    const csv = await call(() => templateLoader(args(get("/staff/suppliers/import-template?format=csv", a.reviewer.cookie))));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(parseCsv(csv.body)).toHaveLength(2);
  });

  it("refuses files that are not what they claim, empty, or without the needed columns", async () => {
    const cases: [File, string][] = [
      [new File(["<html><script>x</script></html>"], "evil.csv"), "staff.import.badType"],
      [new File(["%PDF-1.4 fake"], "x.xlsx"), "staff.import.badType"],
      [new File(["name;country"], "leer.csv"), "staff.import.empty"],
      [csvFile(["navn,land", "X,DK"]), "staff.import.missingColumns"],
      [new File([""], "empty.csv"), "staff.import.noFile"],
    ];
    for (const [file, message] of cases) {
      const result = await preview(file);
      expect(result.status, message).toBe(400);
      expect((result.value as { message: string }).message).toBe(message);
    }
    const missing = await call(() => importAction(args(postMultipart("/staff/suppliers/import", a.reviewer.cookie, new FormData()))));
    expect(missing.status).toBe(400);
    const tampered = await call(() => importAction(args(post("/staff/suppliers/import", a.reviewer.cookie, { intent: "import", payload: '[{"name":1}]' }))));
    expect(tampered.status).toBe(400);
    const viewer = await preview(csvFile([HEADER]), a.viewer.cookie);
    expect(viewer.status).toBe(403);
  });

  it("accepts semicolon-separated CSV with a byte-order mark (Danish Excel)", () => {
    const rows = parseCsv(`\uFEFFname;country;cvr\nSemikolon ApS;DK;10150817\n`);
    expect(rows).toEqual([{ name: "Semikolon ApS", country: "DK", cvr: "10150817" }]);
  });
});
