import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { exportAuditCsv } from "~/review/audit-page.server";

/** The audit log as CSV, with the same filters as the audit page (admins and viewers). */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  return exportAuditCsv(staff, request);
}
