/**
 * The assessment report as a PDF (pdfkit): the same ReportDocument the printable page renders,
 * set in IBM Plex Sans (Det Fælles Designsystem's typeface, shipped with the dkfds package as
 * TrueType), embedded so that Danish æ, ø and å render and the text can be extracted.
 */
import PDFDocument from "pdfkit";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Locale } from "~/i18n/locales";
import type { ReportBlock, ReportDocument } from "./report-document";

const FONT_FILES = { regular: "IBMPlexSans-Regular.ttf", bold: "IBMPlexSans-Bold.ttf" } as const;

let fonts: Record<keyof typeof FONT_FILES, Buffer> | undefined;

/** The TrueType files from the dkfds package (read once). */
function reportFonts(): Record<keyof typeof FONT_FILES, Buffer> {
  if (!fonts) {
    // dkfds's entry point is dist/js/dkfds.min.js; its fonts sit in dist/fonts.
    const dist = path.resolve(path.dirname(createRequire(import.meta.url).resolve("dkfds")), "..");
    const dir = path.join(dist, "fonts", "IBMPlexSans", "complete", "ttf");
    fonts = { regular: readFileSync(path.join(dir, FONT_FILES.regular)), bold: readFileSync(path.join(dir, FONT_FILES.bold)) };
  }
  return fonts;
}

const MARGIN = 50;

function renderBlock(doc: PDFKit.PDFDocument, block: ReportBlock): void {
  if (block.kind === "paragraph") {
    if (block.label) doc.font("bold").text(`${block.label}: `, { continued: true }).font("regular");
    doc.text(block.text).moveDown(0.5);
    return;
  }
  if (block.kind === "list") {
    for (const item of block.items) {
      const [first, ...rest] = item.split("\n");
      doc.text(`•  ${first}`, { indent: 0 });
      for (const line of rest) doc.text(line, { indent: 14 });
      doc.moveDown(0.25);
    }
    doc.moveDown(0.25);
    return;
  }
  if (block.layout === "records") {
    for (const row of block.rows) {
      doc.font("bold").text(row[0] ?? "", { indent: 0 }).font("regular");
      row.slice(1).forEach((cell, index) => {
        const [first, ...rest] = cell.split("\n");
        doc.text(`${block.columns[index + 1]}: ${first}`, { indent: 14 });
        for (const line of rest) doc.text(line, { indent: 28 });
      });
      doc.moveDown(0.4);
    }
    doc.moveDown(0.25);
    return;
  }
  doc.x = MARGIN;
  doc.table({
    defaultStyle: { padding: 3, border: 0.5, borderColor: "#999999" },
    data: [block.columns.map((text) => ({ text, type: "TH" as const, font: { family: "bold" } })), ...block.rows],
  });
  doc.x = MARGIN;
  doc.moveDown(0.75);
}

/** The report as PDF bytes. */
export function renderReportPdf(report: ReportDocument, locale: Locale, footer: (page: number, pages: number) => string): Promise<Uint8Array<ArrayBuffer>> {
  const { regular, bold } = reportFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    lang: locale,
    info: { Title: report.title, Creator: "Leverandørtjek", Producer: "Leverandørtjek" },
    displayTitle: true,
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  doc.font("bold").fontSize(18).text(report.title).moveDown(0.5);
  doc.font("regular").fontSize(10);
  for (const line of report.summary) doc.text(line);
  doc.moveDown();
  for (const section of report.sections) {
    doc.x = MARGIN;
    doc.font("bold").fontSize(13).text(section.heading).moveDown(0.3);
    doc.font("regular").fontSize(9.5);
    for (const block of section.blocks) renderBlock(doc, block);
    doc.moveDown(0.5);
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).text(footer(index + 1, range.count), MARGIN, doc.page.height - 30, { width: doc.page.width - 2 * MARGIN, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
