import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { ProgressLine, SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { openClarifications } from "~/supplier-portal/submission.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { themeSummaries } from "~/supplier-portal/views.server";

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const locale = getLocale(request);
  const state = loadPortalState(ctx);
  const q = state.questionnaire;
  const themes = themeSummaries(state, locale);
  const firstOpen = themes.find((t) => t.percent < 100) ?? themes[0]!;
  return {
    organisationName: ctx.organisationName,
    supplierName: ctx.supplierName,
    title: q.title[locale],
    description: q.description[locale],
    estimatedMinutes: q.estimatedMinutes,
    dueDate: ctx.assessment.dueDate,
    submittedAt: isAnswering(ctx.assessment.status) ? null : (ctx.assessment.submittedAt?.toISOString() ?? null),
    clarifications: isAnswering(ctx.assessment.status) ? 0 : openClarifications(ctx).length,
    overallPercent: state.overallPercent,
    started: state.answers.size > 0,
    nextThemeId: firstOpen.id,
    themes,
  };
}

export default function SupplierStart() {
  const data = useLoaderData<typeof loader>();
  const { t, formatDate } = useTranslation();
  const submitted = data.submittedAt !== null;
  return (
    <SupplierLayout organisationName={data.organisationName} submitted={submitted} clarifications={data.clarifications}>
      <h1>{data.title}</h1>
      <p className="font-lead">{t("supplier.start.lead", { organisation: data.organisationName, supplier: data.supplierName })}</p>
      {data.clarifications > 0 ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.start.clarifications", { count: data.clarifications })}</p>
            <p className="alert-text">
              <Link to="/s/clarifications">{t("supplier.start.answerClarifications")}</Link>
            </p>
          </div>
        </div>
      ) : submitted ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.start.submitted", { date: formatDate(new Date(data.submittedAt!)) })}</p>
            <p className="alert-text">
              <Link to="/s/receipt">{t("supplier.start.viewReceipt")}</Link>
            </p>
          </div>
        </div>
      ) : null}
      <h2>{t("supplier.start.why.title")}</h2>
      <p>{data.description}</p>
      <h2>{t("supplier.start.facts.title")}</h2>
      <dl className="supplier-facts">
        <dt>{t("supplier.start.due")}</dt>
        <dd>{formatDate(data.dueDate)}</dd>
        <dt>{t("supplier.start.estimate")}</dt>
        <dd>{t("supplier.start.estimateValue", { minutes: data.estimatedMinutes })}</dd>
        <dt>{t("supplier.start.language")}</dt>
        <dd>{t("supplier.start.languageHint")}</dd>
      </dl>
      <h2>{t("supplier.start.themes.title")}</h2>
      <ProgressLine id="overall-progress" percent={data.overallPercent} label={`${t("supplier.start.overall")}: ${t("supplier.progress.percent", { percent: data.overallPercent })}`} />
      <ol className="supplier-theme-list">
        {data.themes.map((theme) => (
          <li key={theme.id}>
            <Link to={`/s/themes/${theme.id}`}>{theme.title}</Link>
            <span className="supplier-theme-status">
              {theme.percent >= 100 ? t("supplier.progress.complete") : theme.done === 0 ? t("supplier.progress.notStarted") : t("supplier.progress.inProgress")}
              {" – "}
              {t("supplier.progress.themeCount", { done: theme.done, total: theme.required })}
            </span>
          </li>
        ))}
      </ol>
      {!submitted && !data.started ? (
        <p>
          <Link to="/s/import">{t("answers.import.link")}</Link>
        </p>
      ) : null}
      {!submitted ? (
        <p className="supplier-actions">
          <Link className="button button-primary" to={`/s/themes/${data.nextThemeId}`}>
            {data.started ? t("supplier.start.continue") : t("supplier.start.begin")}
          </Link>
          <Link className="button button-secondary" to="/s/submit">
            {t("supplier.start.toSubmit")}
          </Link>
        </p>
      ) : null}
    </SupplierLayout>
  );
}
