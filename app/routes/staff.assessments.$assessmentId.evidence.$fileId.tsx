import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { downloadEvidence } from "~/review/evidence-download.server";
import { RECORD_ID } from "~/http/record-id";


/** Evidence download for staff (any role may read); authorised per organisation and audited. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "") || !RECORD_ID.test(params.fileId ?? "")) notFound();
  return downloadEvidence(
    staff,
    { assessmentId: params.assessmentId!, fileId: params.fileId! },
    { ip: (context?.ip as string | undefined) ?? null },
  );
}
