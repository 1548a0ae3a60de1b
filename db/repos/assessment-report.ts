/** What the assessment report needs beyond the review page: the supplier's risk profile and RACI matrix. Filters on orgId. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { raciEntries } from "../schema";

/** The supplier's responsibility matrix (SPEC C10), in its order; empty when none is recorded. */
export function listRaciForReport(db: Db, orgId: string, supplierId: string) {
  return db
    .select({ activity: raciEntries.activity, itLead: raciEntries.itLead, supplier: raciEntries.supplier, customer: raciEntries.customer, partner: raciEntries.partner })
    .from(raciEntries)
    .where(and(eq(raciEntries.orgId, orgId), eq(raciEntries.supplierId, supplierId)))
    .orderBy(asc(raciEntries.position), asc(raciEntries.activity))
    .all();
}
