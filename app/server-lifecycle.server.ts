/**
 * What server/index.js calls around the HTTP server: validate settings and migrate before the
 * first request (once, in the cluster's primary), run the jobs on an interval under the job lease
 * (every worker tries; only the lease holder runs them), release it and close the database on
 * shutdown. See docs/decisions/0140-cluster-and-job-lease.md.
 */
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { closeDb, getDb } from "#db/client";
import { releaseLease } from "#db/repos/leases";
import { getEnv } from "~/config/env.server";
import { errorFields, log } from "~/log.server";
import { JOB_LEASE, jobLeaseTtlMs, newRunnerId, runJobsUnderLease } from "~/jobs/job-runner.server";

/** Validates the settings, creates the data folders and migrates the database. */
export function prepareServer(): void {
  const env = getEnv();
  mkdirSync(path.join(env.DATA_DIR, "evidence"), { recursive: true, mode: 0o700 });
  getDb();
}

/**
 * How many worker processes to run: WEB_CONCURRENCY when set; else the machine's available
 * parallelism for `npm start` (`standalone`: server/index.js run as the program in production),
 * and 1 for everything that starts the server from its own code (the demo, the tests).
 */
export function webConcurrency(standalone: boolean): number {
  const configured = getEnv().WEB_CONCURRENCY;
  if (configured !== undefined) return configured;
  return standalone && getEnv().NODE_ENV === "production" ? availableParallelism() : 1;
}

/** Starts the interval; the returned function stops it, waits for a running tick and releases the lease. */
export function startBackgroundJobs(): () => Promise<void> {
  const seconds = getEnv().JOBS_INTERVAL_SECONDS;
  if (seconds === 0) return async () => {};
  const runner = newRunnerId();
  const ttlMs = jobLeaseTtlMs(seconds);
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = async () => {
    const outcome = await runJobsUnderLease({ runner, ttlMs, release: false, stop: stopping.signal });
    if (!outcome.ran) return;
    for (const result of outcome.results) {
      if (result.status === "failed") log("error", "job failed", { job: result.job, details: result.details });
    }
    if (outcome.leaseLost) log("warn", "job lease lost: another runner took it over", { runner });
  };
  const timer = setInterval(() => {
    if (running || stopping.signal.aborted) return;
    running = tick()
      .catch((error: unknown) => log("error", "job runner failed", errorFields(error)))
      .finally(() => (running = undefined));
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await running;
    releaseLease(getDb(), JOB_LEASE, runner, new Date());
  };
}

export function shutdownServer(): void {
  closeDb();
}
