import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { explainQueue } from "#db/repos/review-queue";
import { assessments, flags } from "#db/schema";
import { listAudit } from "#db/repos/audit";
import { requireStaff } from "~/auth/staff-session.server";
import { reopenLapsedFlags } from "~/review/flag-lapse.server";
import { acceptFlag } from "~/review/review.server";
import { action, loader } from "~/routes/staff.review";
import { args, call, get, makeOrgWithStaff, post, submitted } from "./support";

const DAY = 86_400_000;
type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;
let a: Org;
let b: Org;
const ids: Record<string, string> = {};

function fixed(name: string, orgId: string, tier: "critical" | "high" | "medium" | "low", critical: number, score: number | null, daysAgo: number, extra: Partial<typeof assessments.$inferInsert> = {}) {
  const made = submitted(orgId, { name: `Leverandør ${name}`, tier }, { submittedAt: new Date(Date.now() - daysAgo * DAY) });
  getDb()
    .update(assessments)
    .set({ tier, criticalFlagCount: critical, flagCount: critical, overallScore: score, ...extra })
    .where(eq(assessments.id, made.assessment.id))
    .run();
  ids[name] = made.assessment.id;
  return made;
}

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
  fixed("A", a.org.id, "low", 1, 90, 1);
  fixed("B", a.org.id, "critical", 0, 40, 3);
  fixed("C", a.org.id, "critical", 0, 40, 5);
  fixed("D", a.org.id, "high", 0, 20, 2);
  fixed("E", a.org.id, "critical", 0, null, 1);
  fixed("F", a.org.id, "medium", 0, 10, 9, { status: "in_review", assignedReviewerId: a.reviewer.user.id });
  fixed("G", a.org.id, "low", 0, 5, 4, { status: "clarification_requested" });
  fixed("H", a.org.id, "critical", 2, 95, 0);
  fixed("decided", a.org.id, "critical", 3, 0, 30, { status: "approved" });
  fixed("other-org", b.org.id, "critical", 5, 0, 40);
});

async function queue(query: string, cookie = a.reviewer.cookie) {
  const result = await call(() => loader(args(get(`/staff/review${query}`, cookie))));
  return result;
}

describe("review queue", () => {
  it("orders open critical flags first, then tier (critical first), score (lowest, none first), waiting time", async () => {
    const { status, value } = await queue("");
    expect(status).toBe(200);
    const rows = (value as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(rows).toEqual(["H", "A", "E", "C", "B", "D", "F", "G"].map((n) => ids[n]));
  });

  it("never shows another organisation's assessments, nor decided ones", async () => {
    const { body, value } = await queue("");
    expect(body).not.toContain(ids["other-org"]);
    expect(body).not.toContain(ids.decided);
    expect((value as { counts: { total: number } }).counts.total).toBe(8);
  });

  it("filters by tier, state, reviewer, 'assigned to me' and questionnaire, with counts per value", async () => {
    const tier = (await queue("?tier=critical")).value as { rows: { id: string }[]; counts: { tier: Record<string, number>; total: number } };
    expect(tier.rows.map((r) => r.id)).toEqual(["H", "E", "C", "B"].map((n) => ids[n]));
    expect(tier.counts.total).toBe(4);
    expect(tier.counts.tier).toEqual({ critical: 4, high: 1, medium: 1, low: 2 });

    const state = (await queue("?status=clarification_requested")).value as { rows: { id: string }[]; counts: { status: Record<string, number> } };
    expect(state.rows.map((r) => r.id)).toEqual([ids.G]);
    expect(state.counts.status).toEqual({ submitted: 6, in_review: 1, clarification_requested: 1 });

    const mine = (await queue("?mine=1")).value as { rows: { id: string }[] };
    expect(mine.rows.map((r) => r.id)).toEqual([ids.F]);
    const colleagues = (await queue("?mine=1", a.colleague.cookie)).value as { rows: { id: string }[] };
    expect(colleagues.rows).toEqual([]);
    const byReviewer = (await queue(`?reviewer=${a.reviewer.user.id}`, a.colleague.cookie)).value as { rows: { id: string }[] };
    expect(byReviewer.rows.map((r) => r.id)).toEqual([ids.F]);
    const unassigned = (await queue("?reviewer=none")).value as { counts: { total: number; reviewer: Record<string, number> } };
    expect(unassigned.counts.total).toBe(7);
    expect(unassigned.counts.reviewer[a.reviewer.user.id]).toBe(1);

    const questionnaire = (await queue("?questionnaire=due-diligence-light")).value as { rows: { id: string }[] };
    // Low-tier suppliers get the light questionnaire by default (A and G).
    expect(questionnaire.rows.map((r) => r.id).sort()).toEqual([ids.A, ids.G].sort());
  });

  it("filters by red-flag type from the flags the scoring engine raised", async () => {
    const flagged = submitted(a.org.id, { name: "MFA-undtagelse", tier: "high" }, { answers: { "customer-access-mfa": "exception-needed" } });
    const result = (await queue("?flag=mfa-exception")).value as { rows: { id: string }[]; counts: { flagType: Record<string, number> } };
    expect(result.rows.map((r) => r.id)).toEqual([flagged.assessment.id]);
    expect(result.counts.flagType["mfa-exception"]).toBe(1);
    const all = (await queue("")).value as { rows: { id: string }[] };
    // One open critical (warning) flag puts it right after H (two critical flags) and before A (same count, lower tier).
    expect(all.rows.slice(0, 3).map((r) => r.id)).toEqual([ids.H, flagged.assessment.id, ids.A]);
  });

  it("refuses unknown filter values with 400", async () => {
    for (const query of ["?tier=urgent", "?status=approved", "?page=0", "?page=abc", "?flag=%3Cscript%3E", "?mine=yes"]) {
      expect((await queue(query)).status, query).toBe(400);
    }
  });

  it("the queue query uses the queue index, never a full scan of assessments", () => {
    for (const filter of [{}, { tier: "critical" as const }, { status: "submitted" as const }, { reviewerId: "x" }, { flagType: "mfa-exception" }]) {
      const plan = explainQueue(getDb(), a.org.id, filter).join("\n");
      expect(plan, JSON.stringify(filter)).toMatch(/USING (COVERING )?INDEX assessments_/);
      expect(plan, JSON.stringify(filter)).not.toMatch(/SCAN assessments(?! USING)/);
    }
  });

  it("reads a page in queue order from the covering queue index (no sort, no assessment row, no flag), whatever the filter", () => {
    const filters = [
      {},
      { tier: "critical" as const },
      { status: "submitted" as const },
      { reviewerId: "x" },
      { reviewerId: "none" },
      { questionnaireId: "due-diligence" },
      { flagType: "mfa-exception" },
      { flagType: "mfa-exception", tier: "high" as const, status: "in_review" as const, reviewerId: "x", questionnaireId: "due-diligence" },
    ];
    for (const filter of filters) {
      const plan = explainQueue(getDb(), a.org.id, filter);
      expect(plan[0], JSON.stringify(filter)).toBe("SEARCH assessments USING COVERING INDEX assessments_queue_order_idx (org_id=?)");
      // Only the questionnaire filter adds a step: the version ids of the questionnaire (a handful of rows).
      if (!filter.questionnaireId) expect(plan, JSON.stringify(filter)).toHaveLength(1);
      for (const step of plan.slice(1)) expect(step, JSON.stringify(filter)).toMatch(/^(LIST SUBQUERY \d+|SCAN questionnaire_versions|CREATE BLOOM FILTER)$/);
    }
  });

  it("counts every facet in one grouped pass over the covering facets index (no sort, no flag)", () => {
    const plan = explainQueue(getDb(), a.org.id, {}, "counts");
    expect(plan).toEqual(["SEARCH assessments USING COVERING INDEX assessments_queue_facets_idx (org_id=? AND status=?)"]);
  });

  it("reads the queue version (whether the kept counts still hold) by primary key", () => {
    expect(explainQueue(getDb(), a.org.id, {}, "version")).toEqual([
      "SEARCH review_queue_versions USING INDEX sqlite_autoindex_review_queue_versions_1 (org_id=?)",
    ]);
  });

  it("filters and counts by flag type from flags as they are after every kind of change", async () => {
    const org = await makeOrgWithStaff();
    const db = getDb();
    const mfa = submitted(org.org.id, { name: "MFA", tier: "high" }, { answers: { "customer-access-mfa": "exception-needed" } });
    const clean = submitted(org.org.id, { name: "Ren", tier: "high" });
    const view = async () => {
      const all = (await queue("", org.reviewer.cookie)).value as { counts: { flagType: Record<string, number> } };
      const filtered = (await queue("?flag=mfa-exception", org.reviewer.cookie)).value as { rows: { id: string }[]; counts: { total: number } };
      return { count: all.counts.flagType["mfa-exception"] ?? 0, rows: filtered.rows.map((r) => r.id), total: filtered.counts.total };
    };
    // The stored copy always equals the flags themselves.
    const consistent = () => {
      for (const made of [mfa, clean]) {
        const open = db
          .select({ flagType: flags.flagType })
          .from(flags)
          .where(and(eq(flags.assessmentId, made.assessment.id), eq(flags.status, "open")))
          .all()
          .map((f) => f.flagType);
        const stored = db.select({ types: assessments.openFlagTypes }).from(assessments).where(eq(assessments.id, made.assessment.id)).get()!.types;
        expect(stored, made.supplier.name).toBe([...new Set(open)].sort().join(","));
      }
    };
    consistent();
    expect(await view()).toEqual({ count: 1, rows: [mfa.assessment.id], total: 1 });

    // Accepting the risk closes the flag: gone from the filter and its count.
    const flag = db.select().from(flags).where(and(eq(flags.assessmentId, mfa.assessment.id), eq(flags.flagType, "mfa-exception"))).get()!;
    const staff = requireStaff(get("/staff/review", org.reviewer.cookie));
    const until = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    expect(acceptFlag(staff, mfa.assessment.id, { flagId: flag.id, reason: "Kompenserende kontrol", until }).ok).toBe(true);
    consistent();
    expect(await view()).toEqual({ count: 0, rows: [], total: 0 });

    // The acceptance lapses: the job raises the flag again.
    reopenLapsedFlags(db, new Date(Date.now() + 10 * DAY));
    consistent();
    expect(await view()).toEqual({ count: 1, rows: [mfa.assessment.id], total: 1 });

    // Any other write of a flag (here plain SQL) is followed as well: moved, then deleted.
    db.update(flags).set({ assessmentId: clean.assessment.id }).where(eq(flags.id, flag.id)).run();
    consistent();
    expect(await view()).toEqual({ count: 1, rows: [clean.assessment.id], total: 1 });
    db.delete(flags).where(eq(flags.id, flag.id)).run();
    consistent();
    expect(await view()).toEqual({ count: 0, rows: [], total: 0 });
  });
});

describe("assigning from the queue", () => {
  it("assigns to a colleague, moves a submitted assessment into review and audits it", async () => {
    const { status } = await call(() => action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: ids.B!, reviewerId: a.colleague.user.id }))));
    expect(status).toBe(303);
    const row = getDb().select().from(assessments).where(eq(assessments.id, ids.B!)).get()!;
    expect(row.assignedReviewerId).toBe(a.colleague.user.id);
    expect(row.status).toBe("in_review");
    const audit = listAudit(getDb(), a.org.id, { action: "assessment.assigned", targetId: ids.B! });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(a.reviewer.user.id);
    expect(audit[0]!.details).toMatchObject({ before: { reviewerId: null, status: "submitted" }, after: { reviewerId: a.colleague.user.id, status: "in_review" } });
  });

  it("refuses a viewer (403) and changes nothing", async () => {
    const { status } = await call(() => action(args(post("/staff/review", a.viewer.cookie, { intent: "assign", assessmentId: ids.C!, reviewerId: a.viewer.user.id }))));
    expect(status).toBe(403);
    expect(getDb().select().from(assessments).where(eq(assessments.id, ids.C!)).get()!.assignedReviewerId).toBeNull();
  });

  it("refuses a viewer, an unknown user or another organisation's staff as the reviewer", async () => {
    for (const reviewerId of [a.viewer.user.id, "nobody", b.reviewer.user.id, ""]) {
      const { status, value } = await call(() => action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: ids.C!, reviewerId }))));
      expect(status, reviewerId).toBe(400);
      expect((value as { error: string }).error).toBe("review.validation.reviewer");
    }
    expect(getDb().select().from(assessments).where(eq(assessments.id, ids.C!)).get()!.assignedReviewerId).toBeNull();
  });

  const assigned = (name: string) => getDb().select().from(assessments).where(eq(assessments.id, ids[name]!)).get()!.assignedReviewerId;
  const assignedAudits = (name: string) => listAudit(getDb(), a.org.id, { action: "assessment.assigned", targetId: ids[name]! }).length;

  it("assigns every chosen assessment at once, each audited", async () => {
    const { status } = await call(() =>
      action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: [ids.E!, ids.H!], reviewerId: a.reviewer.user.id, redirectTo: "/staff/review?tier=critical" }))),
    );
    expect(status).toBe(303);
    for (const name of ["E", "H"]) {
      expect(assigned(name)).toBe(a.reviewer.user.id);
      expect(assignedAudits(name)).toBe(1);
    }
  });

  it("asks for a choice when no assessment is chosen, and changes nothing", async () => {
    const before = listAudit(getDb(), a.org.id, { action: "assessment.assigned" }).length;
    const { status, value } = await call(() => action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", reviewerId: a.reviewer.user.id }))));
    expect(status).toBe(400);
    expect((value as { error: string }).error).toBe("review.assign.noneSelected");
    expect(listAudit(getDb(), a.org.id, { action: "assessment.assigned" })).toHaveLength(before);
  });

  it("assigns none when one chosen assessment can no longer be assigned", async () => {
    const { status, value } = await call(() =>
      action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: [ids.C!, ids.decided!], reviewerId: a.reviewer.user.id }))),
    );
    expect(status).toBe(400);
    expect((value as { error: string }).error).toBe("review.error.notReviewable");
    expect(assigned("C")).toBeNull();
    expect(assignedAudits("C")).toBe(0);
  });

  it("undoes the rows already assigned when a later one changed between the check and the write", async () => {
    // Another writer got to G first: its update is skipped, as a row whose status moved on would be.
    const sqlite = getDb().$client;
    sqlite.exec(`create temp trigger skip_g before update on assessments when old.id = '${ids.G}' begin select raise(ignore); end`);
    try {
      const { status, value } = await call(() =>
        action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: [ids.D!, ids.G!], reviewerId: a.colleague.user.id }))),
      );
      expect(status).toBe(400);
      expect((value as { error: string }).error).toBe("review.error.changedMeanwhile");
    } finally {
      sqlite.exec("drop trigger temp.skip_g");
    }
    expect(assigned("D")).toBeNull();
    expect(getDb().select().from(assessments).where(eq(assessments.id, ids.D!)).get()!.status).toBe("submitted");
    expect(assignedAudits("D")).toBe(0);
    expect(assignedAudits("G")).toBe(0);
  });

  it("refuses malformed ids and more than a page of them, changing nothing", async () => {
    const tooMany = Array.from({ length: 26 }, () => ids.C!);
    for (const assessmentId of [["../../etc"], tooMany]) {
      const { status } = await call(() => action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId, reviewerId: a.reviewer.user.id }))));
      expect(status).toBe(400);
    }
    expect(assigned("C")).toBeNull();
  });

  it("answers 404 when another organisation's id is among the chosen, and assigns none", async () => {
    const { status } = await call(() =>
      action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: [ids.C!, ids["other-org"]!], reviewerId: a.reviewer.user.id }))),
    );
    expect(status).toBe(404);
    expect(assigned("C")).toBeNull();
    expect(getDb().select().from(assessments).where(eq(assessments.id, ids["other-org"]!)).get()!.assignedReviewerId).toBeNull();
  });

  it("answers 404 for another organisation's assessment and changes nothing", async () => {
    const { status, body } = await call(() =>
      action(args(post("/staff/review", b.reviewer.cookie, { intent: "assign", assessmentId: ids.D!, reviewerId: b.reviewer.user.id }))),
    );
    expect(status).toBe(404);
    expect(body).not.toContain("Leverandør D");
    expect(getDb().select().from(assessments).where(eq(assessments.id, ids.D!)).get()!.assignedReviewerId).toBeNull();
  });
});
