import path from "node:path";
import { openDatabase, type Db } from "../../../db/client";

let db: Db | undefined;

/** The e2e server's own database file; fixtures insert what a test needs straight into it. */
export function e2eDb(): Db {
  db ??= openDatabase(path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e", "leverandortjek.sqlite"));
  return db;
}
