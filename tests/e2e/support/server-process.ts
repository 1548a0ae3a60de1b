/**
 * Our own server processes for the multi-process tests: the built production server
 * (`node server/index.js`) on a data folder of the test's choosing, started and stopped like
 * `npm start` under a process manager. Ports: E2E_PORT + 100 onwards (E2E_PORT + 100 … + 109).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "../../../db/client";

export const extraPort = (n: number) => Number(process.env.E2E_PORT ?? 3210) + 100 + n;

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** A fresh data folder with a migrated database; `dispose` closes it and removes the folder. */
export function dataFolder(): { dir: string; db: Db; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "leverandortjek-processes-"));
  const db = openDatabase(path.join(dir, "leverandortjek.sqlite"));
  migrateDatabase(db);
  return { dir, db, dispose: () => (db.$client.close(), rmSync(dir, { recursive: true, force: true })) };
}

export async function startServerProcess(options: { dataDir: string; port: number; env?: Record<string, string> }): Promise<ServerProcess> {
  const url = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, ["server/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
      PUBLIC_URL: url,
      JOBS_INTERVAL_SECONDS: "0",
      WEB_CONCURRENCY: "1",
      RESEND_API_KEY: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const started = Date.now();
  while (!/is listening on/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    if (Date.now() - started > 30_000) {
      child.kill("SIGKILL");
      throw new Error(`server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port: options.port,
    url,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
