/**
 * Password reset by emailed link (C9; SECURITY.md row 10): a 160-bit token of which only the
 * SHA-256 is stored, valid one hour, single use, a new request voids the earlier one, the same
 * answer whether or not the account exists, the second factor asked first when enabled, and every
 * session of the user ended on success.
 */
import { getDb, type Db } from "#db/client";
import { findOrganisation } from "#db/repos/organisations";
import { completePasswordReset, findPasswordResetByTokenHash, insertPasswordReset } from "#db/repos/password-resets";
import { findUserByEmail, type UserRow } from "#db/repos/users";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { invalidateAllStaffSessions } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { passwordResetEmail } from "~/email/templates/password-reset";
import { sendEmail } from "~/email/send-email.server";
import { consumeRateLimit, lookUpTokenThrottled, RATE_LIMITS, type ThrottledAttempt } from "~/security/rate-limit.server";
import { generateToken, hashesEqual, hashToken, newId } from "~/security/tokens.server";
import { passwordProblem } from "./password-policy.server";
import { verifySecondFactor } from "./totp.server";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

interface Options {
  now?: Date;
  db?: Db;
}

export function passwordResetUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/reset-password/${token}`;
}

/** Always resolves the same way; an email goes out only when the account exists and is active. */
export async function requestPasswordReset(email: string, ip: string, options: Options = {}): Promise<void> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  // A throttled request is audited under the named account's organisation when it exists.
  const audit = (): ThrottledAttempt => {
    const named = findUserByEmail(db, email);
    return { orgId: named?.orgId ?? null, actor: { type: "anonymous" }, target: named ? { type: "user", id: named.id } : undefined, ip };
  };
  consumeRateLimit(RATE_LIMITS.resetPerIp, ip, { now, db, audit });
  consumeRateLimit(RATE_LIMITS.resetPerAccount, email, { now, db, audit });
  const user = findUserByEmail(db, email);
  if (!user || user.disabledAt || !user.passwordHash) {
    recordAudit({ orgId: null, actor: { type: "anonymous" }, action: "staff.password-reset.requested-unknown", ip, at: now }, db);
    return;
  }
  const token = generateToken();
  insertPasswordReset(
    db,
    { id: newId(), userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS), createdAt: now },
    now,
  );
  const organisation = findOrganisation(db, user.orgId)!;
  const locale = user.locale ?? organisation.settings.defaultLocale;
  const content = passwordResetEmail({ locale, name: user.name, url: passwordResetUrl(token) });
  await sendEmail({ orgId: user.orgId, to: user.email, locale, ...content }, { db, now });
  recordAudit(
    { orgId: user.orgId, actor: { type: "anonymous" }, action: "staff.password-reset.requested", target: { type: "user", id: user.id }, ip, at: now },
    db,
  );
}

export interface UsableReset {
  resetId: string;
  user: UserRow;
}

/** The reset a token names, whatever its state (used, expired), or null when it names none. */
function findResetByToken(token: string, db: Db) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const found = findPasswordResetByTokenHash(db, tokenHash);
  return found && hashesEqual(found.reset.tokenHash, tokenHash) ? found : null;
}

/** The reset a token opens, or null for unknown, used and expired tokens alike. Reads only. */
export function findUsableReset(token: string, options: Options = {}): UsableReset | null {
  const now = options.now ?? new Date();
  const found = findResetByToken(token, options.db ?? getDb());
  if (!found) return null;
  if (found.reset.usedAt || found.reset.expiresAt <= now || found.user.disabledAt) return null;
  return { resetId: found.reset.id, user: found.user };
}

/** A throttled attempt with a reset link is audited under the organisation of its account, if it names one. */
function resetLinkAttempt(token: string, ip: string, db: Db): () => ThrottledAttempt {
  return () => {
    const owner = findResetByToken(token, db)?.user;
    return { orgId: owner?.orgId ?? null, actor: { type: "anonymous" }, target: owner ? { type: "user", id: owner.id } : undefined, ip };
  };
}

/** For the link's GET: the usable reset or null. Guesses are throttled per IP; a usable link writes nothing. */
export function inspectResetLink(token: string, ip: string, options: Options = {}): UsableReset | null {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  return lookUpTokenThrottled(RATE_LIMITS.resetPerIp, ip, () => findUsableReset(token, { now, db }), {
    now,
    db,
    audit: resetLinkAttempt(token, ip, db),
  });
}

export type ResetOutcome =
  | { kind: "invalid-link" }
  | { kind: "field"; field: "password" | "code"; message: string }
  | { kind: "done" };

export async function resetPassword(
  token: string,
  input: { password: string; code?: string },
  ip: string,
  options: Options = {},
): Promise<ResetOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.resetPerIp, ip, { now, db, audit: resetLinkAttempt(token, ip, db) });
  const reset = findUsableReset(token, { now, db });
  if (!reset) return { kind: "invalid-link" };
  const { user } = reset;
  if (user.totpSecret) {
    consumeRateLimit(RATE_LIMITS.totpPerAccount, user.id, {
      now,
      db,
      audit: { orgId: user.orgId, actor: { type: "anonymous" }, target: { type: "user", id: user.id }, ip },
    });
    if (!input.code) return { kind: "field", field: "code", message: "validation.required" };
    if (!verifySecondFactor(user, input.code, { now, db })) return { kind: "field", field: "code", message: "staff.twoFactor.invalid" };
  }
  const problem = passwordProblem(input.password, { email: user.email });
  if (problem) return { kind: "field", field: "password", message: problem };
  if (!completePasswordReset(db, reset.resetId, user.id, await hashPassword(input.password), now)) return { kind: "invalid-link" };
  invalidateAllStaffSessions(user.id, { db });
  recordAudit(
    { orgId: user.orgId, actor: { type: "staff", id: user.id, label: user.name }, action: "staff.password.reset", target: { type: "user", id: user.id }, ip, at: now },
    db,
  );
  return { kind: "done" };
}
