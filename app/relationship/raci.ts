/**
 * Roles and responsibilities per supplier relationship (SPEC C10; seeds/004, "Visualisering og
 * dokumentation"): a RACI matrix (Responsible, Accountable, Consulted, Informed) for each key
 * security activity across the internal IT lead, the supplier, the customer and partners.
 *
 * Pure: no I/O. The organisation keeps a default matrix (settings); each supplier starts from it
 * and may differ. A matrix is valid when every activity has exactly one Accountable and at least
 * one Responsible (a party may be both: "A/R", see docs/decisions/0120-raci-matrix.md).
 */
import type { Locale } from "~/i18n/locales";

export const RACI_PARTIES = ["itLead", "supplier", "customer", "partner"] as const;
export type RaciParty = (typeof RACI_PARTIES)[number];

/** A cell: nothing, one letter, or "A/R" (accountable and doing it oneself). */
export const RACI_CELLS = ["", "R", "A", "A/R", "C", "I"] as const;
export type RaciCell = (typeof RACI_CELLS)[number];

export interface RaciRow {
  activity: string;
  itLead: RaciCell;
  supplier: RaciCell;
  customer: RaciCell;
  partner: RaciCell;
}

export const MAX_RACI_ACTIVITIES = 30;
export const MAX_ACTIVITY_LENGTH = 120;

export function isRaciCell(value: string): value is RaciCell {
  return (RACI_CELLS as readonly string[]).includes(value);
}

/** A stored cell that is not one of ours (written by hand) reads as empty. */
export function toRaciCell(value: string): RaciCell {
  return isRaciCell(value) ? value : "";
}

const isAccountable = (cell: RaciCell) => cell === "A" || cell === "A/R";
const isResponsible = (cell: RaciCell) => cell === "R" || cell === "A/R";

/**
 * The seed's example matrix (seeds/004): "Adgangsstyring R A I I", "Databeskyttelse A R I C",
 * "Incident response A C I C". The last row names no Responsible; the IT lead, accountable and
 * the only party not merely consulted or informed, does the work, so it is "A/R" here.
 */
const SEED_ROWS: readonly { activity: Record<Locale, string>; cells: Omit<RaciRow, "activity"> }[] = [
  { activity: { da: "Adgangsstyring", en: "Access management" }, cells: { itLead: "R", supplier: "A", customer: "I", partner: "I" } },
  { activity: { da: "Databeskyttelse", en: "Data protection" }, cells: { itLead: "A", supplier: "R", customer: "I", partner: "C" } },
  { activity: { da: "Incident response", en: "Incident response" }, cells: { itLead: "A/R", supplier: "C", customer: "I", partner: "C" } },
];

/** The default matrix an organisation has before its admin saves one, in its language. */
export function seedRaci(locale: Locale): RaciRow[] {
  return SEED_ROWS.map((row) => ({ activity: row.activity[locale], ...row.cells }));
}

export type RaciIssue =
  | { problem: "no-activities" }
  | { problem: "too-many-activities"; max: number }
  | { problem: "duplicate-activity"; activity: string }
  | { problem: "no-accountable"; activity: string }
  | { problem: "several-accountable"; activity: string; count: number }
  | { problem: "no-responsible"; activity: string };

/** Every problem with a matrix, in row order; empty when it is valid. */
export function validateRaci(rows: readonly RaciRow[]): RaciIssue[] {
  const issues: RaciIssue[] = [];
  if (rows.length === 0) return [{ problem: "no-activities" }];
  if (rows.length > MAX_RACI_ACTIVITIES) issues.push({ problem: "too-many-activities", max: MAX_RACI_ACTIVITIES });
  const seen = new Set<string>();
  for (const row of rows) {
    const activity = row.activity.trim();
    const key = activity.toLocaleLowerCase("da");
    if (seen.has(key)) issues.push({ problem: "duplicate-activity", activity });
    seen.add(key);
    const cells = RACI_PARTIES.map((party) => row[party]);
    const accountable = cells.filter(isAccountable).length;
    if (accountable === 0) issues.push({ problem: "no-accountable", activity });
    if (accountable > 1) issues.push({ problem: "several-accountable", activity, count: accountable });
    if (!cells.some(isResponsible)) issues.push({ problem: "no-responsible", activity });
  }
  return issues;
}

/** Whether two matrices say the same (the supplier's own matrix against the default). */
export function sameRaci(a: readonly RaciRow[], b: readonly RaciRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, i) => {
      const other = b[i]!;
      return row.activity.trim() === other.activity.trim() && RACI_PARTIES.every((party) => row[party] === other[party]);
    })
  );
}
