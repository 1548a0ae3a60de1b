import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { contractRequirementsDocx, loadContractRequirementsPage } from "~/contracts/contract-requirements.server";
import { badRequest } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { downloadResponse } from "~/http/download.server";

/** The contract requirements as a Word document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  const locale = getLocale(request);
  const page = loadContractRequirementsPage(staff, params.assessmentId!, locale);
  return downloadResponse(await contractRequirementsDocx(page, getTranslator(locale)("contracts.promptLabel")), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", `contract-requirements-${page.assessmentId}.docx`);
}
