/**
 * Thrown responses the root ErrorBoundary renders as localised pages. Bodies never carry stack
 * traces, SQL or paths (SECURITY.md row 20); the request id is shown instead.
 */
import { data } from "@remix-run/node";
import { RateLimitedError } from "~/security/rate-limit.server";

export function notFound(): never {
  throw data({ kind: "not-found" as const }, { status: 404 });
}

export function forbidden(_request?: Request): Response {
  return new Response(JSON.stringify({ kind: "forbidden" }), {
    status: 403,
    headers: { "Content-Type": "application/json" },
  });
}

export function badRequest(): never {
  throw data({ kind: "bad-request" as const }, { status: 400 });
}

export function tooManyRequests(retryAfterSeconds: number): never {
  throw data(
    { kind: "too-many-requests" as const, retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/** For `.catch()` on async domain calls: a RateLimitedError becomes the localised 429 page. */
export function rethrowRateLimit(error: unknown): never {
  if (error instanceof RateLimitedError) tooManyRequests(error.retryAfterSeconds);
  throw error;
}

/** Runs `fn` (sync or async); a RateLimitedError becomes a localised 429 page. */
export function withRateLimitPage<T>(fn: () => T): T {
  try {
    const result = fn();
    return (result instanceof Promise ? result.catch(rethrowRateLimit) : result) as T;
  } catch (error) {
    rethrowRateLimit(error);
  }
}
