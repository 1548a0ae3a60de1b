/** The supplier register: suppliers, contacts, sub-suppliers and risk profiles. Every query filters on orgId. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import type { AttentionFilter } from "../../app/reports/dashboard-filters";
import { supplierFilterConditions } from "./portfolio";
import { assessments, invitations, organisations, riskProfiles, subSuppliers, supplierContacts, suppliers, users, type Tier } from "../schema";

export type SupplierRow = typeof suppliers.$inferSelect;
export type ContactRow = typeof supplierContacts.$inferSelect;
export type SubSupplierRow = typeof subSuppliers.$inferSelect;
export type RiskProfileRow = typeof riskProfiles.$inferSelect;

export interface SupplierListFilter {
  q?: string;
  tier?: Tier;
  status?: string;
  owner?: string;
  next?: "overdue" | "30" | "60" | "90" | "none";
  /** Dashboard filters (db/repos/portfolio.ts): risk rating ("none": not rated), open flag type, what needs attention. */
  rating?: string;
  flag?: string;
  attention?: AttentionFilter;
  lapseUntil?: string;
  sort?: "name" | "tier" | "next" | "created" | "status";
  dir?: "asc" | "desc";
  limit: number;
  offset: number;
  today: string;
  in30: string;
  in60: string;
  in90: string;
}

/** The status of the supplier's latest assessment, or null. */
const latestStatus = sql<string | null>`(select a.status from ${assessments} a where a.org_id = ${suppliers.orgId} and a.supplier_id = ${suppliers.id} order by a.created_at desc limit 1)`;
const latestDue = sql<string | null>`(select a.due_date from ${assessments} a where a.org_id = ${suppliers.orgId} and a.supplier_id = ${suppliers.id} order by a.created_at desc limit 1)`;
const tierOrder = sql<number>`case ${suppliers.tier} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

export function listSuppliers(db: Db, orgId: string, filter: SupplierListFilter) {
  const conditions: SQL[] = [eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(sql`${suppliers.name} like ${pattern} escape '\\'`, sql`${suppliers.cvr} like ${pattern} escape '\\'`, sql`${suppliers.services} like ${pattern} escape '\\'`)!);
  }
  if (filter.tier) conditions.push(eq(suppliers.tier, filter.tier));
  if (filter.owner === "none") conditions.push(isNull(suppliers.ownerUserId));
  else if (filter.owner) conditions.push(eq(suppliers.ownerUserId, filter.owner));
  if (filter.status === "none") conditions.push(sql`${latestStatus} is null`);
  else if (filter.status) conditions.push(sql`${latestStatus} = ${filter.status}`);
  if (filter.next === "overdue") conditions.push(and(isNotNull(suppliers.nextAssessmentDue), lt(suppliers.nextAssessmentDue, filter.today))!);
  if (filter.next === "30") conditions.push(and(isNotNull(suppliers.nextAssessmentDue), lte(suppliers.nextAssessmentDue, filter.in30))!);
  if (filter.next === "60") conditions.push(and(isNotNull(suppliers.nextAssessmentDue), lte(suppliers.nextAssessmentDue, filter.in60))!);
  if (filter.next === "90") conditions.push(and(isNotNull(suppliers.nextAssessmentDue), lte(suppliers.nextAssessmentDue, filter.in90))!);
  if (filter.next === "none") conditions.push(isNull(suppliers.nextAssessmentDue));
  conditions.push(...supplierFilterConditions({ ...filter, lapseUntil: filter.lapseUntil ?? filter.today }));
  const where = and(...conditions);
  const direction = filter.dir === "desc" ? desc : asc;
  const order =
    filter.sort === "tier"
      ? [direction(tierOrder), asc(suppliers.name)]
      : filter.sort === "next"
        ? [direction(sql`coalesce(${suppliers.nextAssessmentDue}, '9999-12-31')`), asc(suppliers.name)]
        : filter.sort === "created"
          ? [direction(suppliers.createdAt), asc(suppliers.name)]
          : filter.sort === "status"
            ? [direction(sql`coalesce(${latestStatus}, '')`), asc(suppliers.name)]
            : [direction(sql`${suppliers.name} collate nocase`)];
  const rows = db
    .select({
      id: suppliers.id,
      name: suppliers.name,
      cvr: suppliers.cvr,
      country: suppliers.country,
      tier: suppliers.tier,
      tierOverride: suppliers.tierOverride,
      nextAssessmentDue: suppliers.nextAssessmentDue,
      ownerName: users.name,
      status: latestStatus,
      dueDate: latestDue,
      createdAt: suppliers.createdAt,
    })
    .from(suppliers)
    .leftJoin(users, and(eq(users.id, suppliers.ownerUserId), eq(users.orgId, suppliers.orgId)))
    .where(where)
    .orderBy(...order)
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(suppliers).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function findSupplier(db: Db, orgId: string, id: string): SupplierRow | undefined {
  return db.select().from(suppliers).where(and(eq(suppliers.id, id), eq(suppliers.orgId, orgId))).get();
}

export function listContacts(db: Db, orgId: string, supplierId: string): ContactRow[] {
  return db
    .select()
    .from(supplierContacts)
    .where(and(eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
    .orderBy(desc(supplierContacts.isSecurityContact), asc(supplierContacts.name))
    .all();
}

export function findContact(db: Db, orgId: string, supplierId: string, contactId: string): ContactRow | undefined {
  return db
    .select()
    .from(supplierContacts)
    .where(and(eq(supplierContacts.id, contactId), eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
    .get();
}

export function listSubSuppliers(db: Db, orgId: string, supplierId: string): SubSupplierRow[] {
  return db
    .select()
    .from(subSuppliers)
    .where(and(eq(subSuppliers.orgId, orgId), eq(subSuppliers.supplierId, supplierId)))
    .orderBy(asc(subSuppliers.name))
    .all();
}

export function findRiskProfile(db: Db, orgId: string, supplierId: string): RiskProfileRow | undefined {
  return db.select().from(riskProfiles).where(and(eq(riskProfiles.supplierId, supplierId), eq(riskProfiles.orgId, orgId))).get();
}

export interface SupplierGraph {
  supplier: typeof suppliers.$inferInsert;
  contacts: (typeof supplierContacts.$inferInsert)[];
  subSuppliers: (typeof subSuppliers.$inferInsert)[];
  profile: (typeof riskProfiles.$inferInsert) | null;
}

function insertGraph(tx: Pick<Db, "insert">, graph: SupplierGraph): void {
  tx.insert(suppliers).values(graph.supplier).run();
  if (graph.contacts.length > 0) tx.insert(supplierContacts).values(graph.contacts).run();
  if (graph.subSuppliers.length > 0) tx.insert(subSuppliers).values(graph.subSuppliers).run();
  if (graph.profile) tx.insert(riskProfiles).values(graph.profile).run();
}

export function insertSupplierGraph(db: Db, graph: SupplierGraph): void {
  db.transaction((tx) => insertGraph(tx, graph));
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Many suppliers in one transaction (import): all or nothing, in multi-row INSERTs. */
export function insertSupplierGraphs(db: Db, graphs: SupplierGraph[]): void {
  // SQLite allows 32,766 bound values per statement; 200 rows of ≤ 20 columns stay well below.
  const size = 200;
  db.transaction((tx) => {
    for (const part of chunks(graphs.map((g) => g.supplier), size)) tx.insert(suppliers).values(part).run();
    for (const part of chunks(graphs.flatMap((g) => g.contacts), size)) tx.insert(supplierContacts).values(part).run();
    for (const part of chunks(graphs.flatMap((g) => g.subSuppliers), size)) tx.insert(subSuppliers).values(part).run();
    for (const part of chunks(graphs.flatMap((g) => (g.profile ? [g.profile] : [])), size)) tx.insert(riskProfiles).values(part).run();
  });
}

export function updateSupplier(
  db: Db,
  orgId: string,
  id: string,
  values: Partial<Pick<SupplierRow, "name" | "cvr" | "country" | "services" | "ownerUserId" | "notes" | "computedTier" | "tierOverride" | "tierOverrideReason" | "tier" | "nextAssessmentDue" | "updatedAt">>,
): boolean {
  return db.update(suppliers).set(values).where(and(eq(suppliers.id, id), eq(suppliers.orgId, orgId))).run().changes === 1;
}

/** Saves the risk profile and the tiers it yields together. */
export function saveRiskProfile(
  db: Db,
  orgId: string,
  supplierId: string,
  profile: Omit<typeof riskProfiles.$inferInsert, "supplierId" | "orgId">,
  supplierValues: Partial<Pick<SupplierRow, "computedTier" | "tier" | "nextAssessmentDue" | "updatedAt">>,
): void {
  db.transaction((tx) => {
    tx.insert(riskProfiles)
      .values({ ...profile, supplierId, orgId })
      .onConflictDoUpdate({ target: riskProfiles.supplierId, set: profile, where: eq(riskProfiles.orgId, orgId) })
      .run();
    tx.update(suppliers).set(supplierValues).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))).run();
  });
}

export function insertContact(db: Db, row: typeof supplierContacts.$inferInsert, makeSecurityContact: boolean): void {
  db.transaction((tx) => {
    if (makeSecurityContact) {
      tx.update(supplierContacts)
        .set({ isSecurityContact: false })
        .where(and(eq(supplierContacts.orgId, row.orgId), eq(supplierContacts.supplierId, row.supplierId)))
        .run();
    }
    tx.insert(supplierContacts).values({ ...row, isSecurityContact: makeSecurityContact }).run();
  });
}

export function updateContact(
  db: Db,
  orgId: string,
  supplierId: string,
  contactId: string,
  values: Pick<ContactRow, "name" | "email" | "phone" | "role" | "locale">,
  makeSecurityContact: boolean,
): boolean {
  return db.transaction((tx) => {
    if (makeSecurityContact) {
      tx.update(supplierContacts)
        .set({ isSecurityContact: false })
        .where(and(eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
        .run();
    }
    return (
      tx
        .update(supplierContacts)
        .set(makeSecurityContact ? { ...values, isSecurityContact: true } : values)
        .where(and(eq(supplierContacts.id, contactId), eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
        .run().changes === 1
    );
  });
}

export function contactHasInvitations(db: Db, orgId: string, contactId: string): boolean {
  return db.select({ id: invitations.id }).from(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.contactId, contactId))).limit(1).get() !== undefined;
}

export function deleteContact(db: Db, orgId: string, supplierId: string, contactId: string): boolean {
  return (
    db
      .delete(supplierContacts)
      .where(and(eq(supplierContacts.id, contactId), eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
      .run().changes === 1
  );
}

export function insertSubSupplier(db: Db, row: typeof subSuppliers.$inferInsert): void {
  db.insert(subSuppliers).values(row).run();
}

export function deleteSubSupplier(db: Db, orgId: string, supplierId: string, id: string): boolean {
  return db.delete(subSuppliers).where(and(eq(subSuppliers.id, id), eq(subSuppliers.orgId, orgId), eq(subSuppliers.supplierId, supplierId))).run().changes === 1;
}

/** Supplier names already in the organisation (lower-case), for the import's duplicate check. */
export function existingSupplierKeys(db: Db, orgId: string): { names: Set<string>; cvrs: Set<string> } {
  const rows = db.select({ name: suppliers.name, cvr: suppliers.cvr }).from(suppliers).where(eq(suppliers.orgId, orgId)).all();
  return {
    names: new Set(rows.map((r) => r.name.toLowerCase())),
    cvrs: new Set(rows.map((r) => r.cvr).filter((c): c is string => Boolean(c))),
  };
}

export function countSuppliersByTier(db: Db, orgId: string) {
  return suppliersByTierQuery(db, orgId).all();
}

/** The query behind countSuppliersByTier, for its EXPLAIN QUERY PLAN test. */
export function suppliersByTierQuery(db: Db, orgId: string) {
  return db
    .select({ tier: suppliers.tier, n: sql<number>`count(*)` })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt)))
    .groupBy(suppliers.tier);
}

export function upcomingReassessments(db: Db, orgId: string, until: string, limit = 20) {
  return db
    .select({ id: suppliers.id, name: suppliers.name, tier: suppliers.tier, nextAssessmentDue: suppliers.nextAssessmentDue })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), isNull(suppliers.archivedAt), isNotNull(suppliers.nextAssessmentDue), lte(suppliers.nextAssessmentDue, until)))
    .orderBy(asc(suppliers.nextAssessmentDue))
    .limit(limit)
    .all();
}

export function orgUsersByIds(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, ids))).all();
}



/** Across organisations, for the schedule job: what the next-assessment date depends on. */
export function listSupplierSchedules(db: Db) {
  return db
    .select({
      id: suppliers.id,
      orgId: suppliers.orgId,
      tier: suppliers.tier,
      lastAssessedAt: suppliers.lastAssessedAt,
      nextAssessmentDue: suppliers.nextAssessmentDue,
      settings: organisations.settings,
    })
    .from(suppliers)
    .innerJoin(organisations, eq(organisations.id, suppliers.orgId))
    .where(and(isNull(suppliers.archivedAt), isNotNull(suppliers.tier), isNotNull(suppliers.lastAssessedAt)))
    .all();
}
