/** `npm run db:migrate`: applies db/migrations to the database in DATA_DIR. */
import path from "node:path";
import { migrateDatabase, openDatabase } from "../db/client";
import { getEnv } from "../app/config/env.server";

const env = getEnv();
const file = path.join(env.DATA_DIR, "leverandortjek.sqlite");
const db = openDatabase(file);
migrateDatabase(db);
const { n } = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
db.$client.close();
console.log(`Database ${file} is at migration ${n}.`);
