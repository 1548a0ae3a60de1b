import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { answersDocument } from "~/answer-files/answer-file.server";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { renderReportPdf } from "~/reports/report-pdf.server";
import { isAnswering } from "~/supplier-portal/answering.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { downloadResponse } from "~/http/download.server";

/** The supplier's submitted answers as a readable PDF. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (isAnswering(ctx.assessment.status)) throw redirect("/s");
  const locale = getLocale(request);
  const t = getTranslator(locale);
  const pdf = await renderReportPdf(answersDocument(ctx, locale), locale, (page, pages) => t("reports.pdf.page", { page, pages }));
  return downloadResponse(pdf, "application/pdf", `leverandortjek-answers.pdf`);
}
