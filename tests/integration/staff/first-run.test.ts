/** First run, on this file's own empty database: /setup creates the organisation and its admin, once. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { organisations, users } from "#db/schema";
import { getStaffFromRequest } from "~/auth/staff-session.server";
import { createOrganisationWithAdmin } from "~/organisations/setup.server";
import { loader as loginLoader } from "~/routes/login._index";
import { action as setupAction, loader as setupLoader } from "~/routes/setup";
import { args, call, get, post, sessionCookieFrom } from "./support";

const good = { organisationName: "Ærø Kommune", name: "Anne Admin", email: "Anne@Aeroe.example", password: "en lang og god sætning", confirmPassword: "en lang og god sætning" };

describe("first-run setup", () => {
  it("sends the login page to /setup while there is no organisation", async () => {
    expect(getDb().select().from(organisations).all()).toHaveLength(0);
    expect((await call(() => loginLoader(args(get("/login"))))).headers.get("Location")).toBe("/setup");
    expect((await call(() => setupLoader(args(get("/setup"))))).status).toBe(200);
  });

  it("refuses bad input and creates nothing", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ organisationName: "" }, "validation.required"],
      [{ organisationName: "Æ" }, "staff.validation.orgNameTooShort"],
      [{ name: "" }, "validation.required"],
      [{ email: "anne" }, "validation.email"],
      [{ password: "kort", confirmPassword: "kort" }, "staff.validation.passwordTooShort"],
      [{ password: "Password123456", confirmPassword: "Password123456" }, "staff.validation.passwordCommon"],
      [{ confirmPassword: "noget andet helt" }, "staff.validation.passwordMismatch"],
    ];
    for (const [overrides, message] of cases) {
      const result = await call(() => setupAction(args(post("/setup", "", { ...good, ...overrides }))));
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
    }
    expect(getDb().select().from(organisations).all()).toHaveLength(0);
  });

  it("creates the organisation and admin, signs in pending two-factor enrolment, and then closes", async () => {
    const result = await call(() => setupAction(args(post("/setup", "", good))));
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/login/two-factor-setup?redirectTo=%2Fstaff");
    const admin = getDb().select().from(users).where(eq(users.email, "anne@aeroe.example")).get()!;
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const staff = getStaffFromRequest(get("/staff", sessionCookieFrom(result)));
    expect(staff?.session.twoFactorVerified).toBe(false);
    expect(getDb().select().from(organisations).get()!.slug).toBe("aeroe-kommune");
    expect((await call(() => setupLoader(args(get("/setup"))))).status).toBe(404);
    expect((await call(() => setupAction(args(post("/setup", "", { ...good, email: "other@x.example" }))))).status).toBe(404);
  });

  it("the admin:create path (same domain function) refuses a taken email and adds a second organisation", async () => {
    expect(await createOrganisationWithAdmin({ organisationName: "Anden", name: "B", email: "anne@aeroe.example", password: "en lang og god sætning" })).toEqual({
      kind: "field",
      field: "email",
      message: "staff.setup.emailTaken",
    });
    const created = await createOrganisationWithAdmin({ organisationName: "Ærø Kommune", name: "B", email: "b@b.example", password: "en lang og god sætning" });
    expect(created.kind).toBe("created");
    expect(getDb().select().from(organisations).all().map((o) => o.slug)).toEqual(expect.arrayContaining(["aeroe-kommune", expect.stringMatching(/^aeroe-kommune-/)]));
  });
});
