import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { badRequest } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { loadAssessmentReport } from "~/reports/assessment-report.server";
import { renderReportPdf } from "~/reports/report-pdf.server";
import { downloadResponse } from "~/http/download.server";

/** The assessment report as a PDF (same content as the printable report); every staff role, own organisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  const locale = getLocale(request);
  const t = getTranslator(locale);
  const report = loadAssessmentReport(staff, params.assessmentId!, locale);
  const pdf = await renderReportPdf(report, locale, (page, pages) => t("reports.pdf.page", { page, pages }));
  return downloadResponse(pdf, "application/pdf", `assessment-report-${report.assessmentId}.pdf`);
}
