/**
 * Set-up for the staff-side tests: organisations with staff of every role and signed-in sessions,
 * and helpers that call route loaders/actions with real Requests and report what came back.
 */
import { getDb } from "#db/client";
import { makeOrganisation, makeSupplier, makeUser } from "#db/factories/core";
import type { OrgSettings, StaffRole } from "#db/schema";
import { createStaffSession } from "~/auth/staff-session.server";

export const BASE = "http://localhost:3000";
export const CONTEXT = { requestId: "test", nonce: "n", ip: "127.0.0.1" };

export async function staffOf(orgId: string, role: StaffRole, overrides: { name?: string; totpSecret?: string; password?: string } = {}) {
  const db = getDb();
  const user = await makeUser(db, orgId, { role, ...overrides });
  const { token } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true }, { db });
  return { user, token, cookie: `lt_session=${token}` };
}

export async function makeOrgWithStaff(settings: Partial<OrgSettings> = {}) {
  const db = getDb();
  const org = makeOrganisation(db, { settings });
  const admin = await staffOf(org.id, "admin", { name: "Anne Admin" });
  const reviewer = await staffOf(org.id, "reviewer", { name: "Rikke Reviewer" });
  const viewer = await staffOf(org.id, "viewer", { name: "Vera Viewer" });
  return { org, admin, reviewer, viewer };
}
export type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;

export function supplierOf(orgId: string, overrides: Parameters<typeof makeSupplier>[2] = {}) {
  return makeSupplier(getDb(), orgId, overrides);
}

export function get(path: string, cookie = "", headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers: { Cookie: cookie, "Accept-Language": "da", ...headers } });
}

export function post(path: string, cookie: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "da", ...headers },
  });
}

export function postMultipart(path: string, cookie: string, form: FormData): Request {
  return new Request(`${BASE}${path}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: BASE } });
}

export interface CallResult {
  status: number;
  value: unknown;
  body: string;
  headers: Headers;
}

/** Runs a loader/action and returns what it returned or threw, with the HTTP status. */
export async function call<T>(fn: () => T | Promise<T>): Promise<CallResult> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const body = await value.clone().text();
    return { status: value.status, value, body, headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = value as { data: unknown; init: { status?: number; headers?: HeadersInit } | null };
    return { status: wrapped.init?.status ?? 200, value: wrapped.data, body: JSON.stringify(wrapped.data), headers: new Headers(wrapped.init?.headers) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, value, body: JSON.stringify(value), headers: new Headers() };
}

export function args(request: Request, params: Record<string, string> = {}, context = CONTEXT) {
  return { request, params, context } as never;
}

/** The session token in a Set-Cookie header, as a Cookie header value. */
export function sessionCookieFrom(result: CallResult): string {
  const header = result.headers.get("Set-Cookie") ?? "";
  const match = /lt_session=([^;]*)/.exec(header);
  if (!match || !match[1]) throw new Error(`no session cookie in ${header}`);
  return `lt_session=${match[1]}`;
}
