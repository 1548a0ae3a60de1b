/**
 * Sub-suppliers from the supplier's own answers (CFCS bilag 2; questionnaire theme 8, "til hvem,
 * og hvilke tjenester"), and the organisation's rule for a change of a critical one. Pure.
 *
 * The answer is free text ("Microsoft Ireland – hosting i Azure – EU", one per line). Each line
 * becomes a proposal (who, what, where) that staff check and confirm; nothing is confirmed by
 * parsing alone. A change of a critical one is recorded as a supplier event of kind
 * "sub_supplier", which the organisation's event rule (app/supervision/event-rules.ts) turns into
 * an earlier assessment or a reassessment at once.
 */
import { COUNTRY_CODES, countryName } from "~/staff/countries";

export const OUTSOURCES_QUESTION = "outsources-services";
export const SUB_SUPPLIERS_QUESTION = "subsuppliers-list";

export interface ReportedSubSupplier {
  /** The line as the supplier wrote it. */
  line: string;
  name: string;
  service: string;
  /** What the supplier wrote about where. */
  where: string;
  /** The country code when "where" names one we know, else null (staff choose). */
  country: string | null;
}

const BULLET = /^\s*(?:[-*•·]|\d{1,2}[.)])\s*/;
/** Separators between name, service and place: dashes with spaces around them, "|", tab, ";" is a line break. */
const PARTS = /\s+[–—-]\s+|\s*\|\s*|\t+/;
const MAX_LINES = 50;

const COUNTRY_BY_NAME: ReadonlyMap<string, string> = new Map<string, string>([
  ...COUNTRY_CODES.flatMap((code): [string, string][] => [
    [code.toLowerCase(), code],
    [countryName(code, "da").toLowerCase(), code],
    [countryName(code, "en").toLowerCase(), code],
  ]),
  ["usa", "US"],
  ["uk", "GB"],
]);

export function countryFromText(where: string): string | null {
  const key = where.trim().toLowerCase().replace(/[.()]/g, "");
  return COUNTRY_BY_NAME.get(key) ?? null;
}

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/** The answer's lines as proposals; blank lines and bare bullets are skipped; at most 50. */
export function parseSubSupplierAnswer(text: string): ReportedSubSupplier[] {
  const out: ReportedSubSupplier[] = [];
  for (const raw of text.split(/\r?\n|;/)) {
    const line = raw.replace(BULLET, "").trim();
    if (!line) continue;
    const parts = line.split(PARTS).map((p) => p.trim()).filter(Boolean);
    let [name = "", service = "", ...rest] = parts;
    if (parts.length === 1 && line.includes(",")) [name = "", service = "", ...rest] = line.split(",").map((p) => p.trim());
    const where = rest.join(", ");
    out.push({ line: line.slice(0, 500), name: name.slice(0, 200), service: service.slice(0, 500), where: where.slice(0, 200), country: countryFromText(where) });
    if (out.length === MAX_LINES) break;
  }
  return out;
}

/** The lines of the answer not yet on the supplier's list (by name, case and spacing ignored). */
export function subSupplierProposals(reported: readonly ReportedSubSupplier[], known: readonly { name: string }[]): ReportedSubSupplier[] {
  const names = new Set(known.map((k) => normaliseName(k.name)));
  const seen = new Set<string>();
  return reported.filter((r) => {
    const key = normaliseName(r.name);
    if (!key || names.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CriticalChange {
  /** A confirmed critical sub-supplier the new answer no longer names. */
  removed: string[];
  /** Names in the new answer that are not on the list (a possible replacement). */
  added: string[];
}

/**
 * What a submitted answer changes about the critical sub-suppliers: those confirmed as critical
 * that it no longer names ("outsources nothing" removes them all). Null when nothing critical changed.
 */
export function criticalSubSupplierChange(
  confirmed: readonly { name: string; critical: boolean }[],
  answer: { outsources: boolean | null; list: string | null },
): CriticalChange | null {
  if (answer.outsources === null && answer.list === null) return null;
  const reported = answer.outsources === false ? [] : parseSubSupplierAnswer(answer.list ?? "");
  const reportedNames = new Set(reported.map((r) => normaliseName(r.name)));
  // A name counts as still named when the answer mentions it anywhere, not only as a line's first part.
  const text = normaliseName(answer.list ?? "");
  const removed = confirmed
    .filter((c) => c.critical)
    .filter((c) => answer.outsources === false || !(reportedNames.has(normaliseName(c.name)) || text.includes(normaliseName(c.name))))
    .map((c) => c.name);
  if (removed.length === 0) return null;
  const known = new Set(confirmed.map((c) => normaliseName(c.name)));
  return { removed, added: reported.filter((r) => !known.has(normaliseName(r.name))).map((r) => r.name) };
}
