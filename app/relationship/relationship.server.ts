/** Shared by the relationship routes and the supplier page. */
import { getDb, type Db } from "#db/client";
import { findCurrentOffboarding } from "#db/repos/relationship";
import { findSupplier, type SupplierRow } from "#db/repos/suppliers";
import type { StaffContext } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import type { Locale } from "~/i18n/locales";
import { contractReviewState } from "./contract-review.server";
import { supplierRaci } from "./raci.server";
import { subSupplierProposalsFor } from "./sub-suppliers.server";

/** The supplier a URL names, in the staff member's organisation, or 404. */
export function findRelationshipSupplier(staff: StaffContext, supplierId: string | undefined, db: Db = getDb()): SupplierRow {
  const id = supplierId ?? "";
  const supplier = RECORD_ID.test(id) ? findSupplier(db, staff.organisation.id, id) : undefined;
  if (!supplier) notFound();
  return supplier;
}

/** Everything the supplier page shows about the relationship (RACI, sub-supplier proposals, agreement review, offboarding). */
export function loadRelationship(orgId: string, supplier: SupplierRow, locale: Locale, now = new Date(), db: Db = getDb()) {
  const review = contractReviewState(orgId, supplier, now, db);
  const offboarding = findCurrentOffboarding(db, orgId, supplier.id);
  return {
    archivedAt: supplier.archivedAt,
    raci: supplierRaci(orgId, supplier.id, locale, db),
    proposals: subSupplierProposalsFor(orgId, supplier.id, db)?.proposals.length ?? 0,
    review: { dueOn: review.dueOn, overdue: review.dueOn < review.today, latestFindings: review.reviews[0]?.findings ?? [] },
    offboardingOpen: offboarding?.status === "open",
  };
}
