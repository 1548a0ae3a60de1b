import path from "node:path";
import { openDatabase, type Db } from "../../../db/client";

export { dumpDatabase } from "../../support/dump-database";

let db: Db | undefined;

/** The e2e server's own database file; fixtures insert what a test needs straight into it. */
export function e2eDb(): Db {
  db ??= openDatabase(path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? "data-e2e", "leverandortjek.sqlite"));
  return db;
}

/** The build's route manifest: each route's full URL pattern and whether it has a loader and an action. */
export async function manifestRoutes(root = process.cwd()): Promise<{ id: string; pattern: string; loader: boolean; action: boolean }[]> {
  const { pathToFileURL } = await import("node:url");
  const build = (await import(pathToFileURL(path.join(root, process.env.BUILD_DIR ?? "build", "server", "index.js")).href)) as {
    routes: Record<string, { path?: string; parentId?: string; module: { loader?: unknown; action?: unknown } }>;
  };
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent}/${route.path}`.replace(/\/+/g, "/") : parent;
  };
  return Object.entries(build.routes)
    .filter(([id]) => id !== "root")
    .map(([id, route]) => ({ id, pattern: fullPath(id) || "/", loader: Boolean(route.module.loader), action: Boolean(route.module.action) }));
}
