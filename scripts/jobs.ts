/**
 * `npm run jobs`: runs every due job once (reminders, escalations, clean-up, …) and prints what
 * each did. Safe to run beside the server or twice in a row: every job is idempotent.
 *
 *   npm run jobs                                  # every job
 *   npm run jobs -- supplier-next-assessment reassessment   # only these, in this order
 *   LT_NOW=2027-03-01T06:00:00Z npm run jobs      # as of that time (not in production: app/config/clock.server.ts)
 */
import { closeDb } from "../db/client";
import { getEnv } from "../app/config/env.server";
import { clockNow } from "../app/config/clock.server";
import { runJobs } from "../app/jobs/job-runner.server";
import { JOBS } from "../app/jobs/registry.server";

getEnv();
const names = process.argv.slice(2);
const unknown = names.filter((name) => !JOBS.some((job) => job.name === name));
if (unknown.length > 0) {
  console.error(`Unknown job ${unknown.join(", ")}; the jobs are: ${JOBS.map((job) => job.name).join(", ")}`);
  process.exit(2);
}
const selected = names.length > 0 ? names.map((name) => JOBS.find((job) => job.name === name)!) : undefined;
const results = await runJobs({ now: clockNow(), jobs: selected });
for (const result of results) {
  console.log(`${result.status === "succeeded" ? "ok  " : "FAIL"} ${result.job} ${JSON.stringify(result.details)}`);
}
closeDb();
process.exit(results.some((r) => r.status === "failed") ? 1 : 0);
