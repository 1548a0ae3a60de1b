/**
 * The append-only audit log (SECURITY.md row 27): who, what, when, organisation, IP. Never a
 * token or a password: keys that look like secrets are dropped from `details` before writing.
 *
 * Refusals are audited too, each in one place:
 * - `access.refused`: a signed-in staff member refused for their role (403), by `refuseStaff`
 *   (app/auth/staff-session.server.ts), which `requireStaff` and the audit page's own check use.
 * - `access.throttled`: an attempt refused by a rate limit (429), by `consumeRateLimit`'s `audit`
 *   option (app/security/rate-limit.server.ts): the first refusal of each window per bucket and
 *   subject, so a client hammering a throttled form cannot flood the log (the counter keeps
 *   counting the rest).
 * - `supplier.invitation_refused`: an expired or revoked invitation link used to start a session
 *   (app/supplier-portal/invitation-entry.server.ts).
 *
 * The organisation is the one the attempt concerned when that is known: the signed-in user's,
 * the named account's, the invitation's or reset link's. When it is not (an unknown e-mail
 * address, a token that matches nothing) `orgId` is null — the column allows it and no
 * organisation is ever guessed. Such rows are kept for the operator (database, not UI): every
 * audit page lists one organisation's rows only.
 */
import { getDb, type Db } from "#db/client";
import { insertAudit } from "#db/repos/audit";
import type { AuditAction } from "./actions";

export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from "./actions";

export type AuditActor =
  | { type: "staff"; id: string; label?: string }
  | { type: "supplier"; id: string; label?: string }
  | { type: "system"; id?: undefined; label?: string }
  | { type: "anonymous"; id?: undefined; label?: string };

export interface AuditEntry {
  orgId: string | null;
  actor: AuditActor;
  /**
   * Dotted verb, e.g. "staff.login", "assessment.decided", "evidence.downloaded": one of
   * AUDIT_ACTIONS (app/audit/actions.ts), where a new action is added together with its label.
   */
  action: AuditAction;
  target?: { type: string; id: string };
  ip?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** The actor for a signed-in staff member. */
export function staffActor(user: { id: string; name: string }): AuditActor {
  return { type: "staff", id: user.id, label: user.name };
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
