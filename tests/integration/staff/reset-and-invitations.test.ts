import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeUser } from "#db/factories/core";
import { auditLog, emails, passwordResets, rateLimits, staffInvitations, staffSessions, users } from "#db/schema";
import { createStaffSession, getStaffFromRequest, REAUTHENTICATION_WINDOW_MS } from "~/auth/staff-session.server";
import { verifyPassword } from "~/auth/password.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as acceptAction, loader as acceptLoader } from "~/routes/staff-invite.$token";
import { action as usersAction, loader as usersLoader } from "~/routes/staff.users._index";
import { action as userAction, loader as userLoader } from "~/routes/staff.users.$userId";
import { PASSWORD_RESET_TTL_MS } from "~/staff/password-reset.server";
import { generateTotpSecret, totpCodeAt } from "~/staff/totp.server";
import { args, call, get, makeOrgWithStaff, post, sessionCookieFrom, staffOf, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

function latestEmailTo(address: string) {
  return getDb().select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.createdAt)).get();
}
function linkIn(text: string, path: string): string {
  const match = new RegExp(`http://localhost:3000/${path}/([a-z2-7]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in ${text}`);
  return match[1]!;
}
const ctx = (ip: string) => ({ requestId: "t", nonce: "n", ip });
const NEW_PASSWORD = "en helt ny og lang sætning";

describe("password reset", () => {
  it("answers the same whether or not the account exists, and emails only real accounts", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    const known = await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("20.0.0.1"))));
    const unknown = await call(() => forgotAction(args(post("/forgot-password", "", { email: "ghost@example.test" }), {}, ctx("20.0.0.1"))));
    expect(known.status).toBe(unknown.status);
    expect(known.body).toBe(unknown.body.replace(/ghost@example\.test/g, user.email));
    expect(latestEmailTo(user.email)?.kind).toBe("password-reset");
    expect(latestEmailTo("ghost@example.test")).toBeUndefined();
    const bad = await call(() => forgotAction(args(post("/forgot-password", "", { email: "not-an-email" }), {}, ctx("20.0.0.1"))));
    expect(bad.status).toBe(400);
  });

  it("works once, ends every session, refuses weak passwords, and a new request voids the old link", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "reviewer" });
    const s1 = createStaffSession({ userId: user.id, orgId: a.org.id, twoFactorVerified: true });
    const s2 = createStaffSession({ userId: user.id, orgId: a.org.id, twoFactorVerified: true });
    await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("20.1.0.1"))));
    const first = linkIn(latestEmailTo(user.email)!.text, "reset-password");
    await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("20.1.0.1"))));
    const second = linkIn(latestEmailTo(user.email)!.text, "reset-password");
    expect(first).not.toBe(second);
    expect(getDb().select().from(passwordResets).where(eq(passwordResets.tokenHash, first)).get()).toBeUndefined();

    expect((await call(() => resetLoader(args(get(`/reset-password/${first}`), { token: first })))).status).toBe(404);
    const oneOff = `${second.slice(0, -1)}${second.endsWith("a") ? "b" : "a"}`;
    expect((await call(() => resetLoader(args(get(`/reset-password/${oneOff}`), { token: oneOff })))).status).toBe(404);
    expect(JSON.stringify(getDb().select().from(passwordResets).all())).not.toContain(second);
    expect((await call(() => resetLoader(args(get(`/reset-password/${second}`), { token: second })))).status).toBe(200);

    for (const [fields, message] of [
      [{ password: "short", confirmPassword: "short" }, "staff.validation.passwordTooShort"],
      [{ password: NEW_PASSWORD, confirmPassword: "something else!!" }, "staff.validation.passwordMismatch"],
      [{ password: "Sommer2024!", confirmPassword: "Sommer2024!" }, "staff.validation.passwordTooShort"],
      [{ password: "qwertyuiop123", confirmPassword: "qwertyuiop123" }, "staff.validation.passwordCommon"],
      [{ password: "PASSWORD12345", confirmPassword: "PASSWORD12345" }, "staff.validation.passwordCommon"],
    ] as const) {
      const result = await call(() => resetAction(args(post(`/reset-password/${second}`, "", fields), { token: second }, ctx("20.1.0.2"))));
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
    }
    const old = await call(() => resetAction(args(post(`/reset-password/${first}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token: first }, ctx("20.1.0.2"))));
    expect(old.status).toBe(404);

    const done = await call(() => resetAction(args(post(`/reset-password/${second}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token: second }, ctx("20.1.0.3"))));
    expect(done.status).toBe(303);
    const stored = getDb().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(getStaffFromRequest(get("/staff", `lt_session=${s1.token}`))).toBeNull();
    expect(getStaffFromRequest(get("/staff", `lt_session=${s2.token}`))).toBeNull();

    const reuse = await call(() => resetAction(args(post(`/reset-password/${second}`, "", { password: "yet another long phrase", confirmPassword: "yet another long phrase" }), { token: second }, ctx("20.1.0.4"))));
    expect(reuse.status).toBe(404);
  });

  it("expires after an hour", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("20.2.0.1"))));
    const token = linkIn(latestEmailTo(user.email)!.text, "reset-password");
    getDb().update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, user.id)).run();
    expect(PASSWORD_RESET_TTL_MS).toBe(3_600_000);
    const result = await call(() => resetAction(args(post(`/reset-password/${token}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token }, ctx("20.2.0.2"))));
    expect(result.status).toBe(404);
  });

  it("asks for the second factor first when the user has one", async () => {
    const secret = generateTotpSecret();
    const user = await makeUser(getDb(), a.org.id, { role: "reviewer", totpSecret: secret });
    await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("20.3.0.1"))));
    const token = linkIn(latestEmailTo(user.email)!.text, "reset-password");
    expect(((await call(() => resetLoader(args(get(`/reset-password/${token}`), { token })))).value as { needsCode: boolean }).needsCode).toBe(true);
    const without = await call(() => resetAction(args(post(`/reset-password/${token}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token }, ctx("20.3.0.2"))));
    expect(without.status).toBe(400);
    const wrong = await call(() => resetAction(args(post(`/reset-password/${token}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, code: "123456" }), { token }, ctx("20.3.0.2"))));
    expect(wrong.status).toBe(400);
    const ok = await call(() =>
      resetAction(args(post(`/reset-password/${token}`, "", { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, code: totpCodeAt(secret, new Date()) }), { token }, ctx("20.3.0.3"))),
    );
    expect(ok.status).toBe(303);
  });

  it("throttles reset requests per account", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx(`20.4.0.${i}`))))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("staff invitations", () => {
  it("is for admins only, asks for recent authentication, and refuses bad input", async () => {
    expect((await call(() => usersLoader(args(get("/staff/users", a.reviewer.cookie))))).status).toBe(403);
    expect((await call(() => usersAction(args(post("/staff/users", a.reviewer.cookie, { intent: "invite", email: "x@example.test", name: "X", role: "viewer" }))))).status).toBe(403);
    const stale = await staffOf(a.org.id, "admin");
    getDb().update(staffSessions).set({ reauthenticatedAt: new Date(Date.now() - REAUTHENTICATION_WINDOW_MS - 1000) }).where(eq(staffSessions.userId, stale.user.id)).run();
    const redirected = await call(() => usersAction(args(post("/staff/users", stale.cookie, { intent: "invite", email: "x@example.test", name: "X", role: "viewer" }))));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toMatch(/^\/reauthenticate\?redirectTo=%2Fstaff%2Fusers/);
    for (const fields of [
      { intent: "invite", email: "not-email", name: "X", role: "viewer" },
      { intent: "invite", email: "y@example.test", name: "", role: "viewer" },
      { intent: "invite", email: "y@example.test", name: "Y", role: "owner" },
      { intent: "invite", email: a.viewer.user.email, name: "Y", role: "viewer" },
    ]) {
      const result = await call(() => usersAction(args(post("/staff/users", a.admin.cookie, fields))));
      expect(result.status, JSON.stringify(fields)).toBe(400);
    }
    expect(getDb().select().from(staffInvitations).where(eq(staffInvitations.email, "y@example.test")).all()).toHaveLength(0);
  });

  it("sends a link; the invitee sets a password once and is signed in; reuse, revoke and expiry fail", async () => {
    const email = `new-${Date.now()}@example.test`;
    const sent = await call(() => usersAction(args(post("/staff/users", a.admin.cookie, { intent: "invite", email, name: "Nina Ny", role: "reviewer" }))));
    expect(sent.status).toBe(200);
    const mail = latestEmailTo(email)!;
    expect(mail.kind).toBe("staff-invitation");
    const token = linkIn(mail.text, "staff-invite");
    expect(getDb().select().from(staffInvitations).where(eq(staffInvitations.tokenHash, token)).get()).toBeUndefined();
    // GET changes nothing.
    const page = await call(() => acceptLoader(args(get(`/staff-invite/${token}`), { token })));
    expect(page.status).toBe(200);
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(getDb().select().from(users).where(eq(users.email, email)).get()).toBeUndefined();

    const weak = await call(() => acceptAction(args(post(`/staff-invite/${token}`, "", { name: "Nina", password: "password1234", confirmPassword: "password1234" }), { token }, ctx("30.0.0.1"))));
    expect(weak.status).toBe(400);
    const accepted = await call(() => acceptAction(args(post(`/staff-invite/${token}`, "", { name: "Nina Ny", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token }, ctx("30.0.0.1"))));
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe("/staff");
    expect(accepted.headers.get("Set-Cookie")).toMatch(/^lt_session=[a-z2-7]{32}; Max-Age=\d+; HttpOnly; SameSite=Lax; Path=\/$/);
    const cookie = sessionCookieFrom(accepted);
    expect(getStaffFromRequest(get("/staff", cookie))?.user.role).toBe("reviewer");
    // Neither the token nor the password reaches the audit log.
    const audit = JSON.stringify(getDb().select().from(auditLog).all());
    expect(audit).toContain("staff.invitation.accepted");
    expect(audit).not.toContain(token);
    expect(audit).not.toContain(NEW_PASSWORD);
    const again = await call(() => acceptAction(args(post(`/staff-invite/${token}`, "", { name: "Nina Ny", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token }, ctx("30.0.0.2"))));
    expect(again.status).toBe(404);

    const revokedEmail = `revoked-${Date.now()}@example.test`;
    await call(() => usersAction(args(post("/staff/users", a.admin.cookie, { intent: "invite", email: revokedEmail, name: "R", role: "viewer" }))));
    const revokedToken = linkIn(latestEmailTo(revokedEmail)!.text, "staff-invite");
    const invitation = getDb().select().from(staffInvitations).where(eq(staffInvitations.email, revokedEmail)).get()!;
    expect((await call(() => usersAction(args(post("/staff/users", a.admin.cookie, { intent: "revoke-invitation", id: invitation.id }))))).status).toBe(200);
    expect((await call(() => acceptLoader(args(get(`/staff-invite/${revokedToken}`), { token: revokedToken })))).status).toBe(404);

    const expiredEmail = `expired-${Date.now()}@example.test`;
    await call(() => usersAction(args(post("/staff/users", a.admin.cookie, { intent: "invite", email: expiredEmail, name: "E", role: "viewer" }))));
    const expiredToken = linkIn(latestEmailTo(expiredEmail)!.text, "staff-invite");
    getDb().update(staffInvitations).set({ expiresAt: new Date(Date.now() - 1) }).where(and(eq(staffInvitations.email, expiredEmail))).run();
    expect((await call(() => acceptAction(args(post(`/staff-invite/${expiredToken}`, "", { name: "E", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token: expiredToken }, ctx("30.0.0.3"))))).status).toBe(404);
    expect((await call(() => acceptLoader(args(get(`/staff-invite/garbage`), { token: "garbage" })))).status).toBe(404);
  });

  it("throttles invitation-token guesses per IP", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call(() => acceptAction(args(post(`/staff-invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, "", { name: "G", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, ctx("30.1.0.1"))))).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("managing users", () => {
  it("changing a role ends that user's sessions; disabling too; the last admin stays", async () => {
    const target = await staffOf(a.org.id, "reviewer");
    const extra = createStaffSession({ userId: target.user.id, orgId: a.org.id, twoFactorVerified: true });
    const page = await call(() => userLoader(args(get(`/staff/users/${target.user.id}`, a.admin.cookie), { userId: target.user.id })));
    expect(page.status).toBe(200);
    const bad = await call(() => userAction(args(post(`/staff/users/${target.user.id}`, a.admin.cookie, { intent: "change-role", role: "superuser" }), { userId: target.user.id })));
    expect(bad.status).toBe(400);
    const changed = await call(() => userAction(args(post(`/staff/users/${target.user.id}`, a.admin.cookie, { intent: "change-role", role: "viewer" }), { userId: target.user.id })));
    expect(changed.status).toBe(200);
    expect(getStaffFromRequest(get("/staff", target.cookie))).toBeNull();
    expect(getStaffFromRequest(get("/staff", `lt_session=${extra.token}`))).toBeNull();
    expect(getDb().select().from(users).where(eq(users.id, target.user.id)).get()!.role).toBe("viewer");

    const other = await staffOf(a.org.id, "viewer");
    expect((await call(() => userAction(args(post(`/staff/users/${other.user.id}`, a.admin.cookie, { intent: "disable" }), { userId: other.user.id })))).status).toBe(200);
    expect(getStaffFromRequest(get("/staff", other.cookie))).toBeNull();

    // An admin cannot change themselves here.
    const self = await call(() => userAction(args(post(`/staff/users/${a.admin.user.id}`, a.admin.cookie, { intent: "disable" }), { userId: a.admin.user.id })));
    expect(self.status).toBe(409);
  });

  it("lets one admin demote another, and viewers and reviewers cannot manage users", async () => {
    const org = await makeOrgWithStaff();
    const second = await staffOf(org.org.id, "admin");
    expect((await call(() => userAction(args(post(`/staff/users/${second.user.id}`, org.admin.cookie, { intent: "change-role", role: "reviewer" }), { userId: second.user.id })))).status).toBe(200);
    for (const who of [org.reviewer, org.viewer]) {
      expect((await call(() => userAction(args(post(`/staff/users/${second.user.id}`, who.cookie, { intent: "disable" }), { userId: second.user.id })))).status).toBe(403);
    }
    expect(getDb().select().from(users).where(eq(users.id, second.user.id)).get()!.disabledAt).toBeNull();
  });
});

describe("looking up reset and staff invitation links by GET (SECURITY.md row 9)", () => {
  const guess = "b".repeat(32);
  const throttledAudits = (ip: string) =>
    getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "access.throttled"), eq(auditLog.ip, ip)))
      .all();
  const snapshot = () => JSON.stringify([getDb().select().from(rateLimits).all(), getDb().select().from(auditLog).all()]);

  it("a usable link writes nothing; guesses are throttled per IP with a 429, audited once, and then even a good link is refused", async () => {
    const user = await makeUser(getDb(), a.org.id, { role: "viewer" });
    await call(() => forgotAction(args(post("/forgot-password", "", { email: user.email }), {}, ctx("40.0.0.1"))));
    const token = linkIn(latestEmailTo(user.email)!.text, "reset-password");

    const before = snapshot();
    for (let i = 0; i < 3; i++) expect((await call(() => resetLoader(args(get(`/reset-password/${token}`), { token }, ctx("40.0.0.2"))))).status).toBe(200);
    expect(snapshot()).toBe(before);

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call(() => resetLoader(args(get(`/reset-password/${guess}`), { token: guess }, ctx("40.0.0.3"))))).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429, 429]);
    const limited = await call(() => resetLoader(args(get(`/reset-password/${token}`), { token }, ctx("40.0.0.3"))));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const audits = throttledAudits("40.0.0.3");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ limit: "reset-ip" });
    expect(JSON.stringify(audits)).not.toContain(guess);
    // Another address is not affected.
    expect((await call(() => resetLoader(args(get(`/reset-password/${token}`), { token }, ctx("40.0.0.4"))))).status).toBe(200);
  });

  it("the same for staff invitation links, whose page names the invited person", async () => {
    const email = `getthrottle-${Date.now()}@example.test`;
    await call(() => usersAction(args(post("/staff/users", a.admin.cookie, { intent: "invite", email, name: "Gitte Gæt", role: "viewer" }))));
    const token = linkIn(latestEmailTo(email)!.text, "staff-invite");

    const before = snapshot();
    const page = await call(() => acceptLoader(args(get(`/staff-invite/${token}`), { token }, ctx("41.0.0.1"))));
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.value)).toContain(email);
    expect(snapshot()).toBe(before);

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(() => acceptLoader(args(get(`/staff-invite/${guess}`), { token: guess }, ctx("41.0.0.2"))))).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
    const limited = await call(() => acceptLoader(args(get(`/staff-invite/${token}`), { token }, ctx("41.0.0.2"))));
    expect(limited.status).toBe(429);
    expect(limited.body).not.toContain(email);
    const audits = throttledAudits("41.0.0.2");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ limit: "invite-token-ip" });
    // A guessed token names no organisation.
    expect(audits[0]!.orgId).toBeNull();
  });
});

