import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { downloadSupplierDocument } from "~/relationship/documents-staff.server";
import { findRelationshipSupplier } from "~/relationship/relationship.server";
import { clientIp } from "~/staff/route-helpers.server";

/** A document of the relationship (agreement, deletion confirmation) as a download, audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  return downloadSupplierDocument(staff, supplier.id, params.documentId ?? "", clientIp(context));
}
