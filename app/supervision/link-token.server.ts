/**
 * The two standing supplier links of this area — the report link (incidents and changes) and the
 * scoped request for one new document — looked up the same way as invitations (SECURITY.md rows
 * 1, 8, 9): only a SHA-256 of the token is stored and compared in constant time; an unknown,
 * revoked, used or expired link gets the same 404 and page; guesses count against the same
 * per-IP budget as invitation links (`invitationTokenPerIp`), and once over it every attempt from
 * that IP gets the localised 429, usable links included. The first throttled attempt of a window
 * is audited as `access.throttled`.
 */
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { tooManyRequests, withRateLimitPage } from "~/http/errors.server";
import { consumeRateLimit, isRateLimited, RATE_LIMITS } from "~/security/rate-limit.server";
import { hashesEqual, hashToken } from "~/security/tokens.server";

export const LINK_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } as const;

export function linkUnusable(): never {
  throw data({ kind: "link-unusable" as const }, { status: 404, headers: LINK_PAGE_HEADERS });
}

/**
 * Finds what a token opens, or answers 404 (counting the guess) / 429. `find` gets the token's
 * hash and returns the row with its stored hash; `usable` says whether it may be used now.
 */
export function lookUpLinkToken<T extends { tokenHash: string; orgId: string | null }>(
  token: string,
  ip: string,
  options: { db: Db; now: Date; find: (tokenHash: string) => T | undefined; usable: (found: T) => boolean },
): T {
  const rule = RATE_LIMITS.invitationTokenPerIp;
  const audit = () => ({ orgId: null, actor: { type: "anonymous" as const }, ip });
  if (isRateLimited(rule, ip, options)) {
    withRateLimitPage(() => consumeRateLimit(rule, ip, { ...options, audit }));
    tooManyRequests(Math.ceil(rule.windowMs / 1000));
  }
  const tokenHash = /^[a-z2-7]{20,64}$/.test(token) ? hashToken(token) : null;
  const found = tokenHash ? options.find(tokenHash) : undefined;
  if (!found || !tokenHash || !hashesEqual(found.tokenHash, tokenHash) || !options.usable(found)) {
    withRateLimitPage(() => consumeRateLimit(rule, ip, { ...options, audit }));
    linkUnusable();
  }
  return found;
}
