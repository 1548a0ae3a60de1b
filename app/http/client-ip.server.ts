/**
 * The client IP for code that holds the Request but not the load context: the guards
 * (`requireStaff` audits a refusal, SECURITY.md row 27) are called with the request alone from
 * every staff route. server/index.js puts the same value as `context.ip` on every request it
 * hands to Remix under this header, replacing whatever the client sent, so it cannot be forged.
 * Loaders and actions keep using `context.ip`; this is only for the request-only seams.
 */
export const CLIENT_IP_HEADER = "x-leverandortjek-client-ip";

/** The IP the server saw, or null for a request that did not come through server/index.js. */
export function requestClientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER);
}
