/**
 * `npm run jobs`: runs every due job once (reminders, escalations, clean-up, …) and prints what
 * each did. Safe beside the server or twice in a row: it runs only while it holds the job lease
 * (so never at the same time as a server's runner; docs/decisions/0140), and every job is
 * idempotent.
 *
 *   npm run jobs                                  # every job
 *   npm run jobs -- supplier-next-assessment reassessment   # only these, in this order
 *   LT_NOW=2027-03-01T06:00:00Z npm run jobs      # as of that time (not in production: app/config/clock.server.ts)
 */
import { closeDb } from "../db/client";
import { getEnv } from "../app/config/env.server";
import { clockNow } from "../app/config/clock.server";
import { jobLeaseTtlMs, newRunnerId, runJobsUnderLease } from "../app/jobs/job-runner.server";
import { JOBS } from "../app/jobs/registry.server";

getEnv();
const names = process.argv.slice(2);
const unknown = names.filter((name) => !JOBS.some((job) => job.name === name));
if (unknown.length > 0) {
  console.error(`Unknown job ${unknown.join(", ")}; the jobs are: ${JOBS.map((job) => job.name).join(", ")}`);
  process.exit(2);
}
const selected = names.length > 0 ? names.map((name) => JOBS.find((job) => job.name === name)!) : undefined;
const outcome = await runJobsUnderLease({ runner: newRunnerId(), ttlMs: jobLeaseTtlMs(0), release: true, jobs: selected, jobsNow: clockNow() });
if (!outcome.ran) {
  console.log(`skipped: the job lease is held by ${outcome.heldBy} until ${outcome.until?.toISOString()} (that runner runs the jobs)`);
  closeDb();
  process.exit(0);
}
for (const result of outcome.results) {
  console.log(`${result.status === "succeeded" ? "ok  " : "FAIL"} ${result.job} ${JSON.stringify(result.details)}`);
}
if (outcome.leaseLost) console.error("the job lease was lost during the run: another runner took it over");
closeDb();
process.exit(outcome.results.some((r) => r.status === "failed") || outcome.leaseLost ? 1 : 0);
