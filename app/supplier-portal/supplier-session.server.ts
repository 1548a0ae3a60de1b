/**
 * Supplier sessions (SPEC C4, SECURITY.md rows 1–5): the invitation token is exchanged for a
 * session scoped to one assessment. A random token sits in an HttpOnly, SameSite=Lax cookie; only
 * its SHA-256 is stored. Idle expiry (8 hours, sliding) and an absolute maximum (7 days) are both
 * shorter than staff sessions'. Every acceptance issues a new session, and revoking or replacing
 * the invitation ends the sessions opened with it (checked on every request through the join).
 */
import { data } from "@remix-run/node";
import { getDb, type Db } from "#db/client";
import {
  deleteSupplierSession,
  findSupplierSessionContext,
  insertSupplierSession,
  updateSupplierSessionExpiry,
  type SupplierSessionContextRow,
} from "#db/repos/supplier-sessions";
import { defineSessionCookie } from "~/auth/session-cookie.server";
import { generateToken, hashesEqual, hashToken } from "~/security/tokens.server";

const HOUR = 60 * 60 * 1000;
export const SUPPLIER_SESSION_IDLE_MS = 8 * HOUR;
export const SUPPLIER_SESSION_ABSOLUTE_MS = 7 * 24 * HOUR;

export const supplierSessionCookie = defineSessionCookie("lt_supplier");

export type SupplierContext = SupplierSessionContextRow;

export function createSupplierSession(
  input: { orgId: string; assessmentId: string; contactId: string; invitationId: string },
  options: { now?: Date; db?: Db } = {},
): { token: string; sessionId: string; cookie: string } {
  const now = options.now ?? new Date();
  const token = generateToken();
  const sessionId = hashToken(token);
  const absoluteExpiresAt = new Date(now.getTime() + SUPPLIER_SESSION_ABSOLUTE_MS);
  insertSupplierSession(options.db ?? getDb(), {
    id: sessionId,
    ...input,
    expiresAt: new Date(now.getTime() + SUPPLIER_SESSION_IDLE_MS),
    absoluteExpiresAt,
    createdAt: now,
  });
  return { token, sessionId, cookie: supplierSessionCookie.serialize(token, absoluteExpiresAt, now) };
}

/**
 * The session for a cookie token, or null. A session past its idle or absolute expiry, or whose
 * invitation was revoked or has lapsed, or whose assessment was revoked or expired, is deleted.
 * Past half its idle time it is extended (never beyond the absolute expiry).
 */
export function validateSupplierSessionToken(
  token: string,
  options: { now?: Date; db?: Db } = {},
): SupplierContext | null {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const sessionId = hashToken(token);
  const found = findSupplierSessionContext(db, sessionId);
  if (!found || !hashesEqual(found.session.id, sessionId)) return null;
  const { session, assessment } = found;
  if (
    now >= session.expiresAt ||
    now >= session.absoluteExpiresAt ||
    found.invitationRevokedAt !== null ||
    found.invitationExpiresAt <= now ||
    assessment.status === "revoked" ||
    assessment.status === "expired"
  ) {
    deleteSupplierSession(db, session.id);
    return null;
  }
  if (session.expiresAt.getTime() - now.getTime() < SUPPLIER_SESSION_IDLE_MS / 2) {
    const expiresAt = new Date(Math.min(now.getTime() + SUPPLIER_SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    updateSupplierSessionExpiry(db, session.id, expiresAt);
    session.expiresAt = expiresAt;
  }
  return found;
}

export function getSupplierFromRequest(request: Request, options: { now?: Date; db?: Db } = {}): SupplierContext | null {
  const token = supplierSessionCookie.read(request);
  return token ? validateSupplierSessionToken(token, options) : null;
}

/**
 * The guard every supplier loader and action starts with. Without a valid session: 401 with a
 * localised page telling the supplier to open the link from the email again (the route
 * ErrorBoundary in app/routes/s.tsx), and the stale cookie cleared.
 */
export function requireSupplierSession(request: Request, options: { now?: Date; db?: Db } = {}): SupplierContext {
  const context = getSupplierFromRequest(request, options);
  if (!context) {
    throw data(
      { kind: "supplier-session-ended" as const },
      { status: 401, headers: { "Set-Cookie": supplierSessionCookie.clear(), "Cache-Control": "no-store" } },
    );
  }
  return context;
}

export function endSupplierSession(sessionId: string, db: Db = getDb()): void {
  deleteSupplierSession(db, sessionId);
}
