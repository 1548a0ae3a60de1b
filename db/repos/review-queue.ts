/**
 * The review queue (SPEC C6): every assessment waiting for a reviewer, ordered by what needs a
 * human first — open critical red flags, then tier (critical first), then score (lowest first,
 * no score before any score), then waiting time (longest first). Filters and per-filter counts.
 *
 * Performance: every query starts from `assessments_queue_idx` (org_id, status, …) with one
 * status value at a time (the planner turns `status IN (…)` into one index range per value), and
 * only the page's rows are joined to suppliers and users.
 */
import { and, eq, inArray, Placeholder, sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
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

const P = {
  orgId: sql.placeholder("orgId"),
  status: sql.placeholder("status"),
  tier: sql.placeholder("tier"),
  reviewerId: sql.placeholder("reviewerId"),
  questionnaireId: sql.placeholder("questionnaireId"),
  flagType: sql.placeholder("flagType"),
};

/** Questionnaire id of every stored version (a handful of rows, shared by all organisations). */
const versionsQuery = preparedFor((db) =>
  db.select({ id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId }).from(questionnaireVersions).prepare(),
);

function versionToQuestionnaire(db: Db): Map<string, string> {
  return new Map(versionsQuery(db).all().map((row) => [row.id, row.questionnaireId]));
}

/**
 * Assessments with an open flag of this type: only rows with open flags probe flags_assessment_idx,
 * which covers (org, assessment, status, type) — one index seek each, never a table row. (An
 * `id IN (flags of this type)` set makes the planner walk the set and read the wide assessment
 * rows by primary key instead: ten times slower on 50,000 assessments.)
 */
const hasOpenFlag: SQL = sql`(${assessments.flagCount} > 0 and exists (select 1 from ${flags} where ${flags.orgId} = ${P.orgId} and ${flags.assessmentId} = ${assessments.id} and ${flags.status} = 'open' and ${flags.flagType} = ${P.flagType}))`;

type Facet = "tier" | "status" | "reviewer" | "questionnaire" | "flagType";

/** Which filters are set: the SQL depends only on this, the values are bound. */
function shapeOf(filter: QueueFilter, except?: Facet) {
  return {
    tier: Boolean(filter.tier) && except !== "tier",
    status: Boolean(filter.status) && except !== "status",
    reviewer: (filter.reviewerId && except !== "reviewer" ? (filter.reviewerId === "none" ? "none" : "id") : "") as "" | "none" | "id",
    questionnaire: Boolean(filter.questionnaireId) && except !== "questionnaire",
    flagType: Boolean(filter.flagType) && except !== "flagType",
  };
}
type Shape = ReturnType<typeof shapeOf>;
const keyOf = (shape: Shape) => `${+shape.tier}${+shape.status}${shape.reviewer || "-"}${+shape.questionnaire}${+shape.flagType}`;

function conditions(shape: Shape): SQL[] {
  const where: SQL[] = [eq(assessments.orgId, P.orgId)];
  where.push(shape.status ? eq(assessments.status, P.status) : inArray(assessments.status, [...QUEUE_STATUSES]));
  if (shape.tier) where.push(eq(assessments.tier, P.tier));
  if (shape.reviewer === "none") where.push(sql`${assessments.assignedReviewerId} is null`);
  if (shape.reviewer === "id") where.push(eq(assessments.assignedReviewerId, P.reviewerId));
  if (shape.questionnaire) {
    where.push(
      sql`${assessments.questionnaireVersionId} in (select ${questionnaireVersions.id} from ${questionnaireVersions} where ${questionnaireVersions.questionnaireId} = ${P.questionnaireId})`,
    );
  }
  if (shape.flagType) where.push(hasOpenFlag);
  return where;
}

function bindings(orgId: string, filter: QueueFilter) {
  return {
    orgId,
    status: filter.status ?? "",
    tier: filter.tier ?? "",
    reviewerId: filter.reviewerId ?? "",
    questionnaireId: filter.questionnaireId ?? "",
    flagType: filter.flagType ?? "",
  };
}

const dialect = new SQLiteSyncDialect();

/**
 * A raw statement (for `INDEXED BY`, which pins the plan: the queue must never fall back to the
 * wide assessment rows, whatever the statistics say), prepared once; placeholders bound by name.
 */
function rawStatement<T>(db: Db, query: SQL): { all: (values: Record<string, unknown>) => T[]; sql: string; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const statement = db.$client.prepare(text);
  const bind = (values: Record<string, unknown>) => params.map((param) => (param instanceof Placeholder ? values[param.name] : param));
  return { all: (values) => statement.all(...bind(values)) as T[], sql: text, params };
}

const QUEUE_INDEX = sql.identifier("assessments_queue_idx");
const FACETS_INDEX = sql.identifier("assessments_queue_facets_idx");

/** Prepared statements per database handle and filter shape (building and compiling them costs more than running them). */
function perShape<T>(build: (db: Db, shape: Shape) => T): (db: Db, shape: Shape) => T {
  const cache = new WeakMap<Db, Map<string, T>>();
  return (db, shape) => {
    let byShape = cache.get(db);
    if (!byShape) cache.set(db, (byShape = new Map()));
    const key = keyOf(shape);
    let prepared = byShape.get(key);
    if (prepared === undefined) byShape.set(key, (prepared = build(db, shape)));
    return prepared;
  };
}

function pageSql(shape: Shape): SQL {
  return sql`select ${assessments.id} as id from ${assessments} indexed by ${QUEUE_INDEX}
    where ${and(...conditions(shape))}
    order by ${assessments.criticalFlagCount} desc, ${TIER_ORDER}, ${assessments.overallScore} asc, ${assessments.submittedAt} asc, ${assessments.id}
    limit ${sql.placeholder("limit")} offset ${sql.placeholder("offset")}`;
}

const pageQuery = perShape((db, shape) => rawStatement<{ id: string }>(db, pageSql(shape)));

const pageRowsQuery = preparedFor((db) =>
  db
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
    // The page's ids by primary key; unary + keeps the planner off the org index (the org filter still applies).
    .where(and(sql`${assessments.id} in (select value from json_each(${sql.placeholder("ids")}))`, sql`+${assessments.orgId} = ${P.orgId}`))
    .prepare(),
);

export function listQueue(db: Db, orgId: string, filter: QueueFilter, limit: number, offset: number): QueueRow[] {
  const page = pageQuery(db, shapeOf(filter))
    .all({ ...bindings(orgId, filter), limit, offset })
    .map((row) => row.id);
  if (page.length === 0) return [];
  const rows = pageRowsQuery(db).all({ orgId, ids: JSON.stringify(page) });
  const questionnaireOf = versionToQuestionnaire(db);
  const byId = new Map(rows.map(({ questionnaireVersionId, ...row }) => [row.id, { ...row, questionnaireId: questionnaireOf.get(questionnaireVersionId) ?? "" }]));
  return page.map((id) => byId.get(id)).filter((row): row is QueueRow => row !== undefined);
}

/** One grouped pass over the queue rows (flag filter applied; the other facets are split in JavaScript). */
const groupQuery = perShape((db, shape) =>
  rawStatement<{ tier: Tier; status: QueueStatus; reviewerId: string | null; versionId: string; n: number }>(
    db,
    sql`select ${assessments.tier} as tier, ${assessments.status} as status, ${assessments.assignedReviewerId} as reviewerId,
        ${assessments.questionnaireVersionId} as versionId, count(*) as n
      from ${assessments} indexed by ${FACETS_INDEX}
      where ${and(eq(assessments.orgId, P.orgId), inArray(assessments.status, [...QUEUE_STATUSES]), ...(shape.flagType ? [hasOpenFlag] : []))}
      group by ${assessments.status}, ${assessments.tier}, ${assessments.assignedReviewerId}, ${assessments.questionnaireVersionId}`,
  ),
);

/**
 * Open flags per type over the queue rows. Driven from the queue rows (CROSS JOIN keeps that
 * order): only assessments with open flags probe the flags index, which covers (org, assessment,
 * status, type). A flag type is raised at most once per assessment, so count(*) counts assessments.
 */
const flagFacetStatement = perShape((db, shape) =>
  rawStatement<{ flagType: string; n: number }>(
    db,
    sql`select ${flags.flagType} as flagType, count(*) as n
      from ${assessments} indexed by ${QUEUE_INDEX} cross join ${flags}
        on ${flags.orgId} = ${assessments.orgId} and ${flags.assessmentId} = ${assessments.id} and ${flags.status} = 'open'
      where ${and(...conditions(shape), sql`${assessments.flagCount} > 0`)}
      group by ${flags.flagType}`,
  ),
);

/**
 * Counts for every filter value, each facet counted with the other active filters applied (so a
 * count says how many rows choosing that value would show), plus the total for the current filter.
 */
export function countQueue(db: Db, orgId: string, filter: QueueFilter): QueueCounts {
  const questionnaireOf = versionToQuestionnaire(db);
  const values = bindings(orgId, filter);
  const groups = groupQuery(db, { ...shapeOf({}), flagType: Boolean(filter.flagType) }).all(values);

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
  for (const row of flagFacetStatement(db, shapeOf(filter, "flagType")).all(values)) counts.flagType[row.flagType] = Number(row.n);
  return counts;
}

/** The plan of the queue's page query with its bound values, for the EXPLAIN QUERY PLAN test. */
export function explainQueue(db: Db, orgId: string, filter: QueueFilter): string[] {
  const { sql: text, params } = dialect.sqlToQuery(pageSql(shapeOf(filter)));
  const values: Record<string, unknown> = { ...bindings(orgId, filter), limit: 25, offset: 0 };
  const bound = params.map((param) => (param instanceof Placeholder ? values[param.name] : param));
  const plan = db.$client.prepare(`explain query plan ${text}`).all(...bound) as { detail: string }[];
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
