/**
 * The two standing supplier links of this area — the report link (incidents and changes) and the
 * scoped request for one new document — looked up like invitations (SECURITY.md rows 1, 8, 9)
 * through `lookUpTokenThrottled`: only a SHA-256 of the token is stored and compared in constant
 * time; an unknown, revoked, used or expired link gets the same 404 and page; misses count
 * against the same per-IP budget as invitation links (`invitationTokenPerIp`: one budget for
 * every supplier secret link), and an IP over it gets the localised 429, usable links included.
 * The first throttled attempt of a window is audited as `access.throttled`.
 */
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { withRateLimitPage } from "~/http/errors.server";
import { lookUpTokenThrottled, RATE_LIMITS } from "~/security/rate-limit.server";
import { hashesEqual, hashToken } from "~/security/tokens.server";

export const LINK_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } as const;

function linkUnusable(): never {
  throw data({ kind: "link-unusable" as const }, { status: 404, headers: LINK_PAGE_HEADERS });
}

/**
 * Finds what a token opens, or answers 404 (counting the miss) / 429. `find` gets the token's
 * hash and returns the row with its stored hash; `usable` says whether it may be used now.
 */
export function lookUpLinkToken<T extends { tokenHash: string }>(
  token: string,
  ip: string,
  options: { db: Db; now: Date; find: (tokenHash: string) => T | undefined; usable: (found: T) => boolean },
): T {
  const found = withRateLimitPage(() =>
    lookUpTokenThrottled(
      RATE_LIMITS.invitationTokenPerIp,
      ip,
      () => {
        if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
        const tokenHash = hashToken(token);
        const row = options.find(tokenHash);
        return row && hashesEqual(row.tokenHash, tokenHash) && options.usable(row) ? row : null;
      },
      { db: options.db, now: options.now, audit: () => ({ orgId: null, actor: { type: "anonymous" }, ip }) },
    ),
  );
  if (!found) linkUnusable();
  return found;
}
