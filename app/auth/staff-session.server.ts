/**
 * Staff sessions after Lucia's current guide (lucia-auth.com/sessions): a random token in the
 * cookie, only its SHA-256 in the database, idle expiry sliding when half used, an absolute
 * maximum, and re-authentication for sensitive actions.
 */
import { redirect } from "@remix-run/node";
import { getDb, type Db } from "#db/client";
import { setRecent } from "#db/recent-map";
import {
  databaseWriteStamp,
  deleteStaffSession,
  deleteUserStaffSessions,
  findStaffSessionWithUser,
  insertStaffSession,
  updateStaffSession,
  type OrganisationRow,
  type StaffSessionRow,
  type UserRow,
} from "#db/repos/staff-sessions";
import type { StaffRole } from "#db/schema";
import { recordAudit, staffActor } from "~/audit/audit.server";
import { requestClientIp } from "~/http/client-ip.server";
import { forbidden } from "~/http/errors.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { generateToken, hashesEqual, hashToken } from "~/security/tokens.server";
import { defineSessionCookie } from "./session-cookie.server";

const DAY = 24 * 60 * 60 * 1000;
export const STAFF_SESSION_IDLE_MS = 30 * DAY;
export const STAFF_SESSION_ABSOLUTE_MS = 90 * DAY;
export const REAUTHENTICATION_WINDOW_MS = 10 * 60 * 1000;

export const staffSessionCookie = defineSessionCookie("lt_session");

export interface StaffContext {
  session: StaffSessionRow;
  user: UserRow;
  organisation: OrganisationRow;
}

export function createStaffSession(
  input: { userId: string; orgId: string; twoFactorVerified: boolean; ip?: string | null; userAgent?: string | null },
  options: { now?: Date; db?: Db } = {},
): { token: string; cookie: string; sessionId: string } {
  const now = options.now ?? new Date();
  const token = generateToken();
  const sessionId = hashToken(token);
  const absoluteExpiresAt = new Date(now.getTime() + STAFF_SESSION_ABSOLUTE_MS);
  insertStaffSession(options.db ?? getDb(), {
    id: sessionId,
    userId: input.userId,
    orgId: input.orgId,
    expiresAt: new Date(now.getTime() + STAFF_SESSION_IDLE_MS),
    absoluteExpiresAt,
    reauthenticatedAt: now,
    twoFactorVerified: input.twoFactorVerified,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
  });
  return { token, sessionId, cookie: staffSessionCookie.serialize(token, absoluteExpiresAt, now) };
}

/**
 * Each validation remembered per database handle and session (bounded, for a moment), with the
 * database's write stamp taken before its lookup. A page load validates the same cookie twice (the
 * staff layout's loader and the page's; Remix hands each loader its own copy of the Request, so a
 * memo keyed by the Request object would never be hit) and clients load pages in bursts. A memo is
 * used only while the stamp is unchanged, i.e. nothing at all was written to the database since its
 * lookup, by this process or another (a logout, a role change, a disabled user, a job, raw SQL),
 * and only while the session needs neither expiring nor sliding: then the lookup would return the
 * same rows and the checks the same answer. A validation that wrote (expired → deleted, slid) is
 * not remembered. Calls with an explicit `now` (tests travelling in time) always look up.
 */
const MEMO_MS = 2_000;
const MEMO_MAX = 500;
const memos = new WeakMap<Db, Map<string, { stamp: string; at: number; result: StaffContext | null }>>();

function remember(db: Db, sessionId: string, stamp: string, now: Date, result: StaffContext | null): StaffContext | null {
  let bySession = memos.get(db);
  if (!bySession) memos.set(db, (bySession = new Map()));
  return setRecent(bySession, sessionId, { stamp, at: now.getTime(), result }, MEMO_MAX).result;
}

function remembered(db: Db, sessionId: string, stamp: string, now: Date): StaffContext | null | undefined {
  const memo = memos.get(db)?.get(sessionId);
  if (!memo || memo.stamp !== stamp || now.getTime() - memo.at >= MEMO_MS || now.getTime() < memo.at) return undefined;
  if (memo.result && !needsNoWrite(memo.result.session, now)) return undefined;
  return memo.result;
}

/** Neither expired nor due to slide at `now`: validating it writes nothing. */
function needsNoWrite(session: StaffSessionRow, now: Date): boolean {
  return (
    now < session.expiresAt &&
    now < session.absoluteExpiresAt &&
    session.expiresAt.getTime() - now.getTime() >= STAFF_SESSION_IDLE_MS / 2
  );
}

/**
 * The session for a cookie token, or null. Expired sessions (idle or absolute) are deleted; a
 * session past half its idle lifetime is extended. A disabled user has no valid session.
 */
export function validateStaffSessionToken(
  token: string,
  options: { now?: Date; db?: Db } = {},
): StaffContext | null {
  const memoised = options.now === undefined;
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const sessionId = hashToken(token);
  const stamp = memoised ? databaseWriteStamp(db) : "";
  if (memoised) {
    const hit = remembered(db, sessionId, stamp, now);
    if (hit !== undefined) return hit;
  }
  const found = findStaffSessionWithUser(db, sessionId);
  if (!found || !hashesEqual(found.session.id, sessionId)) return memoised ? remember(db, sessionId, stamp, now, null) : null;
  const { session, user } = found;
  if (now >= session.expiresAt || now >= session.absoluteExpiresAt || user.disabledAt) {
    deleteStaffSession(db, session.id);
    return null;
  }
  if (session.expiresAt.getTime() - now.getTime() < STAFF_SESSION_IDLE_MS / 2) {
    const expiresAt = new Date(Math.min(now.getTime() + STAFF_SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    updateStaffSession(db, session.id, { expiresAt });
    session.expiresAt = expiresAt;
    return found;
  }
  return memoised ? remember(db, sessionId, stamp, now, found) : found;
}

export function getStaffFromRequest(request: Request, options: { now?: Date; db?: Db } = {}): StaffContext | null {
  const token = staffSessionCookie.read(request);
  return token ? validateStaffSessionToken(token, options) : null;
}

const ROLE_RANK: Record<StaffRole, number> = { viewer: 0, reviewer: 1, admin: 2 };

export function hasRole(user: Pick<UserRow, "role">, atLeast: StaffRole): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[atLeast];
}

/**
 * Refuses a signed-in staff member (403) and audits it (SECURITY.md row 27) as `access.refused`:
 * the user, their organisation, the IP, the method and path (no query string), the role(s) the
 * page needs and theirs. The one way to refuse staff access: `throw refuseStaff(...)`.
 */
export function refuseStaff(
  request: Request,
  staff: StaffContext,
  requiredRole: StaffRole | readonly StaffRole[],
  options: { now?: Date; db?: Db } = {},
): Response {
  recordAudit(
    {
      orgId: staff.user.orgId,
      actor: staffActor(staff.user),
      action: "access.refused",
      ip: requestClientIp(request),
      details: { method: request.method, path: new URL(request.url).pathname, requiredRole, role: staff.user.role },
      at: options.now,
    },
    options.db ?? getDb(),
  );
  return forbidden(request);
}

/**
 * The guard every staff loader and action starts with. Not signed in → redirect to /login with a
 * same-site `redirectTo`; second factor pending → /login/two-factor; role too low → 403, audited
 * (`refuseStaff`).
 */
export function requireStaff(
  request: Request,
  options: { role?: StaffRole; allowPendingTwoFactor?: boolean; now?: Date; db?: Db } = {},
): StaffContext {
  const context = getStaffFromRequest(request, options);
  const url = new URL(request.url);
  const here = safeRedirectPath(`${url.pathname}${url.search}`);
  if (!context) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(here)}`, {
      headers: { "Set-Cookie": staffSessionCookie.clear() },
    });
  }
  if (!context.session.twoFactorVerified && !options.allowPendingTwoFactor) {
    throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(here)}`);
  }
  if (options.role && !hasRole(context.user, options.role)) throw refuseStaff(request, context, options.role, options);
  return context;
}

/** True when the password (or second factor) was checked within the last ten minutes. */
export function isRecentlyAuthenticated(session: Pick<StaffSessionRow, "reauthenticatedAt">, now = new Date()): boolean {
  return now.getTime() - session.reauthenticatedAt.getTime() <= REAUTHENTICATION_WINDOW_MS;
}

/** For sensitive actions (SECURITY.md row 6): sends the user to confirm the password first. */
export function requireRecentAuthentication(request: Request, context: StaffContext, now = new Date()): void {
  if (isRecentlyAuthenticated(context.session, now)) return;
  const url = new URL(request.url);
  throw redirect(`/reauthenticate?redirectTo=${encodeURIComponent(safeRedirectPath(url.pathname + url.search))}`);
}

export function markReauthenticated(sessionId: string, now = new Date(), db: Db = getDb()): void {
  updateStaffSession(db, sessionId, { reauthenticatedAt: now });
}

export function markTwoFactorVerified(sessionId: string, now = new Date(), db: Db = getDb()): void {
  updateStaffSession(db, sessionId, { twoFactorVerified: true, reauthenticatedAt: now });
}

export function invalidateStaffSession(sessionId: string, db: Db = getDb()): void {
  deleteStaffSession(db, sessionId);
}

/** Password change/reset, role change, removal, disabling: end every session of the user. */
export function invalidateAllStaffSessions(userId: string, options: { exceptSessionId?: string; db?: Db } = {}): number {
  return deleteUserStaffSessions(options.db ?? getDb(), userId, options.exceptSessionId);
}
