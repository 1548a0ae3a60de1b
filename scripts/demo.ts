/**
 * `npm run demo`: migrates the database in DATA_DIR, loads the demo data (once), builds the app
 * if the build is missing or older than the sources, starts the server and prints the URL and
 * the demo logins. Email stays in the outbox (no RESEND_API_KEY), so the whole flow works offline.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_LOGINS, seedDemo } from "../db/factories/demo";
import { getEnv } from "../app/config/env.server";

const root = path.resolve(import.meta.dirname, "..");
const env = getEnv();

const db = openDatabase(path.join(env.DATA_DIR, "leverandortjek.sqlite"));
migrateDatabase(db);
const seeded = await seedDemo(db);
db.$client.close();
console.log(seeded.created ? "Demo data loaded." : "Demo data already present.");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const buildDir = path.resolve(root, process.env.BUILD_DIR ?? "build");
const serverBuild = path.join(buildDir, "server", "index.js");
const sourcesChanged =
  !existsSync(serverBuild) ||
  Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "db"))) > statSync(serverBuild).mtimeMs;
if (sourcesChanged) {
  console.log("Building the app (first run, or the sources changed)…");
  execFileSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
    cwd: root,
    stdio: "inherit",
  });
}

process.env.NODE_ENV = "production";
const { startServer } = (await import(pathToFileURL(path.join(root, "server", "index.js")).href)) as {
  startServer: () => Promise<unknown>;
};
await startServer();

const code = generateTOTP(decodeBase32IgnorePadding(DEMO_ADMIN_TOTP_SECRET), 30, 6);
console.log(`
Leverandørtjek demo: ${env.PUBLIC_URL}
Staff sign-in: ${env.PUBLIC_URL}/login

  role      email                        password
${DEMO_LOGINS.map((l) => `  ${l.role.padEnd(9)} ${l.email.padEnd(28)} ${l.password}`).join("\n")}

The admin uses two-factor authentication. TOTP secret (add it to an authenticator app):
  ${DEMO_ADMIN_TOTP_SECRET}
  current code: ${code}   (npm run demo:code prints a fresh one)
Emails are kept in the outbox: ${env.PUBLIC_URL}/staff/outbox (as admin).
Data directory: ${env.DATA_DIR}
`);
