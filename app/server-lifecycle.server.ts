/**
 * What server/index.js calls around the HTTP server: validate settings and migrate before the
 * first request, run the jobs on an interval, close the database on shutdown.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "#db/client";
import { getEnv } from "~/config/env.server";
import { runJobs } from "~/jobs/job-runner.server";

export function prepareServer(): void {
  const env = getEnv();
  mkdirSync(path.join(env.DATA_DIR, "evidence"), { recursive: true, mode: 0o700 });
  getDb();
}

export function startBackgroundJobs(): () => void {
  const seconds = getEnv().JOBS_INTERVAL_SECONDS;
  if (seconds === 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const results = await runJobs();
      for (const result of results) {
        if (result.status === "failed") console.error(`job ${result.job} failed`, result.details);
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

export function shutdownServer(): void {
  closeDb();
}
