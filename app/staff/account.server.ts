/**
 * A signed-in user's own account: re-authentication, password change, enrolling and removing the
 * second factor, recovery codes, and signing out (here or everywhere). SECURITY.md rows 4–6, 12, 15.
 */
import { getDb, type Db } from "#db/client";
import { findOrganisation } from "#db/repos/organisations";
import { countUnusedRecoveryCodes, deleteRecoveryCodes, deleteUserSessionByHandle, listUserSessions, setTotp, updateUserPasswordHash } from "#db/repos/users";
import { recordAudit, staffActor } from "~/audit/audit.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import {
  createStaffSession,
  invalidateAllStaffSessions,
  invalidateStaffSession,
  type StaffContext,
} from "~/auth/staff-session.server";
import { consumeRateLimit, RATE_LIMITS, type ThrottledAttempt } from "~/security/rate-limit.server";
import { passwordProblem } from "./password-policy.server";
import { issueRecoveryCodes, matchingTotpStep } from "./totp.server";
import { twoFactorRequired } from "./two-factor-policy";

interface Options {
  now?: Date;
  db?: Db;
}

/** A throttled password or code check of the signed-in user, for `consumeRateLimit`'s audit. */
function throttled(context: StaffContext, ip: string): ThrottledAttempt {
  return { orgId: context.user.orgId, actor: staffActor(context.user), target: { type: "user", id: context.user.id }, ip };
}

/**
 * Confirms the password for a sensitive action; on success the old session is replaced by a new
 * one marked as just re-authenticated (no fixation, SECURITY.md row 4).
 */
export async function reauthenticate(
  context: StaffContext,
  password: string,
  ip: string,
  options: Options = {},
): Promise<{ kind: "invalid" } | { kind: "ok"; cookie: string }> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.loginPerAccount, context.user.email, { now, db, audit: throttled(context, ip) });
  const valid = context.user.passwordHash ? await verifyPassword(context.user.passwordHash, password) : false;
  if (!valid) {
    recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.reauthentication.failed", ip, at: now }, db);
    return { kind: "invalid" };
  }
  invalidateStaffSession(context.session.id, db);
  const { cookie } = createStaffSession(
    {
      userId: context.user.id,
      orgId: context.user.orgId,
      twoFactorVerified: context.session.twoFactorVerified,
      ip,
      userAgent: context.session.userAgent,
    },
    { now, db },
  );
  recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.reauthenticated", ip, at: now }, db);
  return { kind: "ok", cookie };
}

export type FieldProblem = { field: string; message: string };

/** Changes the password (the current one is required) and ends every other session. */
export async function changePassword(
  context: StaffContext,
  input: { currentPassword: string; password: string },
  ip: string,
  options: Options = {},
): Promise<FieldProblem | null> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.loginPerAccount, context.user.email, { now, db, audit: throttled(context, ip) });
  const valid = context.user.passwordHash ? await verifyPassword(context.user.passwordHash, input.currentPassword) : false;
  if (!valid) return { field: "currentPassword", message: "staff.account.password.currentWrong" };
  const problem = passwordProblem(input.password, { email: context.user.email });
  if (problem) return { field: "password", message: problem };
  updateUserPasswordHash(db, context.user.id, await hashPassword(input.password));
  invalidateAllStaffSessions(context.user.id, { exceptSessionId: context.session.id, db });
  recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.password.changed", ip, at: now }, db);
  return null;
}

/**
 * Confirms a new TOTP secret with a code from the authenticator; stores it, marks the session as
 * verified and returns fresh recovery codes (shown once).
 */
export function enrolTwoFactor(
  context: StaffContext,
  input: { secret: string; code: string },
  ip: string,
  options: Options & { markSessionVerified?: (sessionId: string, now: Date) => void } = {},
): { kind: "invalid" } | { kind: "ok"; recoveryCodes: string[] } {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.totpPerAccount, context.user.id, { now, db, audit: throttled(context, ip) });
  const step = matchingTotpStep(input.secret, input.code, now);
  if (step === null) return { kind: "invalid" };
  setTotp(db, context.user.id, input.secret, step);
  const recoveryCodes = issueRecoveryCodes(context.user.id, { now, db });
  options.markSessionVerified?.(context.session.id, now);
  invalidateAllStaffSessions(context.user.id, { exceptSessionId: context.session.id, db });
  recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.two-factor.enabled", ip, at: now }, db);
  return { kind: "ok", recoveryCodes };
}

/** Removes the second factor, unless the user's role or the organisation requires it. */
export function disableTwoFactor(context: StaffContext, ip: string, options: Options = {}): "ok" | "required" {
  const db = options.db ?? getDb();
  const organisation = findOrganisation(db, context.user.orgId)!;
  if (twoFactorRequired(context.user, organisation.settings)) return "required";
  setTotp(db, context.user.id, null, null);
  deleteRecoveryCodes(db, context.user.id);
  recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.two-factor.disabled", ip, at: options.now }, db);
  return "ok";
}

export function regenerateRecoveryCodes(context: StaffContext, ip: string, options: Options = {}): string[] {
  const db = options.db ?? getDb();
  const codes = issueRecoveryCodes(context.user.id, { now: options.now, db });
  recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.recovery-codes.regenerated", ip, at: options.now }, db);
  return codes;
}

export function signOut(context: StaffContext, ip: string, scope: "this" | "all", options: Options = {}): number {
  const db = options.db ?? getDb();
  const ended = scope === "all" ? invalidateAllStaffSessions(context.user.id, { db }) : (invalidateStaffSession(context.session.id, db), 1);
  recordAudit(
    { orgId: context.user.orgId, actor: staffActor(context.user), action: scope === "all" ? "staff.logout.everywhere" : "staff.logout", ip, at: options.now, details: { sessions: ended } },
    db,
  );
  return ended;
}

export function recoveryCodesLeft(userId: string, db: Db = getDb()): number {
  return countUnusedRecoveryCodes(db, userId);
}


/** My live sessions, with the current one marked. */
export function mySessions(context: StaffContext, options: Options = {}) {
  const current = context.session.id.slice(0, 16);
  return listUserSessions(options.db ?? getDb(), context.user.id, options.now ?? new Date()).map((s) => ({ ...s, current: s.handle === current }));
}

/** Ends one of my other sessions (by its handle); false when there is none such. */
export function endMySession(context: StaffContext, handle: string, ip: string, options: Options = {}): boolean {
  const db = options.db ?? getDb();
  if (!/^[0-9a-f]{16}$/.test(handle) || handle === context.session.id.slice(0, 16)) return false;
  const ended = deleteUserSessionByHandle(db, context.user.id, handle);
  if (ended > 0) recordAudit({ orgId: context.user.orgId, actor: staffActor(context.user), action: "staff.session.ended", ip, at: options.now }, db);
  return ended > 0;
}
