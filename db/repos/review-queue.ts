/**
 * The review queue (SPEC C6): every assessment waiting for a reviewer, ordered by what needs a
 * human first — open critical red flags, then tier (critical first), then score (lowest first,
 * no score before any score), then waiting time (longest first). Filters and per-filter counts.
 *
 * Performance (issue 6: 50,000 assessments in an organisation, 20 requests at once): two index
 * walks per request, neither reading a wide assessment row nor a flag:
 * - the page walks `assessments_queue_order_idx`, a partial index of the waiting assessments in
 *   queue order, checks the filters on each entry and stops after the page (no sort of the queue);
 * - the counts are one grouped pass over `assessments_queue_facets_idx` (partial as well), split
 *   per filter in JavaScript; flag types come from `assessments.open_flag_types`, which triggers
 *   on `flags` keep (migration 0005), so no flag is probed per assessment.
 * Only the page's rows are then joined to suppliers and users.
 *
 * The counts are not even recounted on every request: they are kept in memory with the
 * organisation's queue version (`review_queue_versions`, one primary-key read per request) and
 * reused while it is unchanged. See `countQueue`.
 */
import { and, eq, inArray, Placeholder, sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { explainPlan, type Db } from "../client";
import { setRecent } from "../recent-map";
import { preparedFor } from "./reviews";
import { assessments, questionnaireVersions, reviewQueueVersions, suppliers, users, type Tier } from "../schema";

import { QUEUE_STATUSES, type QueueStatus } from "../../app/review/queue-shape";

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

/**
 * Queue order: open critical flags (most first), tier, score (lowest first; SQLite puts no score
 * first), waiting time, id. Term by term the leading columns of `assessments_queue_order_idx`
 * (`-critical_flag_count` is "most first" as an ascending key), so the planner reads the index in
 * this order instead of sorting.
 */
const QUEUE_ORDER = sql`-${assessments.criticalFlagCount}, ${TIER_ORDER}, ${assessments.overallScore}, ${assessments.submittedAt}, ${assessments.id}`;

/**
 * "Waiting for a reviewer", spelt with literals exactly as the WHERE of the partial queue indexes
 * (db/schema.ts): the planner may use a partial index only when the query states its condition.
 */
const IN_QUEUE = sql`${assessments.status} in (${sql.raw(QUEUE_STATUSES.map((status) => `'${status}'`).join(", "))})`;

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
 * Assessments with an open flag of this type, from the index entry: `open_flag_types` lists the
 * open flags' types (comma-separated, kept by triggers on flags), so no flag is probed.
 */
const hasOpenFlag: SQL = sql`instr(',' || ${assessments.openFlagTypes} || ',', ',' || ${P.flagType} || ',') > 0`;

/** The types in an `open_flag_types` value. */
const flagTypesOf = (value: string): string[] => (value === "" ? [] : value.split(","));

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
  const where: SQL[] = [eq(assessments.orgId, P.orgId), IN_QUEUE];
  if (shape.status) where.push(eq(assessments.status, P.status));
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

const ORDER_INDEX = sql.identifier("assessments_queue_order_idx");
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
  return sql`select ${assessments.id} as id from ${assessments} indexed by ${ORDER_INDEX}
    where ${and(...conditions(shape))}
    order by ${QUEUE_ORDER}
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

/**
 * One grouped pass over the organisation's queue entries; every filter, total and facet is then
 * a sum over the groups in JavaScript (the groups are few: one per combination of state, tier,
 * reviewer, questionnaire version and set of open flag types that occurs).
 */
function countsSql(): SQL {
  return sql`select ${assessments.status} as status, ${assessments.tier} as tier, ${assessments.assignedReviewerId} as reviewerId,
      ${assessments.questionnaireVersionId} as versionId, ${assessments.openFlagTypes} as flagTypes, count(*) as n
    from ${assessments} indexed by ${FACETS_INDEX}
    where ${and(eq(assessments.orgId, P.orgId), IN_QUEUE)}
    group by ${assessments.status}, ${assessments.tier}, ${assessments.assignedReviewerId}, ${assessments.questionnaireVersionId}, ${assessments.openFlagTypes}`;
}

const countsQuery = preparedFor((db) =>
  rawStatement<{ status: QueueStatus; tier: Tier; reviewerId: string | null; versionId: string; flagTypes: string; n: number }>(db, countsSql()),
);

/** Counts for every filter value, counted now (one grouped pass; see `countsSql`). */
function computeQueueCounts(db: Db, orgId: string, filter: QueueFilter): QueueCounts {
  const questionnaireOf = versionToQuestionnaire(db);
  const groups = countsQuery(db)
    .all({ orgId })
    .map((group) => ({ ...group, n: Number(group.n), flagTypes: flagTypesOf(group.flagTypes) }));

  const counts: QueueCounts = { total: 0, tier: {}, status: {}, reviewer: {}, questionnaire: {}, flagType: {} };
  const matches = (group: (typeof groups)[number], except?: Facet) =>
    (except === "tier" || !filter.tier || group.tier === filter.tier) &&
    (except === "status" || !filter.status || group.status === filter.status) &&
    (except === "reviewer" ||
      !filter.reviewerId ||
      (filter.reviewerId === "none" ? group.reviewerId === null : group.reviewerId === filter.reviewerId)) &&
    (except === "questionnaire" ||
      !filter.questionnaireId ||
      questionnaireOf.get(group.versionId) === filter.questionnaireId) &&
    (except === "flagType" || !filter.flagType || group.flagTypes.includes(filter.flagType));
  const add = (record: Record<string, number>, key: string, n: number) => {
    record[key] = (record[key] ?? 0) + n;
  };
  for (const group of groups) {
    const { n } = group;
    if (matches(group)) counts.total += n;
    if (matches(group, "tier")) add(counts.tier, group.tier, n);
    if (matches(group, "status")) add(counts.status, group.status, n);
    if (matches(group, "reviewer")) add(counts.reviewer, group.reviewerId ?? "none", n);
    if (matches(group, "questionnaire")) add(counts.questionnaire, questionnaireOf.get(group.versionId) ?? "?", n);
    if (matches(group, "flagType")) for (const flagType of group.flagTypes) add(counts.flagType, flagType, n);
  }
  return counts;
}

const queueVersionSelect = (db: Db, orgId: string | Placeholder) =>
  db.select({ version: reviewQueueVersions.version }).from(reviewQueueVersions).where(eq(reviewQueueVersions.orgId, orgId));

const queueVersionQuery = preparedFor((db) => queueVersionSelect(db, P.orgId).prepare());

/**
 * The organisation's queue version: moves on every write that can change its queue or counts
 * (triggers on assessments, migration 0007). 0 before the first such write.
 */
export function queueVersion(db: Db, orgId: string): number {
  return queueVersionQuery(db).get({ orgId })?.version ?? 0;
}

/** Organisations, and filters per organisation, whose counts are kept (least recently used go first). */
const COUNTS_CACHE_ORGANISATIONS = 200;
const COUNTS_CACHE_FILTERS = 50;
const countsCache = new WeakMap<Db, Map<string, { version: number; byFilter: Map<string, QueueCounts> }>>();

function freezeCounts(counts: QueueCounts): QueueCounts {
  for (const record of [counts.tier, counts.status, counts.reviewer, counts.questionnaire, counts.flagType]) Object.freeze(record);
  return Object.freeze(counts);
}

/**
 * Counts for every filter value, each facet counted with the other active filters applied (so a
 * count says how many rows choosing that value would show), plus the total for the current filter.
 * A flag type's count is the number of assessments with an open flag of that type.
 *
 * Kept per database handle, organisation and filter with the queue version they were counted at,
 * and reused while the version is unchanged. The version is kept by triggers on assessments
 * (migration 0007), so the invalidation is complete for every writer: the app, the job runner in
 * another process, factories, raw SQL; no code path has to remember to clear this cache. The
 * version is read before counting, so a write landing in between only makes the next request
 * count again. Other organisations' writes move their own versions, never this one. The only
 * other input, the questionnaire of a version id, never changes for a stored version. Inside a
 * transaction nothing is kept (a rollback would take the version back to a number whose next
 * write could pair it with other counts). The returned counts are frozen (shared).
 */
export function countQueue(db: Db, orgId: string, filter: QueueFilter): QueueCounts {
  if (db.$client.inTransaction) return computeQueueCounts(db, orgId, filter);
  const version = queueVersion(db, orgId);
  let byOrganisation = countsCache.get(db);
  if (!byOrganisation) countsCache.set(db, (byOrganisation = new Map()));
  let entry = byOrganisation.get(orgId);
  if (!entry || entry.version !== version) entry = { version, byFilter: new Map() };
  setRecent(byOrganisation, orgId, entry, COUNTS_CACHE_ORGANISATIONS);
  const key = JSON.stringify([filter.tier, filter.status, filter.reviewerId, filter.questionnaireId, filter.flagType]);
  const counts = entry.byFilter.get(key) ?? freezeCounts(computeQueueCounts(db, orgId, filter));
  return setRecent(entry.byFilter, key, counts, COUNTS_CACHE_FILTERS);
}

/**
 * The plan of the queue's page query (or of its counts query, or of the queue version lookup) with
 * its bound values, for the EXPLAIN QUERY PLAN test.
 */
export function explainQueue(db: Db, orgId: string, filter: QueueFilter, query: "page" | "counts" | "version" = "page"): string[] {
  const { sql: text, params } =
    query === "version" ? queueVersionSelect(db, P.orgId).toSQL() : dialect.sqlToQuery(query === "page" ? pageSql(shapeOf(filter)) : countsSql());
  const values: Record<string, unknown> = { ...bindings(orgId, filter), limit: 25, offset: 0 };
  const bound = params.map((param) => (param instanceof Placeholder ? values[param.name] : param));
  return explainPlan(db, { sql: text, params: bound });
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
