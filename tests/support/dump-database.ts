import type { Db } from "../../db/client";

/** Every row of every table, in a stable order: compare two of these to see that nothing changed. */
export function dumpDatabase(database: Db): Record<string, unknown[]> {
  const tables = database.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, database.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
