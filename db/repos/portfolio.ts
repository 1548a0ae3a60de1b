/**
 * The portfolio (SPEC C8): one row per active supplier with what management and auditors ask
 * first — tier, risk rating, last decision, open flags, next assessment — and the dashboard's
 * counts. Every query filters on orgId.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, flags, remediationItems, suppliers } from "../schema";

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

/** Open flags (lapsed acceptances included) on active suppliers, counted by type. */
export function countOpenFlagsByType(db: Db, orgId: string, today: string) {
  return db
    .select({ flagType: flags.flagType, n: sql<number>`count(*)` })
    .from(flags)
    .innerJoin(suppliers, and(eq(suppliers.id, flags.supplierId), eq(suppliers.orgId, flags.orgId)))
    .where(and(eq(flags.orgId, orgId), isNull(suppliers.archivedAt), openFlag(today)))
    .groupBy(flags.flagType)
    .orderBy(sql`count(*) desc`, asc(flags.flagType))
    .all();
}

/** Assessments counted by status (active suppliers). */
export function countAssessmentsByStatus(db: Db, orgId: string) {
  return db
    .select({ status: assessments.status, n: sql<number>`count(*)` })
    .from(assessments)
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .where(and(eq(assessments.orgId, orgId), isNull(suppliers.archivedAt)))
    .groupBy(assessments.status)
    .all();
}

/** Open conditions (remediation items) past their deadline, active suppliers. */
export function countOverdueConditions(db: Db, orgId: string, today: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(remediationItems)
    .innerJoin(suppliers, and(eq(suppliers.id, remediationItems.supplierId), eq(suppliers.orgId, remediationItems.orgId)))
    .where(and(eq(remediationItems.orgId, orgId), isNull(suppliers.archivedAt), eq(remediationItems.status, "open"), sql`${remediationItems.deadline} < ${today}`))
    .get();
  return Number(row?.n ?? 0);
}
