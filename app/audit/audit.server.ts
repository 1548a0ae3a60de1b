/**
 * The append-only audit log (SECURITY.md row 27): who, what, when, organisation, IP. Never a
 * token or a password: keys that look like secrets are dropped from `details` before writing.
 */
import { getDb, type Db } from "#db/client";
import { insertAudit } from "#db/repos/audit";

export type AuditActor =
  | { type: "staff"; id: string; label?: string }
  | { type: "supplier"; id: string; label?: string }
  | { type: "system"; id?: undefined; label?: string }
  | { type: "anonymous"; id?: undefined; label?: string };

export interface AuditEntry {
  orgId: string | null;
  actor: AuditActor;
  /** Dotted verb, e.g. "staff.login", "assessment.decided", "evidence.downloaded". */
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

const SECRET_KEY = /token|password|secret|code|hash/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, inner]) => [key, scrub(inner)]),
    );
  }
  return value;
}

export function recordAudit(entry: AuditEntry, db: Db = getDb()): void {
  insertAudit(db, {
    orgId: entry.orgId,
    at: entry.at ?? new Date(),
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    details: entry.details ? (scrub(entry.details) as Record<string, unknown>) : null,
  });
}
