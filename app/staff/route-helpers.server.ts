import { withRateLimitPage } from "~/http/errors.server";

/** For `.catch()` on async domain calls: a RateLimitedError becomes the localised 429 page. */
export function rethrowRateLimit(error: unknown): never {
  return withRateLimitPage(() => {
    throw error;
  });
}

/** The client IP the server passes in the load context. */
export function clientIp(context: { ip?: string } | undefined): string {
  return context?.ip ?? "unknown";
}
