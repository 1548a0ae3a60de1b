/**
 * Fuzzing the parsers that read files people upload or write (fast-check): the supplier import
 * (CSV and XLSX, through the real action) and questionnaire files. Whatever comes in, the answer
 * is a 4xx with a message key both languages translate (or a preview), never an exception, and
 * the database is unchanged.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { dumpDatabase } from "#tests/support/dump-database";
import { getTranslator, isMessageKey } from "~/i18n/translate";
import { validateQuestionnaire, validateQuestionnaireText } from "~/questionnaire/load-questionnaire";
import { action as importAction } from "~/routes/staff.suppliers.import";
import { IMPORT_COLUMNS } from "~/staff/import-columns";
import { args, call, makeOrgWithStaff, postMultipart, post, type Org } from "./support";

let a: Org;
let template: Uint8Array;
beforeAll(async () => {
  a = await makeOrgWithStaff();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Leverandører");
  sheet.addRow([...IMPORT_COLUMNS]);
  sheet.addRow(["Ærø Data ApS", "", "DK", "Drift", "", "", "Ida", "ida@example.test", "", "", "da"]);
  template = new Uint8Array(await workbook.xlsx.writeBuffer());
});

/** A CSV built from the pieces that break parsers: quotes, delimiters, line ends, BOMs, formulas. */
const csvPiece = fc.constantFrom(
  ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "\uFEFF", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "ÆØÅ", "æøå",
  "name", "country", "cvr", "DK", "XX", "12345678", "\u0000", "\u202e", " ", "ja", "nej", "x".repeat(3000), ...IMPORT_COLUMNS,
);
const csvText = fc.oneof(
  fc.array(csvPiece, { maxLength: 60 }).map((parts) => parts.join("")),
  fc.array(fc.array(csvPiece, { maxLength: 14 }).map((cells) => cells.join(",")), { maxLength: 8 }).map((lines) => [IMPORT_COLUMNS.join(","), ...lines].join("\n")),
  fc.string({ unit: "binary", maxLength: 400 }),
);

/** The template XLSX with bytes flipped, cut short or spliced: a damaged or hostile workbook. */
const damagedXlsx = fc
  .record({
    flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ flips, cut }) => {
    const bytes = new Uint8Array(template);
    for (const { at, byte } of flips) bytes[at % bytes.length] = byte;
    return cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
  });

function expectLocalisedRefusalOrPreview(result: { status: number; value: unknown }) {
  const value = result.value as { kind: string; message?: string };
  if (result.status === 200) {
    expect(value.kind).toBe("preview");
    return;
  }
  expect([400, 413]).toContain(result.status);
  expect(value.kind).toBe("error");
  expect(isMessageKey(value.message!)).toBe(true);
  for (const locale of ["da", "en"] as const) expect(getTranslator(locale)(value.message as never)).not.toBe(value.message);
}

async function preview(file: File) {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", file);
  return call(() => importAction(args(postMultipart("/staff/suppliers/import", a.reviewer.cookie, form))));
}

describe("supplier import under fuzzing", () => {
  it("any CSV text gets a preview or a localised 4xx, and the preview writes nothing", async () => {
    const before = dumpDatabase(getDb());
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom("leverandoerer.csv", "data.CSV", "x.xlsx", "x.txt"), async (text, name) => {
        expectLocalisedRefusalOrPreview(await preview(new File([text], name, { type: "text/csv" })));
      }),
      { numRuns: 150 },
    );
    expect(dumpDatabase(getDb())).toEqual(before);
  }, 60_000);

  it("any damaged XLSX gets a preview or a localised 4xx, and writes nothing", async () => {
    const before = dumpDatabase(getDb());
    await fc.assert(
      fc.asyncProperty(damagedXlsx, async (bytes) => {
        expectLocalisedRefusalOrPreview(await preview(new File([bytes as BlobPart], "leverandoerer.xlsx")));
      }),
      { numRuns: 60 },
    );
    expect(dumpDatabase(getDb())).toEqual(before);
  }, 60_000);

  it("a forged import payload (the preview's hidden field) is refused with a localised 400 when nothing in it is valid", async () => {
    const before = dumpDatabase(getDb());
    // Rows without a name are never valid; everything else is arbitrary.
    const row = fc.dictionary(fc.constantFrom(...IMPORT_COLUMNS.filter((c) => c !== "name")), fc.string({ maxLength: 40 }), { maxKeys: 6 });
    const payload = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(row, { maxLength: 5 }).map((rows) => JSON.stringify(rows)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (text) => {
        const result = await call(() => importAction(args(post("/staff/suppliers/import", a.reviewer.cookie, { intent: "import", payload: text }))));
        expect(result.status).toBe(400);
        expectLocalisedRefusalOrPreview(result);
      }),
      { numRuns: 150 },
    );
    expect(dumpDatabase(getDb())).toEqual(before);
  }, 60_000);
});

describe("questionnaire files under fuzzing", () => {
  const shipped = readFileSync(path.resolve("questionnaires/due-diligence.v1.json"), "utf8");

  it("any text is refused with issues that name the file, or read; never an exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const result = validateQuestionnaireText(text, "fuzz.v1.json");
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.file).toBe("fuzz.v1.json");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the shipped questionnaire with a value replaced anywhere is read or refused with issues, never an exception", () => {
    const original = JSON.parse(shipped) as unknown;
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...at, i]));
      else if (node && typeof node === "object") for (const [k, child] of Object.entries(node)) walk(child, [...at, k]);
    };
    walk(original, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (at, replacement) => {
        const copy = structuredClone(original) as Record<string | number, unknown>;
        let parent = copy as Record<string | number, unknown>;
        for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[at.at(-1)!] = replacement;
        const result = validateQuestionnaire(copy, "due-diligence.v1.json");
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
