/**
 * The portfolio export (SPEC C8): one row per active supplier — tier, risk rating, last decision,
 * open red flags, next assessment — as CSV (for any tool) and XLSX (for Excel). Every staff role
 * may export (viewers are the auditors); only the signed-in organisation's suppliers are listed.
 */
import ExcelJS from "exceljs";
import { getDb, type Db } from "#db/client";
import { listPortfolio, type PortfolioRow } from "#db/repos/portfolio";
import type { StaffContext } from "~/auth/staff-session.server";
import type { MessageKey } from "~/i18n/messages";
import type { Translator } from "~/i18n/translate";
import { csvCell } from "~/review/audit-page.server";
import { downloadResponse } from "~/http/download.server";
import { isoDate } from "~/staff/dates";

export const PORTFOLIO_FORMATS = ["csv", "xlsx"] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

const COLUMNS = [
  "supplier",
  "cvr",
  "country",
  "tier",
  "rating",
  "lastDecision",
  "lastDecidedAt",
  "openFlags",
  "nextAssessment",
] as const;

/** The export's rows as the reader's language shows them (labels, ISO dates). */
export function portfolioTable(rows: PortfolioRow[], t: Translator): { header: string[]; rows: (string | number)[][] } {
  return {
    header: COLUMNS.map((column) => t(`reports.portfolio.col.${column}` as MessageKey)),
    rows: rows.map((row) => [
      row.name,
      row.cvr ?? "",
      row.country,
      row.tier ? t(`tier.${row.tier}`) : "",
      row.riskRating ? t(`rating.${row.riskRating}`) : "",
      row.lastDecision ? t(`status.${row.lastDecision}`) : "",
      row.lastDecidedAt ? isoDate(new Date(row.lastDecidedAt)) : "",
      Number(row.openFlags),
      row.nextAssessmentDue ?? "",
    ]),
  };
}

export function portfolioCsv(table: ReturnType<typeof portfolioTable>): string {
  const lines = [table.header.map(csvCell).join(","), ...table.rows.map((row) => row.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function portfolioXlsx(table: ReturnType<typeof portfolioTable>, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Leverandørtjek";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  // Strings are written as strings (never formulas), so supplier text cannot inject a formula.
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => {
    column.width = Math.min(50, Math.max(12, ...table.rows.map((row) => String(row[index] ?? "").length + 2), table.header[index]!.length + 2));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const CONTENT_TYPES: Record<PortfolioFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export async function exportPortfolio(
  staff: StaffContext,
  format: PortfolioFormat,
  t: Translator,
  options: { db?: Db; now?: Date } = {},
): Promise<Response> {
  const now = options.now ?? new Date();
  const table = portfolioTable(listPortfolio(options.db ?? getDb(), staff.organisation.id, isoDate(now)), t);
  const body = format === "csv" ? portfolioCsv(table) : await portfolioXlsx(table, t("reports.portfolio.sheet"));
  return downloadResponse(body, CONTENT_TYPES[format], `portfolio-${isoDate(now)}.${format}`);
}
