/** `npm run db:seed`: loads the demo organisation into DATA_DIR (idempotent). */
import path from "node:path";
import { migrateDatabase, openDatabase } from "../db/client";
import { seedDemo } from "../db/factories/demo";
import { getEnv } from "../app/config/env.server";

const db = openDatabase(path.join(getEnv().DATA_DIR, "leverandortjek.sqlite"));
migrateDatabase(db);
const result = await seedDemo(db);
db.$client.close();
console.log(result.created ? `Demo data loaded: Demo Kommune with ${result.supplierCount} suppliers.` : "Demo data already present; nothing changed.");
