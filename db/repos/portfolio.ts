/**
 * The portfolio (SPEC C8): one row per active supplier with what management and auditors ask
 * first — tier, risk rating, last decision, open flags, next assessment — and the dashboard's
 * counts. Every query filters on orgId.
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { AttentionFilter } from "../../app/reports/dashboard-filters";
import type { Db } from "../client";
import { assessments, datedEvidence, flags, remediationItems, suppliers } from "../schema";

/** A flag counts as open when open, or accepted with an acceptance that has lapsed (as on the review page). */
const openFlag = (today: string) =>
  sql`(${flags.status} = 'open' or (${flags.status} = 'accepted' and ${flags.acceptedUntil} is not null and ${flags.acceptedUntil} < ${today}))`;

/** Correlated subqueries name the outer table explicitly: drizzle leaves a lone table's columns unqualified. */
export function listPortfolio(db: Db, orgId: string, today: string) {
  const lastDecided = (column: string) =>
    sql.raw(
      `(select a.${column} from assessments a where a.org_id = suppliers.org_id and a.supplier_id = suppliers.id and a.decision is not null order by a.decided_at desc limit 1)`,
    );
  return db
    .select({
      id: suppliers.id,
      name: suppliers.name,
      cvr: suppliers.cvr,
      country: suppliers.country,
      tier: suppliers.tier,
      riskRating: suppliers.riskRating,
      lastDecision: sql<"approved" | "approved_with_conditions" | "rejected" | null>`${lastDecided("decision")}`,
      lastDecidedAt: sql<number | null>`${lastDecided("decided_at")}`,
      openFlags: sql<number>`(select count(*) from ${flags} f where f.org_id = suppliers.org_id and f.supplier_id = suppliers.id and (f.status = 'open' or (f.status = 'accepted' and f.accepted_until < ${today})))`,
      nextAssessmentDue: suppliers.nextAssessmentDue,
    })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt)))
    .orderBy(asc(sql`${suppliers.name} collate nocase`))
    .all();
}

export type PortfolioRow = ReturnType<typeof listPortfolio>[number];

/** Active suppliers counted by tier and risk rating (null for not yet tiered / rated). */
export function countSuppliersByTierAndRating(db: Db, orgId: string) {
  return db
    .select({ tier: suppliers.tier, rating: suppliers.riskRating, n: sql<number>`count(*)` })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt)))
    .groupBy(suppliers.tier, suppliers.riskRating)
    .all();
}

const latestAssessmentId = sql.raw(
  `(select a.id from assessments a where a.org_id = "suppliers"."org_id" and a.supplier_id = "suppliers"."id" order by a.created_at desc limit 1)`,
);

/** Conditions on `suppliers` for the rating, open-flag-type and attention filters (outer table named explicitly). */
export function supplierFilterConditions(filter: { rating?: string; flag?: string; attention?: AttentionFilter; today: string; lapseUntil: string }): SQL[] {
  const conditions: SQL[] = [];
  if (filter.rating === "none") conditions.push(sql`${suppliers.riskRating} is null`);
  else if (filter.rating) conditions.push(sql`${suppliers.riskRating} = ${filter.rating}`);
  if (filter.flag)
    conditions.push(
      sql`exists (select 1 from ${flags} f where f.org_id = "suppliers"."org_id" and f.supplier_id = "suppliers"."id" and f.flag_type = ${filter.flag} and (f.status = 'open' or (f.status = 'accepted' and f.accepted_until < ${filter.today})))`,
    );
  if (filter.attention === "overdue-questionnaire")
    conditions.push(
      sql`exists (select 1 from ${assessments} a where a.id = ${latestAssessmentId} and a.status in ('sent', 'opened', 'in_progress') and a.due_date < ${filter.today})`,
    );
  if (filter.attention === "overdue-conditions")
    conditions.push(
      sql`exists (select 1 from ${remediationItems} r where r.org_id = "suppliers"."org_id" and r.supplier_id = "suppliers"."id" and r.status = 'open' and r.deadline < ${filter.today})`,
    );
  if (filter.attention === "lapsing-evidence")
    // Current (not superseded) dated evidence (issue 11b: certificates, assurance reports, insurance, pen tests) expiring by then or lapsed.
    conditions.push(
      sql`exists (select 1 from ${datedEvidence} de where de.org_id = "suppliers"."org_id" and de.supplier_id = "suppliers"."id" and de.superseded_at is null and de.expires_on <= ${filter.lapseUntil})`,
    );
  return conditions;
}

/** Active suppliers with an open flag, counted per flag type (a supplier counts once per type). */
export function countSuppliersByOpenFlagType(db: Db, orgId: string, today: string) {
  return db
    .select({ flagType: flags.flagType, n: sql<number>`count(distinct ${flags.supplierId})` })
    .from(flags)
    .innerJoin(suppliers, and(eq(suppliers.id, flags.supplierId), eq(suppliers.orgId, flags.orgId)))
    .where(and(eq(flags.orgId, orgId), isNull(suppliers.archivedAt), openFlag(today)))
    .groupBy(flags.flagType)
    .orderBy(sql`count(distinct ${flags.supplierId}) desc`, asc(flags.flagType))
    .all();
}
