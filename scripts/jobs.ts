/**
 * `npm run jobs`: runs every due job once (reminders, escalations, clean-up, …) and prints what
 * each did. Safe to run beside the server or twice in a row: every job is idempotent.
 * `LT_NOW=<ISO instant>` runs them as of that time (not in production: app/config/clock.server.ts).
 */
import { closeDb } from "../db/client";
import { getEnv } from "../app/config/env.server";
import { clockNow } from "../app/config/clock.server";
import { runJobs } from "../app/jobs/job-runner.server";

getEnv();
const results = await runJobs({ now: clockNow() });
for (const result of results) {
  console.log(`${result.status === "succeeded" ? "ok  " : "FAIL"} ${result.job} ${JSON.stringify(result.details)}`);
}
closeDb();
process.exit(results.some((r) => r.status === "failed") ? 1 : 0);
