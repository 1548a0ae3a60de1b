/**
 * The job runner behind `npm run jobs` and the server's in-process interval. Each job must be
 * idempotent on its own (reminders, for instance, claim a unique key before sending), so that
 * running the jobs twice, or two runners at once, does nothing twice.
 */
import { getDb, type Db } from "#db/client";
import { finishJobRun, insertJobRun } from "#db/repos/job-runs";
import { newId } from "~/security/tokens.server";
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

export async function runJobs(options: { db?: Db; now?: Date; jobs?: readonly Job[] } = {}): Promise<JobResult[]> {
  const db = options.db ?? getDb();
  const results: JobResult[] = [];
  for (const job of options.jobs ?? JOBS) {
    const now = options.now ?? new Date();
    const id = newId();
    insertJobRun(db, { id, job: job.name, startedAt: now, status: "running" });
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
