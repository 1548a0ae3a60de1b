/**
 * The audit page and its CSV export (for admins and viewers): the organisation's append-only log,
 * filtered by action, actor, assessment and date range.
 */
import { getDb, type Db } from "#db/client";
import { listAudit, type AuditFilter, type AuditRow } from "#db/repos/audit";
import { listOrgStaff } from "#db/repos/reviews";
import { badRequest } from "~/http/errors.server";
import { refuseStaff, type StaffContext } from "~/auth/staff-session.server";
import { auditActionLabel } from "~/audit/actions";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator, type Translator } from "~/i18n/translate";
import { AuditFilterSchema, type AuditFilterInput } from "./forms";

export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_EXPORT_MAX = 50_000;

const AUDIT_ROLES = ["admin", "viewer"] as const;

/** The audit log is for admins and for read-only auditors (viewers); a refusal is itself audited. */
export function requireAuditAccess(request: Request, staff: StaffContext, db: Db = getDb()): void {
  if (!(AUDIT_ROLES as readonly string[]).includes(staff.user.role)) throw refuseStaff(request, staff, AUDIT_ROLES, { db });
}

export function parseAuditFilter(url: URL): { input: AuditFilterInput; filter: AuditFilter } {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = AuditFilterSchema.safeParse(raw);
  if (!parsed.success) badRequest();
  const input = parsed.data;
  const filter: AuditFilter = {
    action: input.action,
    actorId: input.actor,
    ...(input.assessment ? { targetType: "assessment", targetId: input.assessment } : {}),
    from: input.from ? new Date(`${input.from}T00:00:00Z`) : undefined,
    to: input.to ? new Date(`${input.to}T23:59:59.999Z`) : undefined,
  };
  return { input, filter };
}

export function loadAuditPage(staff: StaffContext, request: Request, db: Db = getDb()) {
  requireAuditAccess(request, staff, db);
  const { input, filter } = parseAuditFilter(new URL(request.url));
  const page = input.page ?? 1;
  const rows = listAudit(db, staff.organisation.id, filter, AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE);
  return {
    filter: input,
    page,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
      id: row.id,
      at: row.at,
      actorType: row.actorType,
      actor: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      ip: row.ip,
      details: row.details ? JSON.stringify(row.details) : "",
    })),
    staff: listOrgStaff(db, staff.organisation.id),
  };
}

/** A cell safe for spreadsheets: quoted, and formula-looking text prefixed (CSV injection). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** `action` is the stored action (for machines); `action_label` is it as the page shows it, in the reader's language. */
const CSV_COLUMNS = ["id", "at", "actor_type", "actor_id", "actor", "action", "action_label", "target_type", "target_id", "ip", "details"] as const;

export function auditCsv(rows: AuditRow[], t: Translator): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.id,
        row.at,
        row.actorType,
        row.actorId,
        row.actorLabel,
        row.action,
        auditActionLabel(t, row.action),
        row.targetType,
        row.targetId,
        row.ip,
        row.details ? JSON.stringify(row.details) : "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function exportAuditCsv(staff: StaffContext, request: Request, db: Db = getDb()): Response {
  requireAuditAccess(request, staff, db);
  const { filter } = parseAuditFilter(new URL(request.url));
  const rows = listAudit(db, staff.organisation.id, filter, AUDIT_EXPORT_MAX, 0);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(auditCsv(rows, getTranslator(getLocale(request))), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${date}.csv"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
