/** Shared by the relationship routes: the supplier a URL names, in the staff member's organisation, or 404. */
import { getDb, type Db } from "#db/client";
import { findSupplier, type SupplierRow } from "#db/repos/suppliers";
import type { StaffContext } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";

export function findRelationshipSupplier(staff: StaffContext, supplierId: string | undefined, db: Db = getDb()): SupplierRow {
  const id = supplierId ?? "";
  const supplier = RECORD_ID.test(id) ? findSupplier(db, staff.organisation.id, id) : undefined;
  if (!supplier) notFound();
  return supplier;
}
