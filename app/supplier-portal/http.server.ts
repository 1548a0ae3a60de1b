/** Small responses for the supplier portal's resource routes (autosave, evidence). */
import { getSupplierFromRequest, supplierSessionCookie, type SupplierContext } from "./supplier-session.server";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function wantsJson(request: Request): boolean {
  return (request.headers.get("Accept") ?? "").includes("application/json");
}

/** The session for a resource route, or the 401 answer to return (JSON, or the session-ended page via /s). */
export function supplierOrUnauthorised(request: Request): { ctx: SupplierContext; response?: undefined } | { ctx?: undefined; response: Response } {
  const ctx = getSupplierFromRequest(request);
  if (ctx) return { ctx };
  const clear = { "Set-Cookie": supplierSessionCookie.clear() };
  if (wantsJson(request)) return { response: json({ kind: "session-ended" }, 401, clear) };
  return { response: new Response(null, { status: 303, headers: { Location: "/s", ...clear } }) };
}
