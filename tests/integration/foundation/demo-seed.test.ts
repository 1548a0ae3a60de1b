import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { DEMO_LOGINS, DEMO_ORG_SLUG, seedDemo } from "#db/factories/demo";
import { DEMO_SUPPLIERS } from "#db/factories/demo-suppliers";
import { ASSESSMENT_STATUSES, assessments, flags, organisations, staffSessions, suppliers, users } from "#db/schema";
import { verifyPassword } from "~/auth/password.server";
import { listQuestionnaires } from "~/questionnaire/catalogue.server";
import { isValidCvr } from "~/suppliers/cvr";

describe("demo data", () => {
  it("loads Demo Kommune once: staff, forty suppliers, every status and every flag", async () => {
    const db = getDb();
    const first = await seedDemo(db);
    expect(first.created).toBe(true);

    const org = db.select().from(organisations).all().find((o) => o.slug === DEMO_ORG_SLUG)!;
    expect(org.name).toBe("Demo Kommune");
    const staff = db.select().from(users).all();
    for (const login of DEMO_LOGINS) {
      const user = staff.find((u) => u.email === login.email)!;
      expect(user.role).toBe(login.role);
      expect(await verifyPassword(user.passwordHash!, login.password)).toBe(true);
    }
    expect(staff.find((u) => u.role === "admin")?.totpSecret).toBeTruthy();

    const supplierRows = db.select().from(suppliers).all();
    expect(supplierRows).toHaveLength(DEMO_SUPPLIERS.length);
    expect(new Set(supplierRows.map((s) => s.tier))).toEqual(new Set(["critical", "high", "medium", "low"]));
    for (const s of supplierRows) if (s.cvr) expect(isValidCvr(s.cvr), s.cvr).toBe(true);

    const statuses = new Set(db.select().from(assessments).all().map((a) => a.status));
    expect([...statuses].sort()).toEqual([...ASSESSMENT_STATUSES].sort());

    const raised = new Set(db.select().from(flags).all().map((f) => f.flagType));
    const declared = new Set(listQuestionnaires().flatMap((entry) => entry.questionnaire.flags.map((f) => f.id)));
    expect([...raised].sort()).toEqual([...declared].sort());
    expect(db.select().from(staffSessions).all()).toHaveLength(0);

    const counts = () => [db.select().from(suppliers).all().length, db.select().from(assessments).all().length];
    const before = counts();
    const second = await seedDemo(db);
    expect(second.created).toBe(false);
    expect(counts()).toEqual(before);
  });
});
