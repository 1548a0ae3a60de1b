/**
 * The review queue (SPEC C6): every assessment waiting for a reviewer, ordered by what needs a
 * human first — open critical red flags, then tier (critical first), then score (lowest first,
 * no score before any score), then waiting time (longest first). Filters and per-filter counts.
 *
 * Performance: every query starts from `assessments_queue_idx` (org_id, status, …) with one
 * status value at a time (the planner turns `status IN (…)` into one index range per value), and
 * only the page's rows are joined to suppliers and users.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { preparedFor } from "./reviews";
import { assessments, flags, questionnaireVersions, suppliers, users, type Tier } from "../schema";

import { QUEUE_STATUSES, type QueueStatus } from "../../app/review/queue-statuses";

export { QUEUE_STATUSES, type QueueStatus };

export interface QueueFilter {
  tier?: Tier;
  flagType?: string;
  status?: QueueStatus;
  /** A reviewer's user id, or "none" for unassigned. */
  reviewerId?: string;
  questionnaireId?: string;
}

export interface QueueRow {
  id: string;
  supplierId: string;
  supplierName: string;
  status: QueueStatus;
  kind: "initial" | "reassessment";
  tier: Tier;
  overallScore: number | null;
  riskRating: "critical" | "high" | "medium" | "low" | null;
  criticalFlagCount: number;
  flagCount: number;
  submittedAt: Date | null;
  assignedReviewerId: string | null;
  reviewerName: string | null;
  questionnaireId: string;
}

export interface QueueCounts {
  total: number;
  tier: Record<string, number>;
  status: Record<string, number>;
  reviewer: Record<string, number>;
  questionnaire: Record<string, number>;
  flagType: Record<string, number>;
}

/** Critical first. The text column sorts alphabetically, so the order is spelt out. */
const TIER_ORDER = sql`case ${assessments.tier} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/** Questionnaire id of every stored version (a handful of rows, shared by all organisations). */
function versionToQuestionnaire(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId })
      .from(questionnaireVersions)
      .all()
      .map((row) => [row.id, row.questionnaireId]),
  );
}

function versionIdsOf(db: Db, questionnaireId: string): string[] {
  return db
    .select({ id: questionnaireVersions.id })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.questionnaireId, questionnaireId))
    .all()
    .map((row) => row.id);
}

/**
 * Assessments with an open flag of this type: one pass over flags_org_type_idx builds the set,
 * each queue row is then a lookup in it (a correlated EXISTS would probe per row and, with the
 * type index, scan every flag of that type for each row).
 */
function hasOpenFlag(orgId: string, flagType: string): SQL {
  return sql`(${assessments.flagCount} > 0 and ${assessments.id} in (select ${flags.assessmentId} from ${flags} where ${flags.orgId} = ${orgId} and ${flags.flagType} = ${flagType} and ${flags.status} = 'open'))`;
}

type Facet = "tier" | "status" | "reviewer" | "questionnaire" | "flagType";

function conditions(db: Db, orgId: string, filter: QueueFilter, except?: Facet): SQL[] {
  const where: SQL[] = [eq(assessments.orgId, orgId)];
  where.push(
    filter.status && except !== "status"
      ? eq(assessments.status, filter.status)
      : inArray(assessments.status, [...QUEUE_STATUSES]),
  );
  if (filter.tier && except !== "tier") where.push(eq(assessments.tier, filter.tier));
  if (filter.reviewerId && except !== "reviewer") {
    where.push(
      filter.reviewerId === "none"
        ? sql`${assessments.assignedReviewerId} is null`
        : eq(assessments.assignedReviewerId, filter.reviewerId),
    );
  }
  if (filter.questionnaireId && except !== "questionnaire") {
    const ids = versionIdsOf(db, filter.questionnaireId);
    where.push(ids.length > 0 ? inArray(assessments.questionnaireVersionId, ids) : sql`0`);
  }
  if (filter.flagType && except !== "flagType") where.push(hasOpenFlag(orgId, filter.flagType));
  return where;
}

export function listQueue(db: Db, orgId: string, filter: QueueFilter, limit: number, offset: number): QueueRow[] {
  const page = db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(...conditions(db, orgId, filter)))
    .orderBy(
      sql`${assessments.criticalFlagCount} desc`,
      TIER_ORDER,
      sql`${assessments.overallScore} asc`,
      sql`${assessments.submittedAt} asc`,
      assessments.id,
    )
    .limit(limit)
    .offset(offset)
    .all()
    .map((row) => row.id);
  if (page.length === 0) return [];
  const rows = db
    .select({
      id: assessments.id,
      supplierId: assessments.supplierId,
      supplierName: suppliers.name,
      status: assessments.status,
      kind: assessments.kind,
      tier: assessments.tier,
      overallScore: assessments.overallScore,
      riskRating: assessments.riskRating,
      criticalFlagCount: assessments.criticalFlagCount,
      flagCount: assessments.flagCount,
      submittedAt: assessments.submittedAt,
      assignedReviewerId: assessments.assignedReviewerId,
      reviewerName: users.name,
      questionnaireVersionId: assessments.questionnaireVersionId,
    })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .leftJoin(users, and(eq(users.id, assessments.assignedReviewerId), eq(users.orgId, assessments.orgId)))
    // Unary + keeps the planner on the primary key for the page's ids (the org filter still applies).
    .where(and(inArray(assessments.id, page), sql`+${assessments.orgId} = ${orgId}`))
    .all();
  const questionnaireOf = versionToQuestionnaire(db);
  const byId = new Map(rows.map(({ questionnaireVersionId, ...row }) => [row.id, { ...row, questionnaireId: questionnaireOf.get(questionnaireVersionId) ?? "" }]));
  return page.map((id) => byId.get(id)).filter((row): row is QueueRow => row !== undefined);
}

/**
 * Counts for every filter value, each facet counted with the other active filters applied (so a
 * count says how many rows choosing that value would show), plus the total for the current filter.
 */
export function countQueue(db: Db, orgId: string, filter: QueueFilter): QueueCounts {
  const questionnaireOf = versionToQuestionnaire(db);
  // One grouped pass over the queue rows (flag filter applied, the other facets in JavaScript).
  const groups = db
    .select({
      tier: assessments.tier,
      status: assessments.status,
      reviewerId: assessments.assignedReviewerId,
      versionId: assessments.questionnaireVersionId,
      n: sql<number>`count(*)`,
    })
    .from(assessments)
    .where(
      and(
        eq(assessments.orgId, orgId),
        inArray(assessments.status, [...QUEUE_STATUSES]),
        ...(filter.flagType ? [hasOpenFlag(orgId, filter.flagType)] : []),
      ),
    )
    .groupBy(assessments.status, assessments.tier, assessments.assignedReviewerId, assessments.questionnaireVersionId)
    .all();

  const counts: QueueCounts = { total: 0, tier: {}, status: {}, reviewer: {}, questionnaire: {}, flagType: {} };
  const matches = (group: (typeof groups)[number], except?: Facet) =>
    (except === "tier" || !filter.tier || group.tier === filter.tier) &&
    (except === "status" || !filter.status || group.status === filter.status) &&
    (except === "reviewer" ||
      !filter.reviewerId ||
      (filter.reviewerId === "none" ? group.reviewerId === null : group.reviewerId === filter.reviewerId)) &&
    (except === "questionnaire" ||
      !filter.questionnaireId ||
      questionnaireOf.get(group.versionId) === filter.questionnaireId);
  const add = (record: Record<string, number>, key: string, n: number) => {
    record[key] = (record[key] ?? 0) + n;
  };
  for (const group of groups) {
    const n = Number(group.n);
    if (matches(group)) counts.total += n;
    if (matches(group, "tier")) add(counts.tier, group.tier, n);
    if (matches(group, "status")) add(counts.status, group.status, n);
    if (matches(group, "reviewer")) add(counts.reviewer, group.reviewerId ?? "none", n);
    if (matches(group, "questionnaire")) add(counts.questionnaire, questionnaireOf.get(group.versionId) ?? "?", n);
  }

  // Driven from the queue rows (CROSS JOIN keeps that order): only assessments with open flags
  // probe the flags index, which covers (org, assessment, status, type). A flag type is raised at
  // most once per assessment, so count(*) counts assessments.
  const flagRows = db.all<{ flagType: string; n: number }>(sql`
    select ${flags.flagType} as flagType, count(*) as n
    from ${assessments} cross join ${flags}
      on ${flags.orgId} = ${assessments.orgId} and ${flags.assessmentId} = ${assessments.id} and ${flags.status} = 'open'
    where ${and(...conditions(db, orgId, filter, "flagType"), sql`${assessments.flagCount} > 0`)}
    group by ${flags.flagType}`);
  for (const row of flagRows) counts.flagType[row.flagType] = Number(row.n);
  return counts;
}

/** The SQL of the queue's page query, for the EXPLAIN QUERY PLAN test. */
export function explainQueue(db: Db, orgId: string, filter: QueueFilter): string[] {
  const query = db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(...conditions(db, orgId, filter)))
    .orderBy(
      sql`${assessments.criticalFlagCount} desc`,
      TIER_ORDER,
      sql`${assessments.overallScore} asc`,
      sql`${assessments.submittedAt} asc`,
      assessments.id,
    )
    .limit(25)
    .toSQL();
  const plan = db.$client.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[];
  return plan.map((row) => row.detail);
}

/** Staff of the organisation who may review (reviewers and admins), for the filter and assignment. */
const listReviewersQuery = preparedFor((db) =>
  db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, sql.placeholder("orgId")), inArray(users.role, ["reviewer", "admin"]), sql`${users.disabledAt} is null`))
    .orderBy(users.name)
    .prepare(),
);

export function listReviewers(db: Db, orgId: string): { id: string; name: string; role: string }[] {
  return listReviewersQuery(db).all({ orgId });
}
