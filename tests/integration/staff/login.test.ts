import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeUser, TEST_PASSWORD } from "#db/factories/core";
import { listAudit } from "#db/repos/audit";
import { recoveryCodes, staffSessions, users } from "#db/schema";
import { getStaffFromRequest, STAFF_SESSION_ABSOLUTE_MS, STAFF_SESSION_IDLE_MS } from "~/auth/staff-session.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login._index";
import { action as twoFactorAction, loader as twoFactorLoader } from "~/routes/login.two-factor";
import { action as setupAction, loader as setupLoader } from "~/routes/login.two-factor-setup";
import { action as logoutAction } from "~/routes/logout";
import { action as reauthAction } from "~/routes/reauthenticate";
import { loader as staffLayoutLoader } from "~/routes/staff";
import { hashToken } from "~/security/tokens.server";
import { generateTotpSecret, totpCodeAt } from "~/staff/totp.server";
import { args, call, get, makeOrgWithStaff, post, sessionCookieFrom, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

const login = (email: string, password: string, ip = "10.0.0.1", cookie = "") =>
  call(() => loginAction(args(post("/login", cookie, { email, password, redirectTo: "/staff/suppliers" }), {}, { requestId: "t", nonce: "n", ip })));

describe("sign-in", () => {
  it("signs a reviewer without 2FA straight in, with a new HttpOnly SameSite=Lax session cookie", async () => {
    const result = await login(a.reviewer.user.email, TEST_PASSWORD);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/staff/suppliers");
    const setCookie = result.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^lt_session=[a-z2-7]{32}; Max-Age=\d+; HttpOnly; SameSite=Lax; Path=\/$/);
    expect(setCookie).not.toMatch(/Domain/i);
    const cookie = sessionCookieFrom(result);
    const staff = getStaffFromRequest(get("/staff", cookie));
    expect(staff?.user.id).toBe(a.reviewer.user.id);
    expect(staff?.session.twoFactorVerified).toBe(true);
    // Only the hash of the token is stored.
    const token = cookie.split("=")[1]!;
    expect(getDb().select().from(staffSessions).where(eq(staffSessions.id, token)).get()).toBeUndefined();
    expect(getDb().select().from(staffSessions).where(eq(staffSessions.id, hashToken(token))).get()).toBeDefined();
  });

  it("answers wrong password, unknown account and disabled account the same way", async () => {
    const org = makeOrganisation(getDb());
    const disabled = await makeUser(getDb(), org.id, { role: "reviewer", disabledAt: new Date() });
    const results = [
      await login(a.reviewer.user.email, "wrong password entirely", "10.0.0.2"),
      await login("nobody-here@example.test", TEST_PASSWORD, "10.0.0.2"),
      await login(disabled.email, TEST_PASSWORD, "10.0.0.2"),
    ];
    for (const result of results) {
      expect(result.status).toBe(401);
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
    const bodies = results.map((r) => JSON.stringify((r.value as { error: unknown }).error));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("staff.login.invalid");
    const failures = listAudit(getDb(), a.org.id, { action: "staff.login.failed" });
    expect(failures.length).toBeGreaterThan(0);
    expect(JSON.stringify(failures)).not.toContain("wrong password");
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const before = getDb().select().from(staffSessions).all().length;
    const result = await call(() => loginAction(args(post("/login", "", { email: "", password: "" }))));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.value)).toContain("validation.required");
    expect(getDb().select().from(staffSessions).all().length).toBe(before);
  });

  it("throttles per account and per IP with a 429", async () => {
    const victim = await makeUser(getDb(), a.org.id, { role: "viewer" });
    for (let i = 0; i < 10; i++) expect((await login(victim.email, `wrong guess ${i}`, `10.1.0.${i}`)).status).toBe(401);
    const limited = await login(victim.email, TEST_PASSWORD, "10.1.0.99");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    for (let i = 0; i < 30; i++) await login(`nobody${i}@example.test`, "whatever guess", "10.2.0.1");
    expect((await login(a.viewer.user.email, TEST_PASSWORD, "10.2.0.1")).status).toBe(429);
  });

  it("replaces a session the browser already had (no fixation)", async () => {
    const planted = (await login(a.viewer.user.email, TEST_PASSWORD, "10.3.0.1")).headers.get("Set-Cookie")!;
    const plantedCookie = planted.split(";")[0]!;
    const result = await login(a.viewer.user.email, TEST_PASSWORD, "10.3.0.1", plantedCookie);
    expect(result.status).toBe(303);
    expect(sessionCookieFrom(result)).not.toBe(plantedCookie);
    expect(getStaffFromRequest(get("/staff", plantedCookie))).toBeNull();
  });

  it("only follows same-site redirectTo values", async () => {
    for (const target of ["//evil.test", "https://evil.test/x", "/\\evil.test"]) {
      const result = await call(() =>
        loginAction(args(post("/login", "", { email: a.viewer.user.email, password: TEST_PASSWORD, redirectTo: target }), {}, { requestId: "t", nonce: "n", ip: "10.4.0.1" })),
      );
      expect(result.headers.get("Location")).toBe("/staff");
    }
  });

  it("sends a signed-in user away from the login page", async () => {
    const result = await call(() => loginLoader(args(get("/login", a.viewer.cookie))));
    expect(result.status).toBe(302);
  });
});

describe("two-factor", () => {
  it("forces an admin without TOTP to enrol, then refuses a replayed code and accepts the next step", async () => {
    const org = makeOrganisation(getDb());
    const admin = await makeUser(getDb(), org.id, { role: "admin" });
    const signedIn = await login(admin.email, TEST_PASSWORD, "10.5.0.1");
    expect(signedIn.headers.get("Location")).toMatch(/^\/login\/two-factor-setup\?redirectTo=/);
    const cookie = sessionCookieFrom(signedIn);
    // Staff pages are closed until the second factor is done.
    expect((await call(() => staffLayoutLoader(args(get("/staff", cookie))))).headers.get("Location")).toMatch(/^\/login\/two-factor/);

    const page = (await call(() => setupLoader(args(get("/login/two-factor-setup", cookie))))).value as { secret: string; qr: string };
    expect(page.qr).toMatch(/^data:image\/png;base64,/);
    expect(page.secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await call(() => setupAction(args(post("/login/two-factor-setup", cookie, { secret: page.secret, code: "000000" }))));
    expect(wrong.status).toBe(400);
    const now = new Date();
    const code = totpCodeAt(page.secret, now);
    const ok = await call(() => setupAction(args(post("/login/two-factor-setup", cookie, { secret: page.secret, code }))));
    expect(ok.status).toBe(200);
    const codes = (ok.value as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    const stored = getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, admin.id)).all();
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect(getStaffFromRequest(get("/staff", cookie))?.session.twoFactorVerified).toBe(true);

    // Next sign-in: the same code (same step) is refused.
    const again = sessionCookieFrom(await login(admin.email, TEST_PASSWORD, "10.5.0.2"));
    expect((await call(() => twoFactorLoader(args(get("/login/two-factor", again))))).status).toBe(200);
    const replay = await call(() => twoFactorAction(args(post("/login/two-factor", again, { code }))));
    expect(replay.status).toBe(400);
    expect(JSON.stringify(replay.value)).toContain("staff.twoFactor.invalid");
    // A recovery code works once.
    const recovered = await call(() => twoFactorAction(args(post("/login/two-factor", again, { code: codes[0]!, redirectTo: "/staff" }))));
    expect(recovered.status).toBe(303);
    const third = sessionCookieFrom(await login(admin.email, TEST_PASSWORD, "10.5.0.3"));
    expect((await call(() => twoFactorAction(args(post("/login/two-factor", third, { code: codes[0]! }))))).status).toBe(400);
    expect((await call(() => twoFactorAction(args(post("/login/two-factor", third, { code: "abc" }))))).status).toBe(400);
  });

  it("accepts a fresh TOTP code once and throttles guesses", async () => {
    const secret = generateTotpSecret();
    const org = makeOrganisation(getDb());
    const user = await makeUser(getDb(), org.id, { role: "reviewer", totpSecret: secret });
    const cookie = sessionCookieFrom(await login(user.email, TEST_PASSWORD, "10.6.0.1"));
    expect(getStaffFromRequest(get("/staff", cookie))?.session.twoFactorVerified).toBe(false);
    const code = totpCodeAt(secret, new Date());
    const ok = await call(() => twoFactorAction(args(post("/login/two-factor", cookie, { code, redirectTo: "//evil.test" }))));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/staff");
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.totpLastStep).toBeGreaterThan(0);

    const second = sessionCookieFrom(await login(user.email, TEST_PASSWORD, "10.6.0.2"));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(() => twoFactorAction(args(post("/login/two-factor", second, { code: String(100000 + i) }))))).status);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it("requires 2FA for everyone when the organisation says so", async () => {
    const org = makeOrganisation(getDb(), { settings: { requireTwoFactorForAll: true } });
    const viewer = await makeUser(getDb(), org.id, { role: "viewer" });
    const result = await login(viewer.email, TEST_PASSWORD, "10.7.0.1");
    expect(result.headers.get("Location")).toMatch(/^\/login\/two-factor-setup/);
  });
});

describe("sessions", () => {
  it("expires after the idle limit and the absolute limit, and deletes the row", async () => {
    const cookie = sessionCookieFrom(await login(a.viewer.user.email, TEST_PASSWORD, "10.8.0.1"));
    const id = hashToken(cookie.split("=")[1]!);
    const start = Date.now();
    // Used within the idle window: slides.
    expect(getStaffFromRequest(get("/staff", cookie), { now: new Date(start + STAFF_SESSION_IDLE_MS * 0.6) })).not.toBeNull();
    expect(getStaffFromRequest(get("/staff", cookie), { now: new Date(start + STAFF_SESSION_ABSOLUTE_MS + 1000) })).toBeNull();
    expect(getDb().select().from(staffSessions).where(eq(staffSessions.id, id)).get()).toBeUndefined();

    const idle = sessionCookieFrom(await login(a.viewer.user.email, TEST_PASSWORD, "10.8.0.2"));
    expect(getStaffFromRequest(get("/staff", idle), { now: new Date(Date.now() + STAFF_SESSION_IDLE_MS + 1000) })).toBeNull();
  });

  it("logout ends this session; log out everywhere ends all of them", async () => {
    const one = sessionCookieFrom(await login(a.viewer.user.email, TEST_PASSWORD, "10.9.0.1"));
    const two = sessionCookieFrom(await login(a.viewer.user.email, TEST_PASSWORD, "10.9.0.2"));
    const out = await call(() => logoutAction(args(post("/logout", one, {}))));
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(getStaffFromRequest(get("/staff", one))).toBeNull();
    expect(getStaffFromRequest(get("/staff", two))).not.toBeNull();
    const three = sessionCookieFrom(await login(a.viewer.user.email, TEST_PASSWORD, "10.9.0.3"));
    await call(() => logoutAction(args(post("/logout", three, { scope: "all" }))));
    expect(getStaffFromRequest(get("/staff", two))).toBeNull();
    expect(getStaffFromRequest(get("/staff", three))).toBeNull();
  });

  it("re-authentication checks the password and issues a new session", async () => {
    const cookie = sessionCookieFrom(await login(a.reviewer.user.email, TEST_PASSWORD, "10.10.0.1"));
    const wrong = await call(() => reauthAction(args(post("/reauthenticate", cookie, { password: "not the password", redirectTo: "/staff/account" }))));
    expect(wrong.status).toBe(401);
    const empty = await call(() => reauthAction(args(post("/reauthenticate", cookie, { password: "" }))));
    expect(empty.status).toBe(400);
    const ok = await call(() => reauthAction(args(post("/reauthenticate", cookie, { password: TEST_PASSWORD, redirectTo: "https://evil.test" }))));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/staff");
    expect(sessionCookieFrom(ok)).not.toBe(cookie);
    expect(getStaffFromRequest(get("/staff", cookie))).toBeNull();
  });
});

describe("a half-finished sign-in", () => {
  it("is good for ten minutes only, then starts over at /login instead of looping", async () => {
    const secret = generateTotpSecret();
    const org = makeOrganisation(getDb());
    const user = await makeUser(getDb(), org.id, { role: "reviewer", totpSecret: secret });
    const cookie = sessionCookieFrom(await login(user.email, TEST_PASSWORD, "10.11.0.1"));
    getDb().update(staffSessions).set({ reauthenticatedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(staffSessions.userId, user.id)).run();
    const result = await call(() => twoFactorLoader(args(get("/login/two-factor?redirectTo=%2Fstaff%2Fsuppliers", cookie))));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fsuppliers");
    expect(getStaffFromRequest(get("/staff", cookie))).toBeNull();

    const admin = await makeUser(getDb(), org.id, { role: "admin" });
    const pending = sessionCookieFrom(await login(admin.email, TEST_PASSWORD, "10.11.0.2"));
    getDb().update(staffSessions).set({ reauthenticatedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(staffSessions.userId, admin.id)).run();
    const setup = await call(() => setupLoader(args(get("/login/two-factor-setup", pending))));
    expect(setup.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff");
  });
});
