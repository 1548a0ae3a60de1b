/**
 * The job runner behind `npm run jobs` and the server's in-process interval. Each job must be
 * idempotent on its own (reminders, for instance, claim a unique key before sending), so that
 * running the jobs twice does nothing twice. On top of that, `runJobsUnderLease` lets only the
 * holder of the database lease "jobs" run them, so the workers of a cluster, several servers on
 * one database and `npm run jobs` never run them at the same time (docs/decisions/0140).
 */
import { hostname } from "node:os";
import { getDb, type Db } from "#db/client";
import { finishJobRun, insertJobRun } from "#db/repos/job-runs";
import { acquireLease, findLease, releaseLease } from "#db/repos/leases";
import { generateToken, newId } from "~/security/tokens.server";
import { JOBS } from "./registry.server";

export interface JobContext {
  db: Db;
  now: Date;
}

export interface Job {
  name: string;
  run(context: JobContext): Promise<Record<string, unknown>> | Record<string, unknown>;
}

export interface JobResult {
  job: string;
  status: "succeeded" | "failed";
  details: Record<string, unknown>;
}

export interface RunJobsOptions {
  db?: Db;
  now?: Date;
  jobs?: readonly Job[];
  /** Recorded on each job run: who ran it (the lease holder). */
  runner?: string;
  /** Asked before each job; false stops the run there (lease lost, shutting down). */
  beforeJob?: () => boolean;
}

export async function runJobs(options: RunJobsOptions = {}): Promise<JobResult[]> {
  const db = options.db ?? getDb();
  const results: JobResult[] = [];
  for (const job of options.jobs ?? JOBS) {
    if (options.beforeJob && !options.beforeJob()) break;
    const now = options.now ?? new Date();
    const id = newId();
    insertJobRun(db, { id, job: job.name, startedAt: now, status: "running", runner: options.runner ?? null });
    try {
      const details = await job.run({ db, now });
      finishJobRun(db, id, { status: "succeeded", finishedAt: new Date(), details });
      results.push({ job: job.name, status: "succeeded", details });
    } catch (error) {
      const details = { error: error instanceof Error ? error.message : String(error) };
      finishJobRun(db, id, { status: "failed", finishedAt: new Date(), details });
      results.push({ job: job.name, status: "failed", details });
    }
  }
  return results;
}

export const JOB_LEASE = "jobs";

/** A name for this process as a lease holder: host, pid and a random part (pids are reused). */
export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${generateToken().slice(0, 8)}`;
}

/** How long a lease lasts unrenewed: past the next interval's tick, and at least a minute. */
export function jobLeaseTtlMs(intervalSeconds: number): number {
  return Math.max(60_000, 2 * intervalSeconds * 1000 + 30_000);
}

export type LeasedRun =
  | { ran: true; results: JobResult[]; leaseLost: boolean }
  | { ran: false; heldBy: string | null; until: Date | null };

/**
 * Runs the jobs if `runner` holds (or can take) the job lease; renews it before each job and on a
 * timer while a job runs, and stops when it was lost (it expired and another runner took it).
 * `release: true` gives it up afterwards (a one-off run); a server keeps it between its ticks, so
 * it stays the one runner until it stops or dies. `stop` (shutdown) stops the run between jobs.
 */
export async function runJobsUnderLease(options: {
  runner: string;
  ttlMs: number;
  release: boolean;
  db?: Db;
  /** The real clock, for the lease. */
  now?: () => Date;
  /** The time the jobs treat as now (`LT_NOW` for `npm run jobs`); each job's start by default. */
  jobsNow?: Date;
  jobs?: readonly Job[];
  stop?: AbortSignal;
}): Promise<LeasedRun> {
  const db = options.db ?? getDb();
  const clock = options.now ?? (() => new Date());
  const renew = () => acquireLease(db, JOB_LEASE, options.runner, clock(), options.ttlMs);
  if (!renew()) {
    const lease = findLease(db, JOB_LEASE);
    return { ran: false, heldBy: lease?.holder ?? null, until: lease?.expiresAt ?? null };
  }
  let leaseLost = false;
  const timer = setInterval(() => {
    if (!leaseLost && !renew()) leaseLost = true;
  }, Math.max(1000, Math.floor(options.ttlMs / 3)));
  timer.unref();
  try {
    const results = await runJobs({
      db,
      now: options.jobsNow,
      jobs: options.jobs,
      runner: options.runner,
      beforeJob: () => {
        if (options.stop?.aborted || leaseLost) return false;
        if (!renew()) leaseLost = true;
        return !leaseLost;
      },
    });
    return { ran: true, results, leaseLost };
  } finally {
    clearInterval(timer);
    if (options.release) releaseLease(db, JOB_LEASE, options.runner, clock());
  }
}
