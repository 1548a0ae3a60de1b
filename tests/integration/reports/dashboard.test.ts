import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment, makeSupplier } from "#db/factories/core";
import { decideAssessment } from "~/review/review.server";
import { syncAnswerEvidence } from "~/supervision/dated-evidence.server";
import { loader as dashboardLoader } from "~/routes/staff.dashboard";
import { loader as suppliersLoader } from "~/routes/staff.suppliers._index";
import { isoDate, isoDateIn } from "~/staff/dates";
import { args, call, get, makeOrgWithStaff, staffOf, submitted } from "../review/support";
import { FLAGGING_ANSWERS, staffContextOf } from "./support";

type DashboardData = Awaited<ReturnType<typeof dashboardLoader>>;
type ListData = Awaited<ReturnType<typeof suppliersLoader>>;

async function dashboardFixture() {
  const db = getDb();
  const a = await makeOrgWithStaff();
  const b = await makeOrgWithStaff();
  const now = new Date();
  // Flagged (no MFA for administrators, late breach notification), approved with a condition already past its deadline.
  const flagged = submitted(a.org.id, { name: "Flaget ApS" }, { answers: FLAGGING_ANSWERS });
  await decideAssessment(staffContextOf(a.reviewer.cookie), flagged.assessment.id, {
    decision: "approved_with_conditions",
    reason: "MFA senest om en måned",
    conditions: [{ text: "Indfør MFA", ownerSide: "supplier", ownerName: "IT-chef", deadline: isoDateIn(-3, now) }],
  });
  // Evidence lapsing: the ISO 27001 certificate expires in 20 days (read into dated evidence by the job, as in production).
  const lapsing = submitted(a.org.id, { name: "Certifikat A/S" }, { answers: { "iso27001-certificate-expiry": isoDateIn(20, now) } });
  syncAnswerEvidence(db, now);
  // A questionnaire past its due date.
  const late = makeSupplier(db, a.org.id, { name: "Sendt For Længe Siden ApS" });
  makeAssessment(db, { orgId: a.org.id, supplier: late.supplier, contacts: late.contacts }, { dueDate: isoDateIn(-5, now), now: new Date(now.getTime() - 40 * 86_400_000) });
  // Another organisation's supplier, flagged: never counted.
  submitted(b.org.id, { name: "Fremmed ApS" }, { answers: FLAGGING_ANSWERS });
  return { a, b, flagged, lapsing, late, today: isoDate(now) };
}

async function listNames(cookie: string, href: string): Promise<{ total: number; names: string[] }> {
  const result = await call(() => suppliersLoader(args(get(href, cookie))));
  const data = result.value as ListData;
  return { total: data.total, names: data.rows.map((row) => row.name) };
}

describe("dashboard", () => {
  it("counts the organisation's suppliers per figure, and each figure's link lists exactly the suppliers it counts", async () => {
    const { a } = await dashboardFixture();
    const result = await call(() => dashboardLoader(args(get("/staff/dashboard", a.viewer.cookie))));
    expect(result.status).toBe(200);
    const data = result.value as DashboardData;
    expect(data.suppliers).toBe(3);

    const mfa = data.flagTypes.find((figure) => figure.key === "no-mfa-privileged")!;
    expect(mfa).toMatchObject({ value: 1, label: "Ingen MFA på privilegerede konti", href: "/staff/suppliers?flag=no-mfa-privileged" });
    expect(await listNames(a.viewer.cookie, mfa.href)).toEqual({ total: 1, names: ["Flaget ApS"] });

    const figure = (key: string) => data.attention.find((f) => f.key === key)!;
    expect(figure("overdue-conditions").value).toBe(1);
    expect((await listNames(a.viewer.cookie, figure("overdue-conditions").href)).names).toEqual(["Flaget ApS"]);
    expect(figure("lapsing-evidence").value).toBe(1);
    expect((await listNames(a.viewer.cookie, figure("lapsing-evidence").href)).names).toEqual(["Certifikat A/S"]);
    expect(figure("overdue-questionnaire").value).toBe(1);
    expect((await listNames(a.viewer.cookie, figure("overdue-questionnaire").href)).names).toEqual(["Sendt For Længe Siden ApS"]);

    // Tier × rating: the decided supplier carries its rating; the others are not yet rated.
    const cells = data.tierMatrix.flatMap((row) => row.cells.map((cell) => ({ ...cell, tier: row.tier })));
    expect(cells.reduce((sum, cell) => sum + cell.value, 0)).toBe(3);
    const rated = cells.filter((cell) => cell.value > 0 && cell.key !== "none");
    expect(rated).toHaveLength(1);
    expect(await listNames(a.viewer.cookie, rated[0]!.href)).toEqual({ total: 1, names: ["Flaget ApS"] });

    for (const status of data.statuses) expect((await listNames(a.viewer.cookie, status.href)).total).toBe(status.value);
    expect(data.statuses.reduce((sum, s) => sum + s.value, 0)).toBe(3);
  });

  it("does not count another organisation's suppliers or flags", async () => {
    const { b } = await dashboardFixture();
    const data = (await call(() => dashboardLoader(args(get("/staff/dashboard", b.admin.cookie))))).value as DashboardData;
    expect(data.suppliers).toBe(1);
    expect(data.flagTypes.find((f) => f.key === "no-mfa-privileged")?.value).toBe(1);
    expect(data.attention.every((f) => f.value === 0)).toBe(true);
  });

  it("ignores unknown filter values on the list (the whole list, as for the existing filters)", async () => {
    const { a } = await dashboardFixture();
    expect((await listNames(a.viewer.cookie, "/staff/suppliers?rating=bogus&attention=nope&flag=Robert'); DROP TABLE")).total).toBe(3);
  });

  it("is for signed-in staff only", async () => {
    const anonymous = await call(() => dashboardLoader(args(get("/staff/dashboard", ""))));
    expect(anonymous.status).not.toBe(200);
  });
});

describe("dashboard on the demo data", () => {
  it("has something in every chart, and every figure equals the list it links to", async () => {
    const db = getDb();
    const { seedDemo } = await import("#db/factories/demo");
    const { orgId, supplierCount } = await seedDemo(db);
    const viewer = await staffOf(orgId, "viewer", "Demo Revisor");
    const data = (await call(() => dashboardLoader(args(get("/staff/dashboard", viewer.cookie))))).value as DashboardData;
    expect(data.suppliers).toBe(supplierCount);
    expect(data.tierMatrix.flatMap((row) => row.cells).reduce((sum, cell) => sum + cell.value, 0)).toBe(supplierCount);
    expect(data.flagTypes.length).toBeGreaterThan(0);
    expect(data.statuses.length).toBeGreaterThan(1);
    const figures = [...data.tierMatrix.flatMap((row) => row.cells), ...data.flagTypes, ...data.statuses, ...data.attention].filter((f) => f.value > 0);
    for (const figure of figures) expect((await listNames(viewer.cookie, figure.href)).total, figure.href).toBe(figure.value);
  });
});
