/** What every bench/*.bench.ts shares: the figure type, percentiles, the build and child servers. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The nearest-rank percentile (`p` in 0–100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * The production build the HTTP benches serve: built when missing, or afresh with BENCH_REBUILD=1
 * (a build left from older sources measures older code).
 */
export function ensureBuild(buildDir: string): void {
  if (!process.env.BENCH_REBUILD && existsSync(path.join(repoRoot, buildDir, "server", "index.js"))) return;
  console.log(`building ${buildDir} …`);
  const built = spawnSync("npx", ["remix", "vite:build"], { cwd: repoRoot, env: { ...process.env, BUILD_DIR: buildDir }, stdio: "inherit" });
  if (built.status !== 0) throw new Error("build failed");
}

/** Starts a server process from the repository root; its stderr shows in the bench's output. */
export function startChild(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

/** SIGTERM, then SIGKILL if it has not exited in 15 s (a CPU profile is written on exit). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** The production build behind our own server (`node server/index.js`) on `dataDir`, jobs off. */
export function startAppServer(options: { dataDir: string; buildDir: string; port: number; workers: number }): ChildProcess {
  return startChild("node", ["server/index.js"], {
    NODE_ENV: "production",
    DATA_DIR: options.dataDir,
    BUILD_DIR: options.buildDir,
    PORT: String(options.port),
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    JOBS_INTERVAL_SECONDS: "0",
    LOG_REQUESTS: "false",
    WEB_CONCURRENCY: String(options.workers),
  });
}
