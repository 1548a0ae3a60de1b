/**
 * `npm run backup` and `npm run restore`: the database (SQLite's online backup API, consistent
 * while the server runs) and the evidence store in one gzipped tar archive with a manifest of
 * every file's size and SHA-256. A restore checks everything before it touches the data directory,
 * and never deletes what was there: the old directory is kept aside under a dated name.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar";
import { z } from "zod";
import { backupDatabaseFile, checkDatabaseFile } from "#db/backup";
import { DATABASE_FILE_NAME } from "#db/client";

export const BACKUP_FORMAT = 1;
const MANIFEST = "manifest.json";
const EVIDENCE = "evidence";
const STORAGE_NAME = /^[a-z2-7]{20,64}$/;

const MESSAGES = {
  "archive-missing": ["The backup archive does not exist", "Backup-arkivet findes ikke"],
  "archive-unreadable": ["The backup archive cannot be read (not a gzipped tar archive, or damaged)", "Backup-arkivet kan ikke læses (ikke et gzip-komprimeret tar-arkiv, eller beskadiget)"],
  "unexpected-entry": ["The archive holds something a backup never holds", "Arkivet indeholder noget, en backup aldrig indeholder"],
  "manifest-invalid": ["The archive's manifest is missing or not a Leverandørtjek backup manifest", "Arkivets manifest mangler eller er ikke et Leverandørtjek-backupmanifest"],
  "file-mismatch": ["A file in the archive does not match its manifest entry (size or SHA-256)", "En fil i arkivet passer ikke med manifestet (størrelse eller SHA-256)"],
  "database-invalid": ["The database in the archive is damaged or not a Leverandørtjek database", "Databasen i arkivet er beskadiget eller ikke en Leverandørtjek-database"],
  "target-in-use": [
    "The data directory already holds a database; stop the server and pass --force (the current directory is kept aside, never deleted)",
    "Datamappen har allerede en database; stop serveren og brug --force (den nuværende mappe gemmes til side, slettes aldrig)",
  ],
  "no-database": ["There is no database to back up in the data directory", "Der er ingen database at tage backup af i datamappen"],
} as const;

export type BackupErrorCode = keyof typeof MESSAGES;

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly detail?: string,
  ) {
    const [en, da] = MESSAGES[code];
    super(`${en}${detail ? ` (${detail})` : ""}. / ${da}${detail ? ` (${detail})` : ""}.`);
  }
}

const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  migrations: z.number().int().nonnegative(),
  files: z
    .array(
      z.object({
        path: z.string().refine((p) => p === DATABASE_FILE_NAME || isEvidencePath(p)),
        bytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .refine((files) => files.some((f) => f.path === DATABASE_FILE_NAME)),
});
export type BackupManifest = z.infer<typeof ManifestSchema>;

function isEvidencePath(entry: string): boolean {
  const [dir, name, ...rest] = entry.split("/");
  return dir === EVIDENCE && name !== undefined && STORAGE_NAME.test(name) && rest.length === 0;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

async function describe(dir: string, entry: string): Promise<BackupManifest["files"][number]> {
  const file = path.join(dir, entry);
  return { path: entry, bytes: (await stat(file)).size, sha256: await sha256File(file) };
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

export function defaultBackupFile(now: Date, dir = "backups"): string {
  return path.resolve(dir, `leverandortjek-${timestamp(now)}.tar.gz`);
}

export interface BackupSummary {
  file: string;
  bytes: number;
  evidenceFiles: number;
  migrations: number;
}

/** Writes the archive to `outFile` (whole or not at all: it appears under its name only when done). */
export async function createBackup(options: {
  dataDir: string;
  outFile: string;
  now?: Date;
}): Promise<BackupSummary> {
  const now = options.now ?? new Date();
  const database = path.join(options.dataDir, DATABASE_FILE_NAME);
  if (!existsSync(database)) throw new BackupError("no-database", database);
  await mkdir(path.dirname(options.outFile), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(options.outFile), ".backup-"));
  try {
    // The database first: every file a row in it names was stored before the copy, so it is in
    // the evidence directory when that is copied next.
    await backupDatabaseFile(database, path.join(staging, DATABASE_FILE_NAME));
    const check = checkDatabaseFile(path.join(staging, DATABASE_FILE_NAME));
    if (check.problems.length > 0) throw new BackupError("database-invalid", check.problems.join("; "));

    await mkdir(path.join(staging, EVIDENCE), { mode: 0o700 });
    const sourceEvidence = path.join(options.dataDir, EVIDENCE);
    const stored = existsSync(sourceEvidence) ? (await readdir(sourceEvidence)).filter((n) => STORAGE_NAME.test(n)) : [];
    for (const name of stored) {
      // A file removed since the database copy was taken is simply not there any more.
      await copyFile(path.join(sourceEvidence, name), path.join(staging, EVIDENCE, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
    const copied = (await readdir(path.join(staging, EVIDENCE))).sort();
    const files = [await describe(staging, DATABASE_FILE_NAME)];
    for (const name of copied) files.push(await describe(staging, `${EVIDENCE}/${name}`));
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: now.toISOString(), migrations: check.migrations, files };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    const partial = `${options.outFile}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [
      MANIFEST,
      DATABASE_FILE_NAME,
      EVIDENCE,
    ]);
    await chmod(partial, 0o600);
    await rename(partial, options.outFile);
    return { file: options.outFile, bytes: (await stat(options.outFile)).size, evidenceFiles: copied.length, migrations: check.migrations };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface RestoreSummary {
  dataDir: string;
  /** Where the directory that was there before now lives, if there was one. */
  keptAside: string | null;
  evidenceFiles: number;
  migrations: number;
}

/**
 * Restores an archive into `dataDir`. Everything is extracted and checked beside it first; only
 * a whole, verified backup replaces the directory, and the old one is renamed, never deleted.
 * Stop the server first: it holds the database open.
 */
export async function restoreBackup(options: { archive: string; dataDir: string; force?: boolean; now?: Date }): Promise<RestoreSummary> {
  const now = options.now ?? new Date();
  if (!existsSync(options.archive)) throw new BackupError("archive-missing", options.archive);
  const dataDir = path.resolve(options.dataDir);
  const hasDatabase = existsSync(path.join(dataDir, DATABASE_FILE_NAME));
  if (hasDatabase && !options.force) throw new BackupError("target-in-use", dataDir);

  await mkdir(path.dirname(dataDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(dataDir), ".restore-"));
  let moved = false;
  try {
    const unexpected: string[] = [];
    try {
      await tar.extract({
        file: options.archive,
        cwd: staging,
        strict: true,
        preserveOwner: false,
        filter: (entry, stat) => {
          const name = entry.replace(/\/$/, "");
          const type = (stat as { type?: string }).type;
          const allowed =
            (type === "File" && (name === MANIFEST || name === DATABASE_FILE_NAME || isEvidencePath(name))) ||
            (type === "Directory" && name === EVIDENCE);
          if (!allowed) unexpected.push(name);
          return allowed;
        },
      });
    } catch (error) {
      throw new BackupError("archive-unreadable", error instanceof Error ? error.message : undefined);
    }
    if (unexpected.length > 0) throw new BackupError("unexpected-entry", unexpected.slice(0, 3).join(", "));

    let manifest: BackupManifest;
    try {
      manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(staging, MANIFEST), "utf8")));
    } catch {
      throw new BackupError("manifest-invalid");
    }
    const present = new Set([DATABASE_FILE_NAME, ...(existsSync(path.join(staging, EVIDENCE)) ? (await readdir(path.join(staging, EVIDENCE))).map((n) => `${EVIDENCE}/${n}`) : [])]);
    for (const entry of manifest.files) {
      if (!present.delete(entry.path) || !existsSync(path.join(staging, entry.path))) throw new BackupError("file-mismatch", entry.path);
      const actual = await describe(staging, entry.path);
      if (actual.bytes !== entry.bytes || actual.sha256 !== entry.sha256) throw new BackupError("file-mismatch", entry.path);
    }
    if (present.size > 0) throw new BackupError("file-mismatch", [...present][0]);
    const check = checkDatabaseFile(path.join(staging, DATABASE_FILE_NAME));
    if (check.problems.length > 0) throw new BackupError("database-invalid", check.problems.join("; "));

    await rm(path.join(staging, MANIFEST));
    await mkdir(path.join(staging, EVIDENCE), { recursive: true, mode: 0o700 });
    await chmod(path.join(staging, EVIDENCE), 0o700);
    for (const entry of manifest.files) await chmod(path.join(staging, entry.path), 0o600);

    let keptAside: string | null = null;
    if (existsSync(dataDir)) {
      keptAside = `${dataDir}.before-restore-${timestamp(now)}`;
      await rename(dataDir, keptAside);
    }
    await rename(staging, dataDir);
    moved = true;
    return { dataDir, keptAside, evidenceFiles: manifest.files.length - 1, migrations: check.migrations };
  } finally {
    if (!moved) await rm(staging, { recursive: true, force: true });
  }
}
