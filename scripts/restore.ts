/**
 * `npm run restore -- <archive> [--force]`: restores a backup into DATA_DIR. Stop the server first.
 * The archive is checked whole (manifest, every file's SHA-256, SQLite's integrity check) before
 * anything changes; an existing data directory is renamed aside, never deleted (--force).
 */
import { parseArgs } from "node:util";
import { getEnv } from "../app/config/env.server";
import { BackupError, restoreBackup } from "../app/operations/backup.server";

const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
const archive = positionals[0];
if (!archive || positionals.length > 1) {
  console.error("Usage: npm run restore -- <archive.tar.gz> [--force]");
  process.exit(2);
}
const env = getEnv();
try {
  const summary = await restoreBackup({ archive, dataDir: env.DATA_DIR, force: values.force });
  console.log(`Restored into ${summary.dataDir}: database at migration ${summary.migrations}, ${summary.evidenceFiles} evidence files.`);
  if (summary.keptAside) console.log(`The data directory that was there is kept as ${summary.keptAside}.`);
  console.log("Start the server: it applies any newer migrations on start.");
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
