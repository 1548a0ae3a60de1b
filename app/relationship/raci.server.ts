/**
 * The organisation's default RACI matrix and each supplier's own (SPEC C10). A supplier without
 * rows of its own follows the default; saving a matrix for it that differs keeps its own rows;
 * resetting returns it to the default. Every change is audited; an invalid matrix changes nothing.
 */
import { getDb, type Db } from "#db/client";
import { listRaciDefaults, listSupplierRaci, replaceRaciDefaults, replaceSupplierRaci, type RaciRecord } from "#db/repos/relationship";
import { findSupplier } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import type { Locale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { newId } from "~/security/tokens.server";
import { RACI_PARTIES, sameRaci, seedRaci, toRaciCell, validateRaci, type RaciIssue, type RaciRow } from "./raci";

function toRows(records: RaciRecord[]): RaciRow[] {
  return records.map((r) => ({ activity: r.activity, ...Object.fromEntries(RACI_PARTIES.map((p) => [p, toRaciCell(r[p])])) }) as RaciRow);
}

/** The organisation's default: what its admin saved, else the seed's example in its language. */
export function orgRaci(orgId: string, locale: Locale, db: Db = getDb()): { rows: RaciRow[]; seeded: boolean } {
  const stored = listRaciDefaults(db, orgId);
  return stored.length > 0 ? { rows: toRows(stored), seeded: false } : { rows: seedRaci(locale), seeded: true };
}

export interface SupplierRaci {
  rows: RaciRow[];
  /** True while the supplier follows the organisation's default. */
  inherited: boolean;
  issues: RaciIssue[];
}

/** The matrix in force for a supplier of this organisation (the caller has found the supplier). */
export function supplierRaci(orgId: string, supplierId: string, locale: Locale, db: Db = getDb()): SupplierRaci {
  const own = listSupplierRaci(db, orgId, supplierId);
  const rows = own.length > 0 ? toRows(own) : orgRaci(orgId, locale, db).rows;
  return { rows, inherited: own.length === 0, issues: validateRaci(rows) };
}

/** The localised sentence for one problem, naming the activity. */
export function raciIssueText(t: Translator, issue: RaciIssue): string {
  switch (issue.problem) {
    case "no-activities":
      return t("relationship.raci.issue.no-activities");
    case "too-many-activities":
      return t("relationship.raci.issue.too-many-activities", { max: issue.max });
    case "several-accountable":
      return t("relationship.raci.issue.several-accountable", { activity: issue.activity, count: issue.count });
    default:
      return t(`relationship.raci.issue.${issue.problem}`, { activity: issue.activity });
  }
}

export type RaciOutcome = { kind: "ok" } | { kind: "invalid"; issues: RaciIssue[] } | { kind: "not-found" };

const withIds = (rows: RaciRow[]) => rows.map((row) => ({ ...row, activity: row.activity.trim(), id: newId() }));
const actor = (context: StaffContext) => ({ type: "staff" as const, id: context.user.id, label: context.user.name });

export function saveOrgRaci(context: StaffContext, rows: RaciRow[], ip: string, options: { db?: Db; now?: Date; locale?: Locale } = {}): RaciOutcome {
  const db = options.db ?? getDb();
  const issues = validateRaci(rows);
  if (issues.length > 0) return { kind: "invalid", issues };
  const orgId = context.organisation.id;
  const before = orgRaci(orgId, options.locale ?? context.organisation.settings.defaultLocale, db).rows;
  replaceRaciDefaults(db, orgId, withIds(rows));
  recordAudit(
    { orgId, actor: actor(context), action: "organisation.raci.updated", target: { type: "organisation", id: orgId }, ip, details: { before, after: rows }, at: options.now },
    db,
  );
  return { kind: "ok" };
}

/**
 * Saves a supplier's matrix. One that says the same as the default is not kept as the supplier's
 * own: the supplier goes on following the default (and its later changes).
 */
export function saveSupplierRaci(
  context: StaffContext,
  supplierId: string,
  input: { rows: RaciRow[] } | { reset: true },
  ip: string,
  options: { db?: Db; now?: Date; locale?: Locale } = {},
): RaciOutcome {
  const db = options.db ?? getDb();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const locale = options.locale ?? context.organisation.settings.defaultLocale;
  const before = supplierRaci(orgId, supplierId, locale, db);
  let after: RaciRow[] = [];
  if ("rows" in input) {
    const issues = validateRaci(input.rows);
    if (issues.length > 0) return { kind: "invalid", issues };
    after = sameRaci(input.rows, orgRaci(orgId, locale, db).rows) ? [] : input.rows;
  }
  replaceSupplierRaci(db, orgId, supplierId, withIds(after));
  recordAudit(
    {
      orgId,
      actor: actor(context),
      action: after.length > 0 ? "supplier.raci.updated" : "supplier.raci.reset",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { before: before.inherited ? "default" : before.rows, after: after.length > 0 ? after : "default" },
      at: options.now,
    },
    db,
  );
  return { kind: "ok" };
}
