// Starts the built production server for the end-to-end tests on a fresh database in
// data-e2e/, with email kept in the outbox and the in-process job runner off.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dataDir = path.resolve(root, process.env.E2E_DATA_DIR ?? "data-e2e");
rmSync(dataDir, { recursive: true, force: true });
process.chdir(root);
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.PUBLIC_URL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
process.env.JOBS_INTERVAL_SECONDS = "0";
delete process.env.RESEND_API_KEY;
const { startServer } = await import(path.join(root, "server", "index.js"));
await startServer();
