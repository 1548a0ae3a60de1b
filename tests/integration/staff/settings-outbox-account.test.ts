import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeUser, TEST_PASSWORD } from "#db/factories/core";
import { listAudit } from "#db/repos/audit";
import { organisations, staffSessions, users } from "#db/schema";
import { createStaffSession, getStaffFromRequest, REAUTHENTICATION_WINDOW_MS } from "~/auth/staff-session.server";
import { sendEmail } from "~/email/send-email.server";
import { action as accountAction, loader as accountLoader } from "~/routes/staff.account";
import { loader as outboxLoader } from "~/routes/staff.outbox._index";
import { loader as emailLoader } from "~/routes/staff.outbox.$emailId._index";
import { loader as emailHtmlLoader } from "~/routes/staff.outbox.$emailId.html";
import { action as settingsAction, loader as settingsLoader } from "~/routes/staff.settings";
import { action as setupAction, loader as setupLoader } from "~/routes/setup";
import { generateTotpSecret } from "~/staff/totp.server";
import { args, call, get, makeOrgWithStaff, post, staffOf, type Org } from "./support";

let a: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
});

const validSettings = {
  defaultLocale: "en",
  daysAfterSend: "7, 14",
  daysBeforeDue: "3",
  onDueDate: "on",
  escalateAfterDays: "2",
  months_critical: "6",
  months_high: "",
  months_medium: "12",
  months_low: "",
  questionnaire_low: "due-diligence",
  requireTwoFactorForAll: "on",
};

describe("settings", () => {
  it("saves a valid form (audited) and shows it again; turning on 2FA for all signs out those without it", async () => {
    expect((await call(() => settingsLoader(args(get("/staff/settings", a.reviewer.cookie))))).status).toBe(403);
    const withTotp = await staffOf(a.org.id, "reviewer", { totpSecret: generateTotpSecret() });
    const saved = await call(() => settingsAction(args(post("/staff/settings", a.admin.cookie, validSettings))));
    expect(saved.status).toBe(200);
    const settings = getDb().select().from(organisations).where(eq(organisations.id, a.org.id)).get()!.settings;
    expect(settings).toEqual({
      defaultLocale: "en",
      reminders: { daysAfterSend: [7, 14], daysBeforeDue: [3], onDueDate: true, escalateAfterDays: 2 },
      reassessmentMonths: { critical: 6, medium: 12 },
      questionnaireByTier: { low: "due-diligence" },
      requireTwoFactorForAll: true,
    });
    expect(listAudit(getDb(), a.org.id, { action: "organisation.settings.updated" })).toHaveLength(1);
    expect(getStaffFromRequest(get("/staff", a.reviewer.cookie))).toBeNull();
    expect(getStaffFromRequest(get("/staff", a.viewer.cookie))).toBeNull();
    expect(getStaffFromRequest(get("/staff", withTotp.cookie))).not.toBeNull();
    expect(getStaffFromRequest(get("/staff", a.admin.cookie))).not.toBeNull();
    const page = (await call(() => settingsLoader(args(get("/staff/settings", a.admin.cookie))))).value as { defaults: Record<string, string> };
    expect(page.defaults).toMatchObject({ daysAfterSend: "7, 14", months_critical: "6", onDueDate: "on" });
  });

  const bad: [string, Record<string, string>, string][] = [
    ["a longer interval than the tier allows", { months_critical: "13" }, "staff.settings.monthsTooLong"],
    ["a zero interval", { months_low: "0" }, "staff.settings.monthsRange"],
    ["a non-number interval", { months_high: "twelve" }, "validation.number"],
    ["a malformed day list", { daysAfterSend: "7 and 14" }, "staff.settings.dayListFormat"],
    ["a day out of range", { daysBeforeDue: "400" }, "staff.settings.dayRange"],
    ["day zero", { daysAfterSend: "0" }, "staff.settings.dayRange"],
    ["an unknown language", { defaultLocale: "sv" }, "validation.invalidChoice"],
    ["an unknown questionnaire", { questionnaire_high: "no-such" }, "validation.invalidChoice"],
    ["escalation too late", { escalateAfterDays: "120" }, "staff.settings.escalateRange"],
    ["escalation missing", { escalateAfterDays: "" }, "validation.number"],
  ];
  for (const [label, overrides, message] of bad) {
    it(`refuses ${label} and changes nothing`, async () => {
      const before = getDb().select().from(organisations).where(eq(organisations.id, a.org.id)).get()!.settings;
      const result = await call(() => settingsAction(args(post("/staff/settings", a.admin.cookie, { ...validSettings, ...overrides }))));
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
      expect(getDb().select().from(organisations).where(eq(organisations.id, a.org.id)).get()!.settings).toEqual(before);
    });
  }
});

describe("outbox", () => {
  it("lists the organisation's emails for admins and opens each with its links", async () => {
    const sent = await sendEmail({
      orgId: a.org.id,
      to: "someone@example.test",
      subject: "Hej med dig",
      html: '<p><a href="http://localhost:3000/invite/abcdefghijklmnopqrstuvwxyz234567">Åbn</a></p>',
      text: "Åbn: http://localhost:3000/invite/abcdefghijklmnopqrstuvwxyz234567",
      kind: "supplier-invitation",
      locale: "da",
    });
    const list = (await call(() => outboxLoader(args(get("/staff/outbox?page=abc", a.admin.cookie))))).value as { emails: { id: string }[] };
    expect(list.emails.map((e) => e.id)).toContain(sent.id);
    const email = (await call(() => emailLoader(args(get(`/staff/outbox/${sent.id}`, a.admin.cookie), { emailId: sent.id! })))).value as { links: string[]; text: string };
    expect(email.links).toEqual(["http://localhost:3000/invite/abcdefghijklmnopqrstuvwxyz234567"]);
    const html = await call(() => emailHtmlLoader(args(get(`/staff/outbox/${sent.id}/html`, a.admin.cookie), { emailId: sent.id! })));
    expect(html.status).toBe(200);
    expect(html.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
    expect((await call(() => emailLoader(args(get(`/staff/outbox/nope`, a.admin.cookie), { emailId: "nope" })))).status).toBe(404);
    const viewer = await staffOf(a.org.id, "viewer");
    expect((await call(() => outboxLoader(args(get("/staff/outbox", viewer.cookie))))).status).toBe(403);
  });
});

describe("my account", () => {
  it("changing the password needs the current one and ends my other sessions", async () => {
    const me = await staffOf(a.org.id, "reviewer");
    const other = createStaffSession({ userId: me.user.id, orgId: a.org.id, twoFactorVerified: true });
    const page = (await call(() => accountLoader(args(get("/staff/account", me.cookie))))).value as { twoFactor: boolean };
    expect(page.twoFactor).toBe(false);
    const change = (fields: Record<string, string>) => call(() => accountAction(args(post("/staff/account", me.cookie, { intent: "change-password", ...fields }))));
    for (const [fields, message] of [
      [{ currentPassword: "wrong wrong wrong", password: "a brand new sentence", confirmPassword: "a brand new sentence" }, "staff.account.password.currentWrong"],
      [{ currentPassword: TEST_PASSWORD, password: "too short", confirmPassword: "too short" }, "staff.validation.passwordTooShort"],
      [{ currentPassword: TEST_PASSWORD, password: "a brand new sentence", confirmPassword: "a different sentence" }, "staff.validation.passwordMismatch"],
      [{ currentPassword: TEST_PASSWORD, password: "1234567890123", confirmPassword: "1234567890123" }, "staff.validation.passwordCommon"],
      [{ currentPassword: TEST_PASSWORD, password: me.user.email, confirmPassword: me.user.email }, "staff.validation.passwordIsEmail"],
    ] as const) {
      const result = await change(fields);
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
    }
    expect(getStaffFromRequest(get("/staff", `lt_session=${other.token}`))).not.toBeNull();
    const ok = await change({ currentPassword: TEST_PASSWORD, password: "a brand new sentence", confirmPassword: "a brand new sentence" });
    expect(ok.status).toBe(200);
    expect(getStaffFromRequest(get("/staff", `lt_session=${other.token}`))).toBeNull();
    expect(getStaffFromRequest(get("/staff", me.cookie))).not.toBeNull();
  });

  it("asks for the password again when the last check is older than ten minutes", async () => {
    const me = await staffOf(a.org.id, "viewer");
    getDb().update(staffSessions).set({ reauthenticatedAt: new Date(Date.now() - REAUTHENTICATION_WINDOW_MS - 1) }).where(eq(staffSessions.userId, me.user.id)).run();
    const result = await call(() => accountAction(args(post("/staff/account", me.cookie, { intent: "change-password", currentPassword: TEST_PASSWORD, password: "another long sentence", confirmPassword: "another long sentence" }))));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/reauthenticate?redirectTo=%2Fstaff%2Faccount");
  });

  it("regenerates recovery codes and turns 2FA off only where it is not required", async () => {
    const reviewer = await staffOf(a.org.id, "reviewer", { totpSecret: generateTotpSecret() });
    const org = makeOrganisation(getDb());
    const codes = await call(() => accountAction(args(post("/staff/account", reviewer.cookie, { intent: "recovery-codes" }))));
    expect((codes.value as { codes: string[] }).codes).toHaveLength(10);
    // a.org now requires 2FA for all (settings test above), so it cannot be turned off there.
    const refused = await call(() => accountAction(args(post("/staff/account", reviewer.cookie, { intent: "disable-two-factor" }))));
    expect((refused.value as { error: string }).error).toBe("staff.account.twoFactorRequired");
    const free = await makeUser(getDb(), org.id, { role: "reviewer", totpSecret: generateTotpSecret() });
    const session = createStaffSession({ userId: free.id, orgId: org.id, twoFactorVerified: true });
    const off = await call(() => accountAction(args(post("/staff/account", `lt_session=${session.token}`, { intent: "disable-two-factor" }))));
    expect((off.value as { notice: string }).notice).toBe("staff.account.twoFactorDisabled");
    expect(getDb().select().from(users).where(eq(users.id, free.id)).get()!.totpSecret).toBeNull();
  });
});

describe("first-run setup", () => {
  it("is a 404 once an organisation exists", async () => {
    expect((await call(() => setupLoader(args(get("/setup"))))).status).toBe(404);
    const result = await call(() =>
      setupAction(args(post("/setup", "", { organisationName: "Kaper", name: "K", email: "k@k.example", password: "a long enough sentence", confirmPassword: "a long enough sentence" }))),
    );
    expect(result.status).toBe(404);
    expect(getDb().select().from(users).where(eq(users.email, "k@k.example")).get()).toBeUndefined();
  });
});

describe("my sessions", () => {
  it("lists them, ends another one, and never ends another user's", async () => {
    const org = makeOrganisation(getDb());
    const me = await makeUser(getDb(), org.id, { role: "viewer" });
    const mine = createStaffSession({ userId: me.id, orgId: org.id, twoFactorVerified: true, ip: "1.1.1.1", userAgent: "Browser A" });
    const other = createStaffSession({ userId: me.id, orgId: org.id, twoFactorVerified: true, ip: "2.2.2.2", userAgent: "Browser B" });
    const stranger = await staffOf(a.org.id, "viewer");
    const cookie = `lt_session=${mine.token}`;
    const page = (await call(() => accountLoader(args(get("/staff/account", cookie))))).value as { sessions: { handle: string; current: boolean; ip: string }[] };
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.find((s) => s.current)?.ip).toBe("1.1.1.1");
    expect(JSON.stringify(page)).not.toContain(mine.token);
    const otherHandle = page.sessions.find((s) => !s.current)!.handle;
    const strangerHandle = (getDb().select().from(staffSessions).where(eq(staffSessions.userId, stranger.user.id)).get()!.id).slice(0, 16);
    expect((await call(() => accountAction(args(post("/staff/account", cookie, { intent: "end-session", handle: strangerHandle }))))).status).toBe(404);
    expect(getStaffFromRequest(get("/staff", stranger.cookie))).not.toBeNull();
    expect((await call(() => accountAction(args(post("/staff/account", cookie, { intent: "end-session", handle: "zz" }))))).status).toBe(404);
    expect((await call(() => accountAction(args(post("/staff/account", cookie, { intent: "end-session", handle: otherHandle }))))).status).toBe(200);
    expect(getStaffFromRequest(get("/staff", `lt_session=${other.token}`))).toBeNull();
    expect(getStaffFromRequest(get("/staff", cookie))).not.toBeNull();
  });
});
