import { getDb } from "#db/client";
import { databaseHealth } from "#db/repos/health";

export function loader() {
  try {
    const database = databaseHealth(getDb());
    return Response.json({ status: "ok", database }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json(
      { status: "error", database: { ok: false } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
