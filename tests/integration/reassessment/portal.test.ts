/**
 * Issue 11, the supplier's side of a reassessment: last year's answers prefilled and marked,
 * new questions marked new, a whole theme confirmed unchanged in one post (no JavaScript needed);
 * an unknown theme or a stale revision gets a localised error and changes nothing.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeSupplier } from "#db/factories/core";
import { makeApprovedAssessment } from "#db/factories/reassessment";
import { answers, auditLog, emails } from "#db/schema";
import { startReassessment } from "~/reassessment/reassessment.server";
import { action as unchangedAction, loader as unchangedLoader } from "~/routes/s.unchanged";
import { loader as submitLoader } from "~/routes/s.submit";
import { loader as themeLoader } from "~/routes/s.themes.$themeId";
import { acceptInvitation } from "~/supplier-portal/invitation-entry.server";
import { context, freshIp, get, post, run } from "../supplier/support";

let cookie: string;
let assessmentId: string;
let orgId: string;

beforeAll(async () => {
  const db = getDb();
  const org = makeOrganisation(db);
  orgId = org.id;
  const made = makeSupplier(db, org.id, {
    tier: "critical",
    contacts: [{ name: "Leif Leverandør", email: "leif@portal.example", locale: "da", isSecurityContact: true }],
  });
  makeApprovedAssessment(db, { orgId: org.id, ...made }, { version: 1, decidedAt: new Date(Date.now() - 2 * 86_400_000) });
  const started = await startReassessment(org.id, made.supplier.id, { type: "system" });
  if (started.kind !== "started") throw new Error(JSON.stringify(started));
  assessmentId = started.assessmentId;
  const email = db.select().from(emails).where(eq(emails.assessmentId, assessmentId)).get()!;
  const token = /\/invite\/([a-z2-7]+)/.exec(email.text)![1]!;
  cookie = acceptInvitation(token, freshIp()).cookie.split(";")[0]!;
});

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context }) as never;
const rows = () => getDb().select().from(answers).where(eq(answers.assessmentId, assessmentId)).all();
const snapshot = () => ({
  answers: rows(),
  audit: getDb().select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, "assessment.theme-confirmed-unchanged"))).all(),
});

async function theme(themeId: string) {
  const page = await run(() => themeLoader(args(get(`/s/themes/${themeId}`, cookie), { themeId })));
  return page.data as { carry: { carried: { questionId: string; revision: number }[]; marks: Record<string, string>; carriedVisible: number; newVisible: number } };
}

function confirmBody(themeId: string, carried: { questionId: string; revision: number }[]) {
  return { themeId, ...Object.fromEntries(carried.map((c) => [`rev.${c.questionId}`, String(c.revision)])) };
}

describe("a reassessment in the supplier portal", () => {
  it("shows last year's answers carried forward and the question new in v2 marked new", async () => {
    const page = await theme("identity-access");
    expect(page.carry.marks["mfa-enforced"]).toBe("carried");
    expect(page.carry.marks["platform-admin-access"]).toBe("new");
    expect(page.carry.newVisible).toBe(1);
    expect(page.carry.carriedVisible).toBeGreaterThan(3);
  });

  it("confirms a whole theme unchanged in one post, audited, and moves on to the next theme", async () => {
    const page = await theme("security-management");
    const result = await run(() => unchangedAction(args(post("/s/unchanged", confirmBody("security-management", page.carry.carried), cookie))));
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/s/themes/data-access-handling?confirmed=security-management");
    const confirmed = rows().filter((r) => page.carry.carried.some((c) => c.questionId === r.questionId));
    expect(confirmed.length).toBe(page.carry.carried.length);
    expect(confirmed.every((r) => !r.carriedForward && r.revision === 2)).toBe(true);
    expect(snapshot().audit).toHaveLength(1);
    expect(snapshot().audit[0]!.details).toMatchObject({ themeId: "security-management" });
    const next = await theme("data-access-handling");
    expect(next.carry.carried.length).toBeGreaterThan(0);
    expect((await theme("security-management")).carry.carried).toEqual([]);
  });

  it("refuses an unknown theme, a stale revision, a missing one and a foreign question, changing nothing", async () => {
    const page = await theme("contract");
    const before = snapshot();
    const cases: [Record<string, string>, string][] = [
      [confirmBody("no-such-theme", page.carry.carried), "reassessment.unchanged.unknownTheme"],
      [{ ...confirmBody("contract", page.carry.carried), [`rev.${page.carry.carried[0]!.questionId}`]: "7" }, "reassessment.unchanged.stale"],
      [confirmBody("contract", page.carry.carried.slice(1)), "reassessment.unchanged.stale"],
      [{ ...confirmBody("contract", page.carry.carried), "rev.mfa-enforced": "1" }, "reassessment.unchanged.stale"],
      [{ ...confirmBody("contract", page.carry.carried), [`rev.${page.carry.carried[0]!.questionId}`]: "abc" }, "reassessment.unchanged.stale"],
      [{}, "reassessment.unchanged.unknownTheme"],
    ];
    for (const [body, message] of cases) {
      const result = await run(() => unchangedAction(args(post("/s/unchanged", body, cookie))));
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.data)).toContain(message);
    }
    expect(snapshot()).toEqual(before);
    // The refusal page renders for the session.
    expect((await run(() => unchangedLoader(args(get("/s/unchanged", cookie))))).status).toBe(200);
  });

  it("leaves only the new question to answer before submitting: everything else, evidence and comments included, carried forward", async () => {
    const page = await run(() => submitLoader(args(get("/s/submit", cookie))));
    const missing = (page.data as { missing: { kind: string; questionId: string }[] }).missing;
    expect(missing.map((m) => [m.kind, m.questionId])).toEqual([["unanswered", "platform-admin-access"]]);
  });

  it("refuses without a supplier session", async () => {
    const result = await run(() => unchangedAction(args(post("/s/unchanged", { themeId: "contract" }))));
    expect(result.status).toBe(401);
  });
});
