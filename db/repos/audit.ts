import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog } from "../schema";

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export function insertAudit(db: Db, entry: AuditInsert): void {
  db.insert(auditLog).values(entry).run();
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

export function listAudit(db: Db, orgId: string, filter: AuditFilter = {}, limit = 200, offset = 0): AuditRow[] {
  const conditions: SQL[] = [eq(auditLog.orgId, orgId)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}
