/**
 * The time the job runner treats as "now". `LT_NOW` (an ISO instant) moves it, so a test can run
 * `npm run jobs` a year ahead and see what the schedule does; it is refused in production unless
 * `LT_ALLOW_TEST_CLOCK=1` says so explicitly (a staging copy rehearsing the yearly run).
 */
export class ClockError extends Error {}

export function clockNow(env: Record<string, string | undefined> = process.env, real: () => Date = () => new Date()): Date {
  const value = env.LT_NOW;
  if (value === undefined || value === "") return real();
  if (env.NODE_ENV === "production" && env.LT_ALLOW_TEST_CLOCK !== "1") {
    throw new ClockError("LT_NOW is set in production; set LT_ALLOW_TEST_CLOCK=1 as well if that is really meant");
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(instant.getTime())) {
    throw new ClockError(`LT_NOW must be an ISO date or instant, such as 2027-01-15T08:00:00Z (got ${JSON.stringify(value)})`);
  }
  return instant;
}
