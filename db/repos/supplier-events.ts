/** Incidents and changes at suppliers (CFCS 5.5) and the suppliers' report links. Every tenant query filters on orgId. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, supplierEvents, supplierReportLinks, suppliers, users } from "../schema";

export type SupplierEventRow = typeof supplierEvents.$inferSelect;
export type ReportLinkRow = typeof supplierReportLinks.$inferSelect;

export function insertSupplierEvent(db: Db, values: typeof supplierEvents.$inferInsert): void {
  db.insert(supplierEvents).values(values).run();
}

/** The supplier's timeline of incidents and changes, newest first, with who recorded each. */
export function listSupplierEvents(db: Db, orgId: string, supplierId: string) {
  return db
    .select({
      id: supplierEvents.id,
      kind: supplierEvents.kind,
      description: supplierEvents.description,
      occurredOn: supplierEvents.occurredOn,
      source: supplierEvents.source,
      reporterName: supplierEvents.reporterName,
      recordedByName: users.name,
      movedTo: supplierEvents.movedTo,
      reassessmentRequested: supplierEvents.reassessmentRequested,
      createdAt: supplierEvents.createdAt,
    })
    .from(supplierEvents)
    .leftJoin(users, eq(users.id, supplierEvents.recordedBy))
    .where(and(eq(supplierEvents.orgId, orgId), eq(supplierEvents.supplierId, supplierId)))
    .orderBy(desc(supplierEvents.occurredOn), desc(supplierEvents.createdAt))
    .all();
}

/** What the schedule needs of one supplier's events. */
export function listEventsForSchedule(db: Db, orgId: string, supplierId: string) {
  return db
    .select({ kind: supplierEvents.kind, occurredOn: supplierEvents.occurredOn })
    .from(supplierEvents)
    .where(and(eq(supplierEvents.orgId, orgId), eq(supplierEvents.supplierId, supplierId)))
    .all();
}

/** Across organisations, for the schedule job: every supplier's events, by supplier id. */
export function listEventsForScheduleJob(db: Db): Map<string, { kind: SupplierEventRow["kind"]; occurredOn: string }[]> {
  const bySupplier = new Map<string, { kind: SupplierEventRow["kind"]; occurredOn: string }[]>();
  for (const row of db.select({ supplierId: supplierEvents.supplierId, kind: supplierEvents.kind, occurredOn: supplierEvents.occurredOn }).from(supplierEvents).all()) {
    const list = bySupplier.get(row.supplierId) ?? [];
    list.push({ kind: row.kind, occurredOn: row.occurredOn });
    bySupplier.set(row.supplierId, list);
  }
  return bySupplier;
}

export function setNextAssessmentDue(db: Db, orgId: string, supplierId: string, nextAssessmentDue: string | null, now: Date): void {
  db.update(suppliers).set({ nextAssessmentDue, updatedAt: now }).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))).run();
}

/** The supplier's link in force (not revoked), if any. */
export function findActiveReportLink(db: Db, orgId: string, supplierId: string): ReportLinkRow | undefined {
  return db
    .select()
    .from(supplierReportLinks)
    .where(and(eq(supplierReportLinks.orgId, orgId), eq(supplierReportLinks.supplierId, supplierId), isNull(supplierReportLinks.revokedAt)))
    .orderBy(desc(supplierReportLinks.createdAt))
    .get();
}

/** A new link; any link in force for the supplier is revoked in the same transaction (one standing link each). */
export function replaceReportLink(db: Db, values: { id: string; orgId: string; supplierId: string; tokenHash: string; createdBy: string; now: Date }): void {
  db.transaction((tx) => {
    tx.update(supplierReportLinks)
      .set({ revokedAt: values.now })
      .where(and(eq(supplierReportLinks.orgId, values.orgId), eq(supplierReportLinks.supplierId, values.supplierId), isNull(supplierReportLinks.revokedAt)))
      .run();
    tx.insert(supplierReportLinks)
      .values({ id: values.id, orgId: values.orgId, supplierId: values.supplierId, tokenHash: values.tokenHash, createdBy: values.createdBy, createdAt: values.now })
      .run();
  });
}

export function revokeReportLinks(db: Db, orgId: string, supplierId: string, now: Date): number {
  return db
    .update(supplierReportLinks)
    .set({ revokedAt: now })
    .where(and(eq(supplierReportLinks.orgId, orgId), eq(supplierReportLinks.supplierId, supplierId), isNull(supplierReportLinks.revokedAt)))
    .run().changes;
}

/** A link by its token's hash, with its supplier and organisation; revoked links too (the caller refuses them). */
export function findReportLinkByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({ link: supplierReportLinks, supplier: suppliers, organisation: { id: organisations.id, name: organisations.name, settings: organisations.settings } })
    .from(supplierReportLinks)
    .innerJoin(suppliers, and(eq(suppliers.id, supplierReportLinks.supplierId), eq(suppliers.orgId, supplierReportLinks.orgId)))
    .innerJoin(organisations, eq(organisations.id, supplierReportLinks.orgId))
    .where(eq(supplierReportLinks.tokenHash, tokenHash))
    .get();
}

export function markReportLinkUsed(db: Db, orgId: string, linkId: string, now: Date): void {
  db.update(supplierReportLinks).set({ lastUsedAt: now }).where(and(eq(supplierReportLinks.id, linkId), eq(supplierReportLinks.orgId, orgId))).run();
}
