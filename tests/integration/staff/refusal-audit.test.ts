/**
 * SECURITY.md row 27: refusals are audited. A signed-in staff member refused for their role
 * (`access.refused`) and attempts refused by a rate limit (`access.throttled`) on login, the
 * second factor, password resets, re-authentication and staff-invitation guessing, and staff
 * invitation links that no longer work (`staff.invitation_refused`): who, which
 * organisation (null when the attempt names none), IP, never a token or password, and the refused
 * request changes nothing else.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeUser, TEST_PASSWORD } from "#db/factories/core";
import { insertPasswordReset } from "#db/repos/password-resets";
import { insertStaffInvitation } from "#db/repos/staff-invitations";
import { auditLog } from "#db/schema";
import { createStaffSession } from "~/auth/staff-session.server";
import { CLIENT_IP_HEADER } from "~/http/client-ip.server";
import { getTranslator, isMessageKey } from "~/i18n/translate";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login._index";
import { action as twoFactorAction } from "~/routes/login.two-factor";
import { action as reauthAction } from "~/routes/reauthenticate";
import { action as resetAction } from "~/routes/reset-password.$token";
import { action as acceptStaffInviteAction } from "~/routes/staff-invite.$token";
import { loader as auditLoader } from "~/routes/staff.audit";
import { loader as exportLoader } from "~/routes/staff.audit.export";
import { action as settingsAction } from "~/routes/staff.settings";
import { action as usersAction, loader as usersLoader } from "~/routes/staff.users._index";
import { consumeRateLimit, RATE_LIMITS, type RateLimitRule } from "~/security/rate-limit.server";
import { generateToken, hashToken, newId } from "~/security/tokens.server";
import { generateTotpSecret } from "~/staff/totp.server";
import { dumpDatabase } from "../supplier/support";
import { args, call, get, makeOrgWithStaff, post, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

const ctx = (ip: string) => ({ requestId: "t", nonce: "n", ip });
/** What server/index.js puts on every request: the client IP the guards read. */
const fromIp = (ip: string) => ({ [CLIENT_IP_HEADER]: ip });
const NEW_PASSWORD = "en helt ny og lang sætning";

function rows(action: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id)).all();
}
/** Uses up a bucket, so the next attempt is the first refused one of its window. */
function exhaust(rule: RateLimitRule, subject: string) {
  for (let i = 0; i < rule.limit; i++) consumeRateLimit(rule, subject);
}
/** Every table but the audit log and the throttle counters (a refusal writes only those). */
function everythingElse() {
  const { audit_log: _audit, rate_limits: _limits, ...rest } = dumpDatabase();
  return rest;
}

describe("access.refused: a signed-in staff member without the role", () => {
  it("records who, organisation, IP, method, path without the query, the role needed and theirs", async () => {
    const before = rows("access.refused").length;
    const result = await call(() => usersLoader(args(get("/staff/users?email=x%40y.dk&token=abc", a.viewer.cookie, fromIp("203.0.113.7")))));
    expect(result.status).toBe(403);
    const added = rows("access.refused").slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      orgId: a.org.id,
      actorType: "staff",
      actorId: a.viewer.user.id,
      actorLabel: a.viewer.user.name,
      ip: "203.0.113.7",
      details: { method: "GET", path: "/staff/users", requiredRole: "admin", role: "viewer" },
    });
    expect(JSON.stringify(added[0])).not.toMatch(/abc|x%40y|token/);
  });

  it("records a refused POST, and the refused action changes nothing else", async () => {
    const before = everythingElse();
    const count = rows("access.refused").length;
    const invite = await call(() =>
      usersAction(args(post("/staff/users", a.reviewer.cookie, { email: "ny@firma.dk", name: "Ny", role: "admin" }, fromIp("198.51.100.4")))),
    );
    const settings = await call(() => settingsAction(args(post("/staff/settings", a.viewer.cookie, { intent: "settings" }, fromIp("198.51.100.5")))));
    expect([invite.status, settings.status]).toEqual([403, 403]);
    expect(everythingElse()).toEqual(before);
    expect(rows("access.refused").slice(count).map((r) => [r.actorId, r.ip, (r.details as { method: string }).method, (r.details as { path: string }).path])).toEqual([
      [a.reviewer.user.id, "198.51.100.4", "POST", "/staff/users"],
      [a.viewer.user.id, "198.51.100.5", "POST", "/staff/settings"],
    ]);
  });

  it("writes nothing when the role suffices, and refuses another organisation's staff under their own organisation", async () => {
    const b = await makeOrgWithStaff();
    const count = rows("access.refused").length;
    expect((await call(() => usersLoader(args(get("/staff/users", a.admin.cookie, fromIp("203.0.113.8")))))).status).toBe(200);
    expect(rows("access.refused")).toHaveLength(count);
    expect((await call(() => usersLoader(args(get("/staff/users", b.reviewer.cookie, fromIp("203.0.113.9")))))).status).toBe(403);
    expect(rows("access.refused").slice(count)).toMatchObject([{ orgId: b.org.id, actorId: b.reviewer.user.id }]);
  });

  it("the audit page and its export refuse reviewers the same way, naming the roles that may", async () => {
    const count = rows("access.refused").length;
    expect((await call(() => auditLoader(args(get("/staff/audit?action=x", a.reviewer.cookie, fromIp("192.0.2.10")))))).status).toBe(403);
    expect((await call(() => exportLoader(args(get("/staff/audit/export", a.reviewer.cookie, fromIp("192.0.2.11")))))).status).toBe(403);
    expect(rows("access.refused").slice(count)).toMatchObject([
      { orgId: a.org.id, actorId: a.reviewer.user.id, ip: "192.0.2.10", details: { method: "GET", path: "/staff/audit", requiredRole: ["admin", "viewer"], role: "reviewer" } },
      { orgId: a.org.id, actorId: a.reviewer.user.id, ip: "192.0.2.11", details: { path: "/staff/audit/export", requiredRole: ["admin", "viewer"] } },
    ]);
  });

  it("has no IP when the request did not come through the server (no header)", async () => {
    const count = rows("access.refused").length;
    expect((await call(() => usersLoader(args(get("/staff/users", a.viewer.cookie))))).status).toBe(403);
    expect(rows("access.refused").slice(count)).toMatchObject([{ actorId: a.viewer.user.id, ip: null }]);
  });
});

describe("access.throttled: attempts refused by a rate limit", () => {
  const login = (email: string, ip: string) =>
    call(() => loginAction(args(post("/login", "", { email, password: "forkert adgangskode her" }), {}, ctx(ip))));

  it("a login for a known account: that account's organisation, once per window, no password", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "reviewer" });
    exhaust(RATE_LIMITS.loginPerAccount, user.email);
    const count = rows("access.throttled").length;
    const before = everythingElse();
    expect((await login(user.email, "10.40.0.1")).status).toBe(429);
    expect((await login(user.email, "10.40.0.2")).status).toBe(429);
    expect(everythingElse()).toEqual(before);
    const added = rows("access.throttled").slice(count);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      orgId: a.org.id,
      actorType: "anonymous",
      targetType: "user",
      targetId: user.id,
      ip: "10.40.0.1",
      details: { limit: "login-account" },
    });
    expect(JSON.stringify(added[0])).not.toMatch(/forkert|password|@/);
  });

  it("a login throttled per IP names the account's organisation too", async () => {
    exhaust(RATE_LIMITS.loginPerIp, "10.40.1.1");
    const count = rows("access.throttled").length;
    expect((await login(a.viewer.user.email, "10.40.1.1")).status).toBe(429);
    expect(rows("access.throttled").slice(count)).toMatchObject([{ orgId: a.org.id, targetId: a.viewer.user.id, ip: "10.40.1.1", details: { limit: "login-ip" } }]);
  });

  it("a login for an unknown address: no organisation (the column allows it), no address stored", async () => {
    const email = "ingen-her@eksempel.dk";
    exhaust(RATE_LIMITS.loginPerAccount, email);
    expect((await login(email, "10.40.2.1")).status).toBe(429);
    const orphan = getDb().select().from(auditLog).where(and(eq(auditLog.action, "access.throttled"), isNull(auditLog.orgId), eq(auditLog.ip, "10.40.2.1"))).all();
    expect(orphan).toHaveLength(1);
    expect(orphan[0]).toMatchObject({ actorType: "anonymous", targetId: null, details: { limit: "login-account" } });
    expect(JSON.stringify(orphan[0])).not.toContain("ingen-her");
  });

  it("the second factor: the signed-in user's organisation", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "reviewer", totpSecret: generateTotpSecret() });
    const { token } = createStaffSession({ userId: user.id, orgId: a.org.id, twoFactorVerified: false });
    exhaust(RATE_LIMITS.totpPerAccount, user.id);
    const count = rows("access.throttled").length;
    const before = everythingElse();
    const result = await call(() => twoFactorAction(args(post("/login/two-factor", `lt_session=${token}`, { code: "123456" }), {}, ctx("10.41.0.1"))));
    expect(result.status).toBe(429);
    expect(everythingElse()).toEqual(before);
    expect(rows("access.throttled").slice(count)).toMatchObject([
      { orgId: a.org.id, actorType: "staff", actorId: user.id, ip: "10.41.0.1", details: { limit: "totp-account" } },
    ]);
    expect(JSON.stringify(rows("access.throttled").slice(count))).not.toContain("123456");
  });

  it("re-authentication: the signed-in user's organisation", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    const { token } = createStaffSession({ userId: user.id, orgId: a.org.id, twoFactorVerified: true });
    exhaust(RATE_LIMITS.loginPerAccount, user.email);
    const count = rows("access.throttled").length;
    const result = await call(() => reauthAction(args(post("/reauthenticate", `lt_session=${token}`, { password: TEST_PASSWORD }), {}, ctx("10.41.1.1"))));
    expect(result.status).toBe(429);
    expect(rows("access.throttled").slice(count)).toMatchObject([{ orgId: a.org.id, actorId: user.id, ip: "10.41.1.1" }]);
  });

  it("a password reset request: the account's organisation when it exists, else none", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    exhaust(RATE_LIMITS.resetPerAccount, user.email);
    exhaust(RATE_LIMITS.resetPerAccount, "ukendt@eksempel.dk");
    const count = rows("access.throttled").length;
    const before = everythingElse();
    const forgot = (email: string, ip: string) => call(() => forgotAction(args(post("/forgot-password", "", { email }), {}, ctx(ip))));
    expect((await forgot(user.email, "10.42.0.1")).status).toBe(429);
    expect((await forgot("ukendt@eksempel.dk", "10.42.0.2")).status).toBe(429);
    expect(everythingElse()).toEqual(before);
    expect(rows("access.throttled").slice(count)).toMatchObject([
      { orgId: a.org.id, targetId: user.id, ip: "10.42.0.1", details: { limit: "reset-account" } },
      { orgId: null, targetId: null, ip: "10.42.0.2", details: { limit: "reset-account" } },
    ]);
  });

  it("a reset link: the organisation of the link's account, never the token", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    const token = generateToken();
    const now = new Date();
    insertPasswordReset(getDb(), { id: newId(), userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + 3_600_000), createdAt: now }, now);
    exhaust(RATE_LIMITS.resetPerIp, "10.43.0.1");
    const count = rows("access.throttled").length;
    const before = everythingElse();
    const fields = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    expect((await call(() => resetAction(args(post(`/reset-password/${token}`, "", fields), { token }, ctx("10.43.0.1"))))).status).toBe(429);
    expect(everythingElse()).toEqual(before);
    const added = rows("access.throttled").slice(count);
    expect(added).toMatchObject([{ orgId: a.org.id, actorType: "anonymous", targetId: user.id, ip: "10.43.0.1", details: { limit: "reset-ip" } }]);
    expect(JSON.stringify(added)).not.toContain(token);
    expect(JSON.stringify(added)).not.toContain(hashToken(token));
  });

  it("staff-invitation guessing: the invitation's organisation when the token names one, else none", async () => {
    const org = makeOrganisation(getDb());
    const token = generateToken();
    const now = new Date();
    insertStaffInvitation(getDb(), {
      id: newId(),
      orgId: org.id,
      email: `inviteret-${newId()}@eksempel.dk`,
      name: "Inviteret",
      role: "viewer",
      tokenHash: hashToken(token),
      invitedBy: a.admin.user.id,
      expiresAt: new Date(now.getTime() + 86_400_000),
      createdAt: now,
    }, now);
    exhaust(RATE_LIMITS.invitationTokenPerIp, "10.44.0.1");
    exhaust(RATE_LIMITS.invitationTokenPerIp, "10.44.0.2");
    const count = rows("access.throttled").length;
    const before = everythingElse();
    const fields = { name: "G", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const guess = "a".repeat(32);
    expect((await call(() => acceptStaffInviteAction(args(post(`/staff-invite/${token}`, "", fields), { token }, ctx("10.44.0.1"))))).status).toBe(429);
    expect((await call(() => acceptStaffInviteAction(args(post(`/staff-invite/${guess}`, "", fields), { token: guess }, ctx("10.44.0.2"))))).status).toBe(429);
    expect(everythingElse()).toEqual(before);
    const added = rows("access.throttled").slice(count);
    expect(added).toMatchObject([
      { orgId: org.id, actorType: "anonymous", ip: "10.44.0.1", details: { limit: "invite-token-ip" } },
      { orgId: null, actorType: "anonymous", ip: "10.44.0.2", details: { limit: "invite-token-ip" } },
    ]);
    expect(JSON.stringify(added)).not.toContain(token);
  });
});

describe("staff.invitation_refused: a staff invitation link that no longer works", () => {
  function invitation(state: { expired?: boolean; revoked?: boolean; accepted?: boolean }) {
    const org = makeOrganisation(getDb());
    const token = generateToken();
    const now = new Date();
    const id = newId();
    insertStaffInvitation(getDb(), {
      id,
      orgId: org.id,
      email: `inviteret-${newId()}@eksempel.dk`,
      name: "Inviteret",
      role: "reviewer",
      tokenHash: hashToken(token),
      invitedBy: a.admin.user.id,
      expiresAt: new Date(now.getTime() + (state.expired ? -60_000 : 86_400_000)),
      createdAt: new Date(now.getTime() - 3 * 86_400_000),
      revokedAt: state.revoked ? now : null,
      acceptedAt: state.accepted ? now : null,
    }, now);
    return { org, token, id };
  }
  const fields = { name: "G", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

  for (const [reason, state] of [["expired", { expired: true }], ["revoked", { revoked: true }], ["accepted", { accepted: true }]] as const) {
    it(`records a link that was ${reason} under its organisation, without token or address, and changes nothing else`, async () => {
      const { org, token, id } = invitation(state);
      const count = rows("staff.invitation_refused").length;
      const before = everythingElse();
      const result = await call(() => acceptStaffInviteAction(args(post(`/staff-invite/${token}`, "", fields), { token }, ctx("10.45.0.1"))));
      expect(result.status).toBe(404);
      expect(everythingElse()).toEqual(before);
      const added = rows("staff.invitation_refused").slice(count);
      expect(added).toMatchObject([
        { orgId: org.id, actorType: "anonymous", targetType: "staff-invitation", targetId: id, ip: "10.45.0.1", details: { reason, role: "reviewer" } },
      ]);
      expect(JSON.stringify(added)).not.toMatch(new RegExp(`${token}|${hashToken(token)}|inviteret-`));
    });
  }

  it("records nothing for a token that names no invitation, or for a usable link", async () => {
    const count = rows("staff.invitation_refused").length;
    const guess = "b".repeat(32);
    expect((await call(() => acceptStaffInviteAction(args(post(`/staff-invite/${guess}`, "", fields), { token: guess }, ctx("10.45.0.2"))))).status).toBe(404);
    const { token } = invitation({});
    expect((await call(() => acceptStaffInviteAction(args(post(`/staff-invite/${token}`, "", fields), { token }, ctx("10.45.0.3"))))).status).toBe(303);
    expect(rows("staff.invitation_refused")).toHaveLength(count);
  });
});

describe("the audit page shows the refusals", () => {
  it("lists them for the organisation with a Danish and an English label", async () => {
    await call(() => usersLoader(args(get("/staff/users", a.viewer.cookie, fromIp("203.0.113.20")))));
    const page = (await call(() => auditLoader(args(get("/staff/audit?action=access.refused", a.admin.cookie))))).value as { rows: { action: string; ip: string }[] };
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.action === "access.refused")).toBe(true);
    expect(page.rows.map((r) => r.ip)).toContain("203.0.113.20");
    for (const action of ["access.refused", "access.throttled", "supplier.invitation_refused"]) {
      const key = `review.audit.action.${action}`;
      expect(isMessageKey(key), key).toBe(true);
      if (!isMessageKey(key)) continue;
      const [da, en] = [getTranslator("da")(key), getTranslator("en")(key)];
      expect(da).not.toBe(key);
      expect(en).not.toBe(key);
      expect(da).not.toBe(en);
    }
  });
});
