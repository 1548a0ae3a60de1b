/** The staff side of reassessment: starting one by hand from the supplier page. */
import { getDb, type Db } from "#db/client";
import { findSupplier } from "#db/repos/suppliers";
import type { StaffContext } from "~/auth/staff-session.server";
import { startReassessment, type StartOutcome } from "./reassessment.server";

export function reassessmentStartPage(orgId: string, supplierId: string, db: Db = getDb()) {
  const supplier = findSupplier(db, orgId, supplierId);
  return supplier ? { supplier: { id: supplier.id, name: supplier.name } } : undefined;
}

export function startReassessmentByStaff(
  staff: StaffContext,
  supplierId: string,
  ip: string,
  options: { db?: Db; now?: Date; fromAssessmentId?: string } = {},
): Promise<StartOutcome> {
  return startReassessment(staff.organisation.id, supplierId, { type: "staff", user: staff.user, ip }, options);
}
