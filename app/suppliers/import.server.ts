/**
 * Supplier import from CSV (papaparse) or XLSX (exceljs) (SPEC C2): parse, check every row with the
 * same rules as the form, show a preview with each row's problems, then import the valid rows in
 * one transaction. A template file in both formats shows the columns.
 */
import ExcelJS from "exceljs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { z } from "zod";
import { getDb, type Db } from "#db/client";
import { existingSupplierKeys, insertSupplierGraphs } from "#db/repos/suppliers";
import { listOrgUsers } from "#db/repos/users";
import type { OrgSettings } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { inspectUpload } from "~/evidence/file-checks.server";
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, RISK_COLUMNS, TEMPLATE_ROWS, type ImportColumn } from "~/staff/import-columns";
import { ContactFieldsSchema, countryField, cvrField, riskProfileFields, toRiskProfile } from "~/staff/supplier-forms";
import { buildSupplierGraph, type SupplierInput } from "./suppliers.server";
import type { RiskProfile } from "./tiering";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

export type RawRow = Partial<Record<ImportColumn, string>>;

export class ImportFileError extends Error {
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
}

function normaliseHeader(value: string): string {
  return value.trim().toLowerCase().replace(/^\uFEFF/, "").replace(/[\s-]+/g, "_");
}

function toRows(header: string[], records: string[][]): RawRow[] {
  const columns = header.map(normaliseHeader);
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ImportFileError("staff.import.missingColumns", { columns: missing.join(", ") });
  const known = new Set<string>(IMPORT_COLUMNS);
  const rows: RawRow[] = [];
  for (const record of records) {
    if (record.every((cell) => (cell ?? "").trim() === "")) continue;
    const row: RawRow = {};
    columns.forEach((column, index) => {
      if (known.has(column)) row[column as ImportColumn] = (record[index] ?? "").trim();
    });
    rows.push(row);
  }
  if (rows.length === 0) throw new ImportFileError("staff.import.empty");
  if (rows.length > IMPORT_MAX_ROWS) throw new ImportFileError("staff.import.tooManyRows");
  return rows;
}

export function parseCsv(text: string): RawRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy", delimiter: "" });
  const [header, ...records] = parsed.data;
  if (!header) throw new ImportFileError("staff.import.empty");
  return toRows(header, records);
}

export async function parseXlsx(bytes: Uint8Array): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError("staff.import.unreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError("staff.import.empty");
  if (sheet.rowCount > IMPORT_MAX_ROWS + 1) throw new ImportFileError("staff.import.tooManyRows");
  const width = sheet.columnCount;
  const values: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(row.getCell(i).text ?? "");
    values.push(cells);
  });
  const [header, ...records] = values;
  if (!header) throw new ImportFileError("staff.import.empty");
  return toRows(header, records);
}

/** Checks the upload's real type (content and extension agree; XLSX zip limits) and parses it. */
export async function parseImportFile(file: File): Promise<RawRow[]> {
  if (file.size === 0) throw new ImportFileError("staff.import.noFile");
  if (file.size > IMPORT_MAX_BYTES) throw new ImportFileError("staff.import.tooLarge");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const dir = await mkdtemp(path.join(os.tmpdir(), "lt-import-"));
  const stored = path.join(dir, "upload");
  try {
    await writeFile(stored, bytes, { mode: 0o600 });
    const verdict = await inspectUpload(stored, file.name, file.size, ["csv", "xlsx"]);
    if (!verdict.ok) throw new ImportFileError("staff.import.badType");
    if (verdict.kind === "csv") return parseCsv(new TextDecoder("utf-8").decode(bytes));
    return await parseXlsx(bytes);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const yesNo = (value: string | undefined) => {
  const v = (value ?? "").trim().toLowerCase();
  if (["yes", "ja", "true", "1", "y", "j"].includes(v)) return "yes";
  if (["no", "nej", "false", "0", "n"].includes(v)) return "no";
  return value;
};
const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
const numberOf = (value: string | undefined) => {
  const v = blank(value)?.replace(/[\s.]/g, "").replace(/,/g, ".");
  return v === undefined ? undefined : Number.isFinite(Number(v)) ? Number(v) : v;
};

const RowSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "staff.validation.textTooLong"),
  cvr: cvrField.optional(),
  country: countryField,
  services: z.string().max(2000, "staff.validation.textTooLong").optional(),
  notes: z.string().max(5000, "staff.validation.textTooLong").optional(),
  owner_email: z.string().max(254).optional(),
});

const RiskRowSchema = z.object({
  ...riskProfileFields,
  annualContractValueDkk: riskProfileFields.annualContractValueDkk,
});

const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  name: "contact_name",
  email: "contact_email",
  phone: "contact_phone",
  role: "contact_role",
  locale: "contact_language",
  dataSensitivity: "data_sensitivity",
  dataVolume: "data_volume",
  businessCritical: "business_critical",
  criticalInfrastructure: "critical_infrastructure",
  deliveryType: "delivery_type",
  dataLocation: "data_location",
  accessLevel: "access_level",
  operationalResponsibility: "operational_responsibility",
  annualContractValueDkk: "annual_contract_value_dkk",
  incidentCount: "incident_count",
  cooperation: "cooperation",
};

export interface RowProblem {
  column: string;
  message: string;
}

export interface CheckedRow {
  /** 1-based row number in the file, counting the header as row 1. */
  rowNumber: number;
  name: string;
  problems: RowProblem[];
  input?: SupplierInput;
  profile?: RiskProfile | null;
}

function issues(error: z.ZodError, map: (key: string) => string): RowProblem[] {
  return error.issues.map((issue) => ({ column: map(String(issue.path[0] ?? "")), message: issue.message }));
}

/** Every row with its problems (an empty list when it can be imported). */
export function checkImportRows(orgId: string, rows: RawRow[], db: Db = getDb()): CheckedRow[] {
  const existing = existingSupplierKeys(db, orgId);
  const owners = new Map(listOrgUsers(db, orgId).filter((u) => !u.disabledAt).map((u) => [u.email, u.id]));
  const seenNames = new Map<string, number>();
  for (const row of rows) {
    const key = (row.name ?? "").trim().toLowerCase();
    if (key) seenNames.set(key, (seenNames.get(key) ?? 0) + 1);
  }
  return rows.map((row, index) => {
    const rowNumber = index + 2;
    const problems: RowProblem[] = [];
    const base = RowSchema.safeParse({
      name: row.name ?? "",
      cvr: blank(row.cvr),
      country: (row.country ?? "").trim().toUpperCase(),
      services: blank(row.services),
      notes: blank(row.notes),
      owner_email: blank(row.owner_email)?.toLowerCase(),
    });
    if (!base.success) problems.push(...issues(base.error, (k) => k));
    const name = (row.name ?? "").trim();
    const key = name.toLowerCase();
    if (key && (seenNames.get(key) ?? 0) > 1) problems.push({ column: "name", message: "staff.import.duplicateInFile" });
    if (key && existing.names.has(key)) problems.push({ column: "name", message: "staff.import.duplicateExisting" });
    if (base.success && base.data.cvr && existing.cvrs.has(base.data.cvr)) problems.push({ column: "cvr", message: "staff.import.duplicateExisting" });
    let ownerUserId: string | undefined;
    if (base.success && base.data.owner_email) {
      ownerUserId = owners.get(base.data.owner_email);
      if (!ownerUserId) problems.push({ column: "owner_email", message: "staff.import.unknownOwner" });
    }
    let contact: SupplierInput["contacts"] = [];
    if (blank(row.contact_name) || blank(row.contact_email)) {
      const parsed = ContactFieldsSchema.safeParse({
        name: row.contact_name ?? "",
        email: row.contact_email ?? "",
        phone: blank(row.contact_phone),
        role: blank(row.contact_role),
        locale: (blank(row.contact_language) ?? "da").toLowerCase(),
      });
      if (!parsed.success) problems.push(...issues(parsed.error, (k) => COLUMN_OF_FIELD[k] ?? k));
      else contact = [{ name: parsed.data.name, email: parsed.data.email, phone: parsed.data.phone, role: parsed.data.role, locale: parsed.data.locale }];
    }
    let profile: RiskProfile | null = null;
    const filled = RISK_COLUMNS.filter((c) => blank(row[c]) !== undefined);
    if (filled.length > 0 && filled.length < RISK_COLUMNS.length) {
      problems.push({ column: RISK_COLUMNS.find((c) => blank(row[c]) === undefined)!, message: "staff.import.partialProfile" });
    } else if (filled.length === RISK_COLUMNS.length) {
      const parsed = RiskRowSchema.safeParse({
        dataSensitivity: row.data_sensitivity?.toLowerCase(),
        dataVolume: row.data_volume?.toLowerCase(),
        businessCritical: yesNo(row.business_critical),
        criticalInfrastructure: yesNo(row.critical_infrastructure),
        deliveryType: row.delivery_type?.toLowerCase(),
        dataLocation: row.data_location?.toLowerCase(),
        accessLevel: row.access_level?.toLowerCase(),
        operationalResponsibility: yesNo(row.operational_responsibility),
        annualContractValueDkk: numberOf(row.annual_contract_value_dkk),
        incidentCount: numberOf(row.incident_count),
        cooperation: row.cooperation?.toLowerCase(),
      });
      if (!parsed.success) problems.push(...issues(parsed.error, (k) => COLUMN_OF_FIELD[k] ?? k));
      else profile = toRiskProfile(parsed.data);
    }
    if (problems.length > 0 || !base.success) return { rowNumber, name, problems };
    return {
      rowNumber,
      name,
      problems,
      input: {
        name: base.data.name,
        cvr: base.data.cvr,
        country: base.data.country,
        services: base.data.services,
        notes: base.data.notes,
        ownerUserId,
        contacts: contact,
        securityContact: contact.length > 0 ? "0" : undefined,
      },
      profile,
    };
  });
}

/** Imports every row that has no problems, in one transaction; returns how many. */
export function importSuppliers(
  context: { orgId: string; userId: string | null; settings: OrgSettings; actorLabel?: string },
  rows: CheckedRow[],
  ip: string | null,
  options: { now?: Date; db?: Db } = {},
): number {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const valid = rows.filter((r) => r.problems.length === 0 && r.input);
  if (valid.length === 0) return 0;
  insertSupplierGraphs(
    db,
    valid.map((r) => buildSupplierGraph(context.orgId, r.input!, r.profile ?? null, context.settings, now, context.userId)),
  );
  recordAudit(
    {
      orgId: context.orgId,
      actor: context.userId ? { type: "staff", id: context.userId, label: context.actorLabel } : { type: "system", label: "import" },
      action: "supplier.imported",
      ip,
      details: { count: valid.length, skipped: rows.length - valid.length },
      at: now,
    },
    db,
  );
  return valid.length;
}

export function importContext(staff: StaffContext) {
  return { orgId: staff.organisation.id, userId: staff.user.id, settings: staff.organisation.settings, actorLabel: staff.user.name };
}

export function templateCsv(): string {
  const lines = [IMPORT_COLUMNS.join(","), ...TEMPLATE_ROWS.map((row) => Papa.unparse([IMPORT_COLUMNS.map((c) => row[c])], { header: false }))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function templateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Leverandører");
  sheet.addRow([...IMPORT_COLUMNS]);
  for (const row of TEMPLATE_ROWS) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c]));
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
