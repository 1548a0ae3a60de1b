/**
 * Shared set-up for the review tests: two organisations with staff of every role and signed-in
 * sessions, and helpers to call route loaders/actions with real Requests.
 */
import { getDb } from "#db/client";
import { makeOrganisation, makeSupplier, makeUser } from "#db/factories/core";
import { makeSubmittedAssessment, type SubmittedAssessmentOptions } from "#db/factories/review";
import type { StaffRole } from "#db/schema";
import { createStaffSession } from "~/auth/staff-session.server";

export const BASE = "http://localhost:3000";
export const CONTEXT = { requestId: "test", nonce: "n", ip: "127.0.0.1" };

export async function staffOf(orgId: string, role: StaffRole, name?: string) {
  const db = getDb();
  const user = await makeUser(db, orgId, { role, ...(name ? { name } : {}) });
  const { token } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true }, { db });
  return { user, cookie: `lt_session=${token}` };
}

export async function makeOrgWithStaff() {
  const db = getDb();
  const org = makeOrganisation(db);
  const reviewer = await staffOf(org.id, "reviewer", "Rikke Reviewer");
  const colleague = await staffOf(org.id, "reviewer", "Carl Kollega");
  const viewer = await staffOf(org.id, "viewer", "Vera Viewer");
  const admin = await staffOf(org.id, "admin", "Anne Admin");
  return { org, reviewer, colleague, viewer, admin };
}

export function submitted(
  orgId: string,
  supplierOverrides: Parameters<typeof makeSupplier>[2] = {},
  options: SubmittedAssessmentOptions = {},
) {
  const db = getDb();
  const { supplier, contacts } = makeSupplier(db, orgId, supplierOverrides);
  return { supplier, contacts, ...makeSubmittedAssessment(db, { orgId, supplier, contacts }, options) };
}

export function get(path: string, cookie: string): Request {
  return new Request(`${BASE}${path}`, { headers: { Cookie: cookie, "Accept-Language": "da" } });
}

/** A form post; a field given as a list is sent once per value, as checkboxes are. */
export function post(path: string, cookie: string, fields: Record<string, string | readonly string[]>): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of typeof value === "string" ? [value] : value) body.append(name, v);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

/** Runs a loader/action and returns what it returned or threw, with the HTTP status. */
export async function call<T>(fn: () => T | Promise<T>): Promise<{ status: number; value: unknown; body: string }> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const body = await value.clone().text();
    return { status: value.status, value, body };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = value as { data: unknown; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, value: wrapped.data, body: JSON.stringify(wrapped.data) };
  }
  return { status: 200, value, body: JSON.stringify(value) };
}

export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: CONTEXT } as never;
}
