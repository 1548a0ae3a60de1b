import Database from "better-sqlite3";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeUser, type UserRecord } from "#db/factories/core";
import { listAudit } from "#db/repos/audit";
import { staffSessions, users } from "#db/schema";
import { eq } from "drizzle-orm";
import {
  createStaffSession,
  invalidateAllStaffSessions,
  isRecentlyAuthenticated,
  requireStaff,
  STAFF_SESSION_ABSOLUTE_MS,
  STAFF_SESSION_IDLE_MS,
  getStaffFromRequest,
  validateStaffSessionToken,
} from "~/auth/staff-session.server";
import { loader as staffLayoutLoader } from "~/routes/staff";
import { loader as reviewQueueLoader } from "~/routes/staff.review";

const DAY = 24 * 60 * 60 * 1000;
let user: UserRecord;
let orgId: string;

beforeAll(async () => {
  const db = getDb();
  orgId = makeOrganisation(db).id;
  user = await makeUser(db, orgId, { role: "reviewer" });
});

function requestWithCookie(cookie: string, path = "/staff/suppliers") {
  return new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie.split(";")[0]! } });
}

async function thrown(fn: () => unknown): Promise<Response> {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("staff sessions", () => {
  it("stores only the SHA-256 of the token, and a changed character is refused", () => {
    const { token, sessionId } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    const rows = getDb().select().from(staffSessions).all();
    for (const row of rows) expect(Object.values(row).map(String)).not.toContain(token);
    expect(sessionId).not.toBe(token);
    expect(validateStaffSessionToken(token)?.user.id).toBe(user.id);
    const changed = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(validateStaffSessionToken(changed)).toBeNull();
  });

  it("sets HttpOnly, SameSite=Lax, Path=/ and an explicit Max-Age without Domain", () => {
    const { cookie } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    expect(cookie).toMatch(/^lt_session=[a-z2-7]{32}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).not.toContain("Secure"); // PUBLIC_URL is http in tests; Secure behind HTTPS
  });

  it("expires after the idle limit and deletes the row", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, sessionId } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true }, { now: start });
    expect(validateStaffSessionToken(token, { now: new Date(start.getTime() + STAFF_SESSION_IDLE_MS - 1000) })).not.toBeNull();
    // That use slid the expiry forward; idle for a full period after it ends the session.
    const later = new Date(start.getTime() + 2 * STAFF_SESSION_IDLE_MS);
    expect(validateStaffSessionToken(token, { now: later })).toBeNull();
    expect(getDb().select().from(staffSessions).all().some((s) => s.id === sessionId)).toBe(false);
  });

  it("slides when more than half the idle time has passed, never past the absolute limit", () => {
    const start = new Date("2026-02-01T00:00:00Z");
    const { token } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true }, { now: start });
    const early = validateStaffSessionToken(token, { now: new Date(start.getTime() + DAY) });
    expect(early?.session.expiresAt.getTime()).toBe(start.getTime() + STAFF_SESSION_IDLE_MS);
    const halfway = new Date(start.getTime() + 16 * DAY);
    const slid = validateStaffSessionToken(token, { now: halfway });
    expect(slid?.session.expiresAt.getTime()).toBe(halfway.getTime() + STAFF_SESSION_IDLE_MS);
    // Used every 20 days, it still ends at the absolute maximum.
    let now = halfway;
    while (now.getTime() + 20 * DAY < start.getTime() + STAFF_SESSION_ABSOLUTE_MS) {
      now = new Date(now.getTime() + 20 * DAY);
      expect(validateStaffSessionToken(token, { now })).not.toBeNull();
    }
    expect(validateStaffSessionToken(token, { now: new Date(start.getTime() + STAFF_SESSION_ABSOLUTE_MS) })).toBeNull();
  });

  it("ends every session of a user at once", () => {
    const a = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    const b = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    expect(invalidateAllStaffSessions(user.id)).toBeGreaterThanOrEqual(2);
    expect(validateStaffSessionToken(a.token)).toBeNull();
    expect(validateStaffSessionToken(b.token)).toBeNull();
  });

  it("refuses a disabled user's session", async () => {
    const disabled = await makeUser(getDb(), orgId, { disabledAt: new Date() });
    const { token } = createStaffSession({ userId: disabled.id, orgId, twoFactorVerified: true });
    expect(validateStaffSessionToken(token)).toBeNull();
  });
});

describe("requireStaff", () => {
  it("sends a visitor without a session to /login with a same-site redirectTo", async () => {
    const response = await thrown(() => requireStaff(new Request("http://localhost:3000/staff/suppliers?tier=high")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fsuppliers%3Ftier%3Dhigh");
  });

  it("sends a session whose second factor is pending to /login/two-factor", async () => {
    const { cookie } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: false });
    const response = await thrown(() => requireStaff(requestWithCookie(cookie)));
    expect(response.headers.get("Location")).toMatch(/^\/login\/two-factor\?redirectTo=/);
  });

  it("answers 403 when the role is too low, and passes when it is enough", async () => {
    const viewer = await makeUser(getDb(), orgId, { role: "viewer" });
    const { cookie } = createStaffSession({ userId: viewer.id, orgId, twoFactorVerified: true });
    expect((await thrown(() => requireStaff(requestWithCookie(cookie), { role: "reviewer" }))).status).toBe(403);
    expect(requireStaff(requestWithCookie(cookie), { role: "viewer" }).user.id).toBe(viewer.id);
    const admin = await makeUser(getDb(), orgId, { role: "admin" });
    const adminSession = createStaffSession({ userId: admin.id, orgId, twoFactorVerified: true });
    expect(requireStaff(requestWithCookie(adminSession.cookie), { role: "reviewer" }).user.role).toBe("admin");
  });

  it("counts a password check as recent for ten minutes", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(isRecentlyAuthenticated({ reauthenticatedAt: new Date(now.getTime() - 9 * 60_000) }, now)).toBe(true);
    expect(isRecentlyAuthenticated({ reauthenticatedAt: new Date(now.getTime() - 11 * 60_000) }, now)).toBe(false);
  });
});

describe("one session lookup per page load", () => {
  const context = { requestId: "test", nonce: "n", ip: "127.0.0.1" };

  it("the staff layout and the page share one validation, though Remix gives each loader its own Request", async () => {
    const { cookie } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    const layoutRequest = requestWithCookie(cookie, "/staff/review");
    const pageRequest = requestWithCookie(cookie, "/staff/review");
    const first = getStaffFromRequest(layoutRequest);
    expect(first?.user.id).toBe(user.id);
    expect(getStaffFromRequest(pageRequest)).toBe(first);
    expect(staffLayoutLoader({ request: layoutRequest, params: {}, context }).role).toBe("reviewer");
    expect((await reviewQueueLoader({ request: pageRequest, params: {}, context })).counts.total).toBeGreaterThanOrEqual(0);
  });

  it("looks up again after any write: a raw delete of the session ends it at once", () => {
    const { cookie, sessionId } = createStaffSession({ userId: user.id, orgId, twoFactorVerified: true });
    expect(getStaffFromRequest(requestWithCookie(cookie))).not.toBeNull();
    getDb().$client.prepare("delete from staff_sessions where id = ?").run(sessionId);
    expect(getStaffFromRequest(requestWithCookie(cookie))).toBeNull();
  });

  it("looks up again after another connection's write (a job, a script): a role lowered elsewhere is refused and audited each time", async () => {
    const member = await makeUser(getDb(), orgId, { role: "reviewer" });
    const { cookie } = createStaffSession({ userId: member.id, orgId, twoFactorVerified: true });
    expect(requireStaff(requestWithCookie(cookie), { role: "reviewer" }).user.role).toBe("reviewer");
    const other = new Database(getDb().$client.name);
    try {
      other.prepare("update users set role = 'viewer' where id = ?").run(member.id);
    } finally {
      other.close();
    }
    expect((await thrown(() => requireStaff(requestWithCookie(cookie), { role: "reviewer" }))).status).toBe(403);
    expect((await thrown(() => requireStaff(requestWithCookie(cookie), { role: "reviewer" }))).status).toBe(403);
    const refusals = listAudit(getDb(), orgId, { action: "access.refused" }).filter((row) => row.actorId === member.id);
    expect(refusals).toHaveLength(2);
  });

  it("a user disabled through the app loses the session on the next request", async () => {
    const member = await makeUser(getDb(), orgId, { role: "reviewer" });
    const { cookie } = createStaffSession({ userId: member.id, orgId, twoFactorVerified: true });
    expect(getStaffFromRequest(requestWithCookie(cookie))).not.toBeNull();
    getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, member.id)).run();
    expect(getStaffFromRequest(requestWithCookie(cookie))).toBeNull();
  });

  it("never skips a slide that has come due, nor an expiry", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const start = new Date("2026-04-01T00:00:00Z");
      vi.setSystemTime(start);
      // Created so that at `start` the session is 500 ms short of needing to slide.
      const { cookie, sessionId } = createStaffSession(
        { userId: user.id, orgId, twoFactorVerified: true },
        { now: new Date(start.getTime() - STAFF_SESSION_IDLE_MS / 2 + 500) },
      );
      const before = getStaffFromRequest(requestWithCookie(cookie))!.session.expiresAt.getTime();
      vi.setSystemTime(start.getTime() + 1000);
      const slid = getStaffFromRequest(requestWithCookie(cookie))!.session.expiresAt.getTime();
      expect(slid).toBe(start.getTime() + 1000 + STAFF_SESSION_IDLE_MS);
      expect(slid).toBeGreaterThan(before);
      const row = getDb().select().from(staffSessions).where(eq(staffSessions.id, sessionId)).get();
      expect(row?.expiresAt.getTime()).toBe(slid);
      expect(getStaffFromRequest(requestWithCookie(cookie))).not.toBeNull();
      vi.setSystemTime(slid);
      expect(getStaffFromRequest(requestWithCookie(cookie))).toBeNull();
      expect(getDb().select().from(staffSessions).where(eq(staffSessions.id, sessionId)).get()).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
