/**
 * A production server of a test's own (own port, data directory and captured output), for what
 * the shared e2e server cannot show: its log, a crash and restart, other environment settings.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { openDatabase } from "../../../db/client";

export interface OwnServer {
  base: string;
  port: number;
  dataDir: string;
  output(): string;
  /** Opens the server's database file (close it when done). */
  db(): ReturnType<typeof openDatabase>;
  /** SIGTERM and wait; the data directory stays for a restart. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown, as in a crash or power cut of the process. */
  kill(): Promise<void>;
  /** Stop and remove the data directory. */
  dispose(): Promise<void>;
}

/** A port nobody listens on now (the system's choice), so parallel workers never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startOwnServer(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<OwnServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "leverandortjek-own-"));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["server/index.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, JOBS_INTERVAL_SECONDS: "0", WEB_CONCURRENCY: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 20_000 }).toContain("listening");
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    base: `http://localhost:${port}`,
    port,
    dataDir,
    output: () => output,
    db: () => openDatabase(path.join(dataDir, "leverandortjek.sqlite")),
    stop: () => signal("SIGTERM"),
    kill: async () => {
      await signal("SIGKILL");
    },
    async dispose() {
      await signal("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
