/**
 * Signing in (C9; SECURITY.md rows 4, 11, 13, 14, 15): throttled per IP and per account, the same
 * answer for unknown, disabled and wrong-password accounts (verified against a dummy hash so the
 * timing matches), a new session on every success, then the second factor when the user has one
 * (or must enrol first when it is required).
 */
import { getDb, type Db } from "#db/client";
import { findOrganisation } from "#db/repos/organisations";
import { findUserByEmail, updateUserPasswordHash, type UserRow } from "#db/repos/users";
import { recordAudit, staffActor } from "~/audit/audit.server";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import { redirect } from "@remix-run/node";
import {
  createStaffSession,
  invalidateStaffSession,
  isRecentlyAuthenticated,
  markTwoFactorVerified,
  staffSessionCookie,
  type StaffContext,
} from "~/auth/staff-session.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { clearRateLimit, consumeRateLimit, RATE_LIMITS, type ThrottledAttempt } from "~/security/rate-limit.server";
import { hashToken } from "~/security/tokens.server";
import { verifySecondFactor } from "./totp.server";
import { twoFactorRequired } from "./two-factor-policy";

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The staff session token the browser already holds, if any: replaced, never reused. */
  existingToken: string | null;
}

export type LoginResult =
  | { kind: "invalid" }
  | { kind: "signed-in"; cookie: string; next: string };

/** Where a freshly signed-in user goes: the second factor, enrolment, or the page asked for. */
function nextStep(user: UserRow, required: boolean, redirectTo: string): string {
  const target = encodeURIComponent(redirectTo);
  if (user.totpSecret) return `/login/two-factor?redirectTo=${target}`;
  if (required) return `/login/two-factor-setup?redirectTo=${target}`;
  return redirectTo;
}

export async function signIn(
  input: { email: string; password: string; redirectTo?: string },
  request: RequestInfo,
  options: { now?: Date; db?: Db } = {},
): Promise<LoginResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  // A throttled attempt is audited under the named account's organisation when it exists.
  const audit = (): ThrottledAttempt => {
    const named = findUserByEmail(db, email);
    return { orgId: named?.orgId ?? null, actor: { type: "anonymous" }, target: named ? { type: "user", id: named.id } : undefined, ip: request.ip };
  };
  consumeRateLimit(RATE_LIMITS.loginPerIp, request.ip, { now, db, audit });
  consumeRateLimit(RATE_LIMITS.loginPerAccount, email, { now, db, audit });

  const user = findUserByEmail(db, email);
  const valid =
    user && user.passwordHash && !user.disabledAt
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user || !user.passwordHash || user.disabledAt) {
    recordAudit(
      {
        orgId: user?.orgId ?? null,
        actor: { type: "anonymous" },
        action: "staff.login.failed",
        target: user ? { type: "user", id: user.id } : undefined,
        ip: request.ip,
        details: user ? undefined : { reason: "unknown-account" },
        at: now,
      },
      db,
    );
    return { kind: "invalid" };
  }
  clearRateLimit(RATE_LIMITS.loginPerAccount, email, db);
  if (needsRehash(user.passwordHash)) updateUserPasswordHash(db, user.id, await hashPassword(input.password));

  const organisation = findOrganisation(db, user.orgId)!;
  const required = twoFactorRequired(user, organisation.settings);
  if (request.existingToken) invalidateStaffSession(hashToken(request.existingToken), db);
  const { cookie } = createStaffSession(
    { userId: user.id, orgId: user.orgId, twoFactorVerified: !user.totpSecret && !required, ip: request.ip, userAgent: request.userAgent },
    { now, db },
  );
  recordAudit(
    {
      orgId: user.orgId,
      actor: { type: "staff", id: user.id, label: user.name },
      action: user.totpSecret || required ? "staff.login.password-accepted" : "staff.login",
      target: { type: "user", id: user.id },
      ip: request.ip,
      at: now,
    },
    db,
  );
  const redirectTo = safeRedirectPath(input.redirectTo, "/staff");
  return { kind: "signed-in", cookie, next: nextStep(user, required, redirectTo === "/" ? "/staff" : redirectTo) };
}

/** The second step: a TOTP or recovery code for a session waiting for it. */
export function completeTwoFactor(
  context: StaffContext,
  code: string,
  ip: string,
  options: { now?: Date; db?: Db } = {},
): "ok" | "invalid" {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.totpPerAccount, context.user.id, {
    now,
    db,
    audit: { orgId: context.user.orgId, actor: staffActor(context.user), target: { type: "user", id: context.user.id }, ip },
  });
  const used = verifySecondFactor(context.user, code, { now, db });
  if (!used) {
    recordAudit(
      { orgId: context.user.orgId, actor: { type: "staff", id: context.user.id }, action: "staff.two-factor.failed", ip, at: now },
      db,
    );
    return "invalid";
  }
  clearRateLimit(RATE_LIMITS.totpPerAccount, context.user.id, db);
  markTwoFactorVerified(context.session.id, now, db);
  recordAudit(
    {
      orgId: context.user.orgId,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "staff.login",
      target: { type: "user", id: context.user.id },
      ip,
      details: { secondFactor: used },
      at: now,
    },
    db,
  );
  return "ok";
}

export function requestInfo(request: Request, ip: string | undefined): RequestInfo {
  return {
    ip: ip ?? "unknown",
    userAgent: request.headers.get("User-Agent"),
    existingToken: staffSessionCookie.read(request),
  };
}

/**
 * A session that passed the password but not yet the second factor is only good for ten minutes:
 * after that it is ended and the user starts again at /login (no loop through /reauthenticate).
 */
export function requirePendingStillFresh(request: Request, context: StaffContext, now = new Date()): void {
  if (context.session.twoFactorVerified || isRecentlyAuthenticated(context.session, now)) return;
  invalidateStaffSession(context.session.id);
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "/staff");
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: { "Set-Cookie": staffSessionCookie.clear() } });
}
