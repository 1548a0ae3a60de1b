/**
 * The database half of `npm run backup` / `npm run restore`: SQLite's online backup API (a
 * consistent copy while the server goes on writing) and the checks a restored file must pass.
 */
import Database from "better-sqlite3";

/** better-sqlite3's largest step: every remaining page at once. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live database at `source` to `destination` with SQLite's online backup API, all
 * pages in one step: that step is one read transaction, which in WAL mode blocks no writer, and a
 * copy made in one step cannot be restarted by their writes (copied a few pages at a time, a
 * busy server's autosaves would restart it for ever). The copy is the database at one moment.
 */
export async function backupDatabaseFile(source: string, destination: string): Promise<void> {
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    await sqlite.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    sqlite.close();
  }
}

export interface DatabaseFileCheck {
  problems: string[];
  /** Migrations applied to it (0 when it is not a database of ours). */
  migrations: number;
}

/** Opens a file read-only and asks SQLite whether it is whole and one of ours. */
export function checkDatabaseFile(file: string): DatabaseFileCheck {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    const problems = integrity.length === 1 && integrity[0] === "ok" ? [] : integrity.slice(0, 10);
    const migrationsTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!migrationsTable) return { problems: [...problems, "no __drizzle_migrations table: not a Leverandørtjek database"], migrations: 0 };
    const { n } = sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
    return { problems, migrations: n };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)], migrations: 0 };
  } finally {
    sqlite?.close();
  }
}
