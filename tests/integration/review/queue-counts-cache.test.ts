/**
 * The queue's counts are kept in memory with the organisation's queue version (triggers on
 * assessments, migration 0007) and reused while it is unchanged: they must still be right after
 * every kind of write, whoever makes it, and one organisation's writes must not touch another's.
 */
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { countQueue, queueVersion, type QueueCounts } from "#db/repos/review-queue";
import { flags } from "#db/schema";
import { requireStaff } from "~/auth/staff-session.server";
import { reopenLapsedFlags } from "~/review/flag-lapse.server";
import { acceptFlag, decideAssessment } from "~/review/review.server";
import { action } from "~/routes/staff.review";
import { args, call, get, makeOrgWithStaff, post, submitted } from "./support";

const DAY = 86_400_000;
type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;
let a: Org;
let b: Org;

/** The counts as the rows say, straight from SQL (no cache, no index tricks). */
function truth(orgId: string): Pick<QueueCounts, "total" | "tier" | "status" | "reviewer"> & { mfa: number } {
  const rows = getDb()
    .$client.prepare(
      "select status, tier, coalesce(assigned_reviewer_id, 'none') as reviewer, open_flag_types as types from assessments where org_id = ? and status in ('submitted', 'in_review', 'clarification_requested')",
    )
    .all(orgId) as { status: string; tier: string; reviewer: string; types: string }[];
  const tally = (key: "status" | "tier" | "reviewer") => {
    const out: Record<string, number> = {};
    for (const row of rows) out[row[key]] = (out[row[key]] ?? 0) + 1;
    return out;
  };
  return {
    total: rows.length,
    tier: tally("tier"),
    status: tally("status"),
    reviewer: tally("reviewer"),
    mfa: rows.filter((row) => row.types.split(",").includes("mfa-exception")).length,
  };
}

function counts(orgId: string) {
  const all = countQueue(getDb(), orgId, {});
  return { total: all.total, tier: all.tier, status: all.status, reviewer: all.reviewer, mfa: all.flagType["mfa-exception"] ?? 0 };
}

function expectRight(orgId: string) {
  expect(counts(orgId)).toEqual(truth(orgId));
}

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
  submitted(a.org.id, { name: "A1", tier: "high" });
  submitted(a.org.id, { name: "A2", tier: "low" });
  submitted(a.org.id, { name: "A-mfa", tier: "critical" }, { answers: { "customer-access-mfa": "exception-needed" } });
  submitted(b.org.id, { name: "B1", tier: "medium" });
});

describe("queue counts kept with the queue version", () => {
  it("are reused while nothing changed (same object, same version)", () => {
    const version = queueVersion(getDb(), a.org.id);
    expect(version).toBeGreaterThan(0);
    const first = countQueue(getDb(), a.org.id, { tier: "high" });
    expect(countQueue(getDb(), a.org.id, { tier: "high" })).toBe(first);
    expect(queueVersion(getDb(), a.org.id)).toBe(version);
    expect(Object.isFrozen(first.tier)).toBe(true);
    expectRight(a.org.id);
  });

  it("follow a submission", () => {
    const before = counts(a.org.id).total;
    submitted(a.org.id, { name: "A3", tier: "medium" });
    expect(counts(a.org.id).total).toBe(before + 1);
    expectRight(a.org.id);
  });

  it("follow a reviewer assignment from the queue", async () => {
    expectRight(a.org.id);
    const made = submitted(a.org.id, { name: "A4", tier: "low" });
    expectRight(a.org.id);
    const { status } = await call(() =>
      action(args(post("/staff/review", a.reviewer.cookie, { intent: "assign", assessmentId: made.assessment.id, reviewerId: a.colleague.user.id }))),
    );
    expect(status).toBe(303);
    expect(counts(a.org.id).reviewer[a.colleague.user.id]).toBe(1);
    expect(counts(a.org.id).status.in_review).toBe(1);
    expectRight(a.org.id);
  });

  it("follow a decision (the assessment leaves the queue)", async () => {
    const made = submitted(a.org.id, { name: "A5", tier: "critical" });
    const before = counts(a.org.id);
    const staff = requireStaff(get("/staff/review", a.reviewer.cookie));
    expect((await decideAssessment(staff, made.assessment.id, { decision: "rejected", reason: "Utilstrækkelig sikkerhed" })).ok).toBe(true);
    expect(counts(a.org.id).total).toBe(before.total - 1);
    expect(counts(a.org.id).tier.critical).toBe((before.tier.critical ?? 0) - 1);
    expectRight(a.org.id);
  });

  it("follow a flag accepted and reopened (the triggers on flags feed the one on assessments)", () => {
    const db = getDb();
    const made = submitted(a.org.id, { name: "A-mfa-2", tier: "high" }, { answers: { "customer-access-mfa": "exception-needed" } });
    const before = counts(a.org.id).mfa;
    const flag = db.select().from(flags).where(and(eq(flags.assessmentId, made.assessment.id), eq(flags.flagType, "mfa-exception"))).get()!;
    const staff = requireStaff(get("/staff/review", a.reviewer.cookie));
    const until = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    expect(acceptFlag(staff, made.assessment.id, { flagId: flag.id, reason: "Kompenserende kontrol", until }).ok).toBe(true);
    expect(counts(a.org.id).mfa).toBe(before - 1);
    expect(countQueue(db, a.org.id, { flagType: "mfa-exception" }).total).toBe(before - 1);
    expectRight(a.org.id);
    reopenLapsedFlags(db, new Date(Date.now() + 10 * DAY));
    expect(counts(a.org.id).mfa).toBe(before);
    expect(countQueue(db, a.org.id, { flagType: "mfa-exception" }).total).toBe(before);
    expectRight(a.org.id);
  });

  it("are not invalidated by another organisation's writes, and never mix organisations", () => {
    const db = getDb();
    const kept = countQueue(db, a.org.id, {});
    const versionA = queueVersion(db, a.org.id);
    const versionB = queueVersion(db, b.org.id);
    const bBefore = counts(b.org.id).total;
    const made = submitted(b.org.id, { name: "B2", tier: "critical" });
    db.$client.prepare("update assessments set tier = 'low' where id = ?").run(made.assessment.id);
    expect(queueVersion(db, a.org.id)).toBe(versionA);
    expect(queueVersion(db, b.org.id)).toBeGreaterThan(versionB);
    expect(countQueue(db, a.org.id, {})).toBe(kept);
    expect(counts(b.org.id).total).toBe(bBefore + 1);
    expectRight(a.org.id);
    expectRight(b.org.id);
  });

  it("follow raw SQL, and another connection's writes (the job runner, a script)", () => {
    const db = getDb();
    const made = submitted(a.org.id, { name: "A6", tier: "medium" });
    expectRight(a.org.id);
    db.$client.prepare("update assessments set tier = 'critical' where id = ?").run(made.assessment.id);
    expectRight(a.org.id);
    const other = new Database(db.$client.name);
    try {
      other.prepare("update assessments set status = 'clarification_requested' where id = ?").run(made.assessment.id);
      expectRight(a.org.id);
      other.prepare("delete from flags where assessment_id = ?").run(made.assessment.id);
      other.prepare("update assessments set status = 'approved' where id = ?").run(made.assessment.id);
    } finally {
      other.close();
    }
    expectRight(a.org.id);
  });

  it("ignore writes that cannot change the queue (a draft's progress, a decided assessment)", () => {
    const db = getDb();
    const version = queueVersion(db, a.org.id);
    const kept = countQueue(db, a.org.id, {});
    db.$client.prepare("update assessments set progress_percent = progress_percent where org_id = ?").run(a.org.id);
    db.$client.prepare("update assessments set tier = 'low' where org_id = ? and status in ('approved', 'rejected')").run(a.org.id);
    expect(queueVersion(db, a.org.id)).toBe(version);
    expect(countQueue(db, a.org.id, {})).toBe(kept);
  });
});
