/**
 * `npm run backup [-- --out <file>]`: a consistent online backup of the database and the evidence
 * store in DATA_DIR, into one archive (default backups/leverandortjek-<time>.tar.gz). Safe while
 * the server runs.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { getEnv } from "../app/config/env.server";
import { BackupError, createBackup, defaultBackupFile } from "../app/operations/backup.server";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const env = getEnv();
try {
  const summary = await createBackup({ dataDir: env.DATA_DIR, outFile: path.resolve(values.out ?? defaultBackupFile(new Date())) });
  console.log(
    `Backup written: ${summary.file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB, database at migration ${summary.migrations}, ${summary.evidenceFiles} evidence files)`,
  );
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
