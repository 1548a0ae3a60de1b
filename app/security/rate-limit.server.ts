/**
 * Throttling kept in the database (SECURITY.md row 14): limits hold across restarts and across
 * processes. Callers name the bucket and the subject (IP, account); a refused attempt throws a
 * localised 429.
 */
import { getDb, type Db } from "#db/client";
import { hitRateLimit, peekRateLimit, resetRateLimit } from "#db/repos/rate-limits";
import { recordAudit, type AuditEntry } from "~/audit/audit.server";

export interface RateLimitRule {
  /** Bucket name, e.g. "login-ip". */
  name: string;
  limit: number;
  windowMs: number;
}

export const RATE_LIMITS = {
  loginPerIp: { name: "login-ip", limit: 30, windowMs: 15 * 60_000 },
  loginPerAccount: { name: "login-account", limit: 10, windowMs: 15 * 60_000 },
  totpPerAccount: { name: "totp-account", limit: 5, windowMs: 15 * 60_000 },
  resetPerIp: { name: "reset-ip", limit: 10, windowMs: 60 * 60_000 },
  resetPerAccount: { name: "reset-account", limit: 3, windowMs: 60 * 60_000 },
  invitationTokenPerIp: { name: "invite-token-ip", limit: 10, windowMs: 10 * 60_000 },
  emailSendPerUser: { name: "email-send-user", limit: 200, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimitRule>;

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate limited");
  }
}

/**
 * Who a throttled attempt is recorded against: the organisation and account it concerned when
 * known (else `orgId: null`, never a guess), the actor and the IP. Never the subject itself (an
 * e-mail address, a token). A function is called only when the attempt is refused.
 */
export type ThrottledAttempt = Pick<AuditEntry, "orgId" | "actor" | "target" | "ip">;

/**
 * Counts an attempt; throws RateLimitedError when the limit is exceeded. With `audit`, the first
 * refusal of a window is recorded as `access.throttled` (SECURITY.md row 27); later ones in the
 * same window are only counted, so a throttled client cannot flood the audit log.
 */
export function consumeRateLimit(
  rule: RateLimitRule,
  subject: string,
  options: { now?: Date; db?: Db; audit?: ThrottledAttempt | (() => ThrottledAttempt) } = {},
): void {
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const { count, windowStartedAt } = hitRateLimit(db, `${rule.name}:${subject}`, rule.windowMs, now);
  if (count > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStartedAt.getTime() + rule.windowMs - now.getTime()) / 1000));
    if (options.audit && count === rule.limit + 1) {
      const attempt = typeof options.audit === "function" ? options.audit() : options.audit;
      recordAudit({ ...attempt, action: "access.throttled", details: { limit: rule.name, retryAfterSeconds }, at: now }, db);
    }
    throw new RateLimitedError(retryAfterSeconds);
  }
}

export function isRateLimited(rule: RateLimitRule, subject: string, options: { now?: Date; db?: Db } = {}): boolean {
  return peekRateLimit(options.db ?? getDb(), `${rule.name}:${subject}`, rule.windowMs, options.now ?? new Date()) >= rule.limit;
}

/**
 * A lookup by a secret token from a URL (SECURITY.md rows 8 and 9). A token that opens something
 * writes nothing (mail scanners prefetch links); one that opens nothing counts against the IP; an
 * IP over the limit is refused even with a good token, so guessing gains nothing. Throws
 * RateLimitedError (the first refusal of a window is audited as `access.throttled`).
 */
export function lookUpTokenThrottled<T>(
  rule: RateLimitRule,
  ip: string,
  lookUp: () => T | null | undefined,
  options: { now?: Date; db?: Db; audit?: ThrottledAttempt | (() => ThrottledAttempt) } = {},
): T | null {
  if (isRateLimited(rule, ip, options)) {
    // Counting it too keeps the Retry-After honest for a client that keeps trying.
    consumeRateLimit(rule, ip, options);
    throw new RateLimitedError(Math.ceil(rule.windowMs / 1000));
  }
  const found = lookUp() ?? null;
  if (found === null) consumeRateLimit(rule, ip, options);
  return found;
}

/** Clears a subject's counter, e.g. an account's failed logins after a successful one. */
export function clearRateLimit(rule: RateLimitRule, subject: string, db: Db = getDb()): void {
  resetRateLimit(db, `${rule.name}:${subject}`);
}
