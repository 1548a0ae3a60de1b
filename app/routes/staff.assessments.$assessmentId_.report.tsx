import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { badRequest } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { loadAssessmentReport } from "~/reports/assessment-report.server";
import { ReportDocumentView } from "~/reports/report-document-view";
import { reviewTitle } from "~/review/meta";
import { RECORD_ID } from "~/http/record-id";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => reviewTitle(matches, "review.report.title", { supplier: data?.supplierName ?? "" });

/** The printable per-assessment report (for the contract file and auditors); the PDF renders the same document. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  return loadAssessmentReport(staff, params.assessmentId!, getLocale(request));
}

export default function AssessmentReport() {
  const report = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="review-report">
      <p className="no-print button-row">
        <Link to={`/staff/assessments/${report.assessmentId}`}>{t("review.report.back")}</Link>{" "}
        <a className="button button-secondary" href={`/staff/assessments/${report.assessmentId}/report.pdf`} download>
          {t("reports.pdf.download")}
        </a>
      </p>
      <ReportDocumentView report={report} />
    </article>
  );
}
