import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { badRequest } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { RemediationList } from "~/remediation/remediation-list";
import { loadReviewPage } from "~/review/review.server";
import { reviewTitle } from "~/review/meta";
import { RECORD_ID } from "~/http/record-id";
import { RaciSection } from "~/relationship/raci-matrix";
import { supplierRaci } from "~/relationship/raci.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  reviewTitle(matches, "review.report.title", { supplier: data?.supplier.name ?? "" });


/** The printable per-assessment report (for the contract file and auditors). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  const page = loadReviewPage(staff, params.assessmentId!, getLocale(request));
  return { ...page, raci: supplierRaci(staff.organisation.id, page.supplier.id, getLocale(request)) };
}

export default function AssessmentReport() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, supplier } = page;
  return (
    <article className="review-report">
      <p className="no-print">
        <Link to={`/staff/assessments/${assessment.id}`}>{t("review.report.back")}</Link>
      </p>
      <h1>{t("review.report.title", { supplier: supplier.name })}</h1>
      <p>
        {assessment.questionnaireTitle} · {t(`status.${assessment.status}`)} · {t(`tier.${assessment.tier}`)} ·{" "}
        {t(`rating.${page.risk.rating}`)} · {t("review.page.score")}:{" "}
        {assessment.overallScore === null ? t("review.score.none") : formatNumber(assessment.overallScore)}
      </p>
      <p>
        {t("review.page.submitted")}: {assessment.submittedAt ? formatDateTime(new Date(assessment.submittedAt)) : "–"}
        {assessment.decidedAt ? ` · ${t("review.report.decidedAt")}: ${formatDateTime(new Date(assessment.decidedAt))}` : ""}
      </p>
      {assessment.decision ? (
        <section aria-labelledby="report-decision">
          <h2 id="report-decision">{t("review.decision.title")}</h2>
          <p>
            <strong>{t(`status.${assessment.decision}`)}</strong>: {assessment.decisionReason}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="report-flags">
        <h2 id="report-flags">{t("review.flags.title", { count: page.flags.length })}</h2>
        {page.flags.length === 0 ? <p>{t("review.flags.none")}</p> : null}
        <ul>
          {page.flags.map((flag) => (
            <li key={flag.id}>
              <strong>
                {t(`severity.${flag.severity}`)}: {flag.title}
              </strong>{" "}
              ({flag.status === "accepted" ? t("review.flags.acceptedUntil", { date: formatDate(flag.acceptedUntil ?? page.today) }) : t(`review.flags.status.${flag.status === "lapsed" ? "open" : flag.status}`)})
              {" — "}
              {flag.triggers.map((trigger) => `${trigger.questionText}: ${trigger.answer ?? "–"}`).join("; ")}
            </li>
          ))}
        </ul>
      </section>
      <RaciSection raci={page.raci} />
      <RemediationList items={page.remediation.map((item) => ({ ...item, overdue: item.status === "open" && item.deadline < page.today }))} canClose={false} returnTo={`/staff/assessments/${assessment.id}`} />
      {page.themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`report-${theme.id}`}>
          <h2 id={`report-${theme.id}`}>
            {theme.title}: {theme.score === null ? t("review.score.none") : formatNumber(theme.score)}
          </h2>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t("review.report.question")}</th>
                <th scope="col">{t("review.question.answer")}</th>
                <th scope="col">{t("review.question.verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {theme.questions.map((question) => (
                <tr key={question.id}>
                  <td>{question.text}</td>
                  <td>
                    {question.notApplicable ? t("review.question.notApplicable", { reason: question.notApplicableReason ?? "" }) : (question.answer ?? t("review.question.unanswered"))}
                    {question.comment ? ` — ${question.comment}` : ""}
                  </td>
                  <td>
                    {question.review ? t(`review.verdict.${question.review.status}`) : "–"}
                    {question.review?.text ? `: ${question.review.text}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="review-report-explanation">
            {theme.explanation.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
