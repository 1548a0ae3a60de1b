import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert } from "~/components/forms";
import { safeRedirectPath } from "~/http/safe-redirect";
import { getLocale } from "~/i18n/locale.server";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { QueueAssignFormSchema } from "~/review/forms";
import { loadQueuePage } from "~/review/queue.server";
import { QUEUE_STATUSES } from "~/review/queue-shape";
import { assignReviewer } from "~/review/review.server";
import { reviewTitle } from "~/review/meta";
import { ReviewerOptions } from "~/review/reviewer-options";

export const meta: MetaFunction = ({ matches }) => reviewTitle(matches, "review.queue.title");

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  return loadQueuePage(staff, new URL(request.url), getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: QueueAssignFormSchema });
  if (submission.status !== "success") {
    const error = submission.error?.assessmentId ? "review.assign.noneSelected" : "review.validation.reviewer";
    return data({ error }, { status: 400 });
  }
  const { assessmentId: assessmentIds, reviewerId } = submission.value;
  const result = assignReviewer(staff, assessmentIds, reviewerId, { ip: context?.ip as string | undefined });
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  const back = safeRedirectPath(String(formData.get("redirectTo") ?? "/staff/review"), "/staff/review");
  return redirect(back, { status: 303 });
}

const TIER_OPTIONS = ["critical", "high", "medium", "low"] as const;

export default function ReviewQueue() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A new location (also the redirect after an assignment) starts with nothing chosen; a refused
  // assignment stays on the same location and keeps the choice.
  const { key: locationKey } = useLocation();
  const { t, formatDate, formatNumber } = useTranslation();
  const { filter, counts } = page;
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined && key !== "page") params.set(key, String(value));
    if (n > 1) params.set("page", String(n));
    const query = params.toString();
    return `/staff/review${query ? `?${query}` : ""}`;
  };
  const here = pageLink(page.page);
  const withCount = (label: string, n: number | undefined) => `${label} (${formatNumber(n ?? 0)})`;

  return (
    <>
      <h1>{t("review.queue.title")}</h1>
      <p className="font-lead">{t("review.queue.lead")}</p>
      {actionData && "error" in actionData && isMessageKey(actionData.error) ? (
        <Alert kind="error" heading={t(actionData.error)} />
      ) : null}

      <Form method="get" className="review-filters" aria-labelledby="queue-filter-heading">
        <h2 id="queue-filter-heading" className="h3">
          {t("review.queue.filters")}
        </h2>
        <div className="review-filter-grid">
          <div className="form-group">
            <label className="form-label" htmlFor="filter-tier">
              {t("review.queue.filter.tier")}
            </label>
            <select className="form-select" id="filter-tier" name="tier" defaultValue={filter.tier ?? ""}>
              <option value="">{t("review.queue.filter.all")}</option>
              {TIER_OPTIONS.map((tier) => (
                <option key={tier} value={tier}>
                  {withCount(t(`tier.${tier}`), counts.tier[tier])}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="filter-flag">
              {t("review.queue.filter.flag")}
            </label>
            <select className="form-select" id="filter-flag" name="flag" defaultValue={filter.flag ?? ""}>
              <option value="">{t("review.queue.filter.all")}</option>
              {page.flagTypes.map((flag) => (
                <option key={flag.id} value={flag.id}>
                  {withCount(flag.title, counts.flagType[flag.id])}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="filter-status">
              {t("review.queue.filter.status")}
            </label>
            <select className="form-select" id="filter-status" name="status" defaultValue={filter.status ?? ""}>
              <option value="">{t("review.queue.filter.allOpen")}</option>
              {QUEUE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {withCount(t(`status.${status}`), counts.status[status])}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="filter-reviewer">
              {t("review.queue.filter.reviewer")}
            </label>
            <select className="form-select" id="filter-reviewer" name="reviewer" defaultValue={filter.reviewer ?? ""}>
              <option value="">{t("review.queue.filter.all")}</option>
              <option value="none">{withCount(t("review.queue.unassigned"), counts.reviewer.none)}</option>
              {page.reviewers.map((reviewer) => (
                <option key={reviewer.id} value={reviewer.id}>
                  {withCount(reviewer.name, counts.reviewer[reviewer.id])}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="filter-questionnaire">
              {t("review.queue.filter.questionnaire")}
            </label>
            <select className="form-select" id="filter-questionnaire" name="questionnaire" defaultValue={filter.questionnaire ?? ""}>
              <option value="">{t("review.queue.filter.all")}</option>
              {page.questionnaires.map((q) => (
                <option key={q.id} value={q.id}>
                  {withCount(q.title, counts.questionnaire[q.id])}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-group-checkbox">
          <input className="form-checkbox" type="checkbox" id="filter-mine" name="mine" value="1" defaultChecked={filter.mine === "1"} />
          <label htmlFor="filter-mine">{withCount(t("review.queue.filter.mine"), counts.reviewer[page.me])}</label>
        </div>
        <div className="review-actions-row">
          <button type="submit" className="button button-secondary">
            {t("review.queue.filter.apply")}
          </button>
          <Link to="/staff/review">{t("review.queue.filter.clear")}</Link>
        </div>
      </Form>

      <h2 className="h3" id="queue-results">
        {t("review.queue.count", { count: formatNumber(counts.total) })}
      </h2>
      {page.canAct && page.rows.length > 0 ? (
        <Form method="post" id="queue-assign" className="review-assign-form">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="redirectTo" value={here} />
          <div className="form-group">
            <label className="form-label" htmlFor="assign-reviewer">
              {t("review.assign.chosenTo")}
            </label>
            <select className="form-select review-assign-select" id="assign-reviewer" name="reviewerId" defaultValue={page.me}>
              <ReviewerOptions reviewers={page.reviewers} me={page.me} />
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            {t("review.assign.submit")}
          </button>
        </Form>
      ) : null}
      {page.rows.length === 0 ? (
        <p>{t("review.queue.empty")}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact" aria-describedby="queue-results">
            <thead>
              <tr>
                {page.canAct ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("review.assign.choose")}</span>
                  </th>
                ) : null}
                <th scope="col">{t("review.queue.col.supplier")}</th>
                <th scope="col">{t("review.queue.col.flags")}</th>
                <th scope="col">{t("review.queue.col.tier")}</th>
                <th scope="col">{t("review.queue.col.score")}</th>
                <th scope="col">{t("review.queue.col.waiting")}</th>
                <th scope="col">{t("review.queue.col.status")}</th>
                <th scope="col">{t("review.queue.col.reviewer")}</th>
              </tr>
            </thead>
            <tbody key={locationKey}>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  {page.canAct ? (
                    <td>
                      <div className="form-group-checkbox">
                        <input className="form-checkbox" type="checkbox" id={`pick-${row.id}`} name="assessmentId" value={row.id} form="queue-assign" />
                        <label htmlFor={`pick-${row.id}`}>
                          <span className="visually-hidden">{t("review.assign.pick", { supplier: row.supplierName })}</span>
                        </label>
                      </div>
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/staff/assessments/${row.id}`}>{row.supplierName}</Link>
                    {row.kind === "reassessment" ? <span className="review-muted"> · {t("review.kind.reassessment")}</span> : null}
                  </td>
                  <td>
                    {row.criticalFlagCount > 0 ? (
                      <span className="badge badge-error">{t("review.queue.criticalFlags", { count: row.criticalFlagCount })}</span>
                    ) : null}{" "}
                    {t("review.queue.openFlags", { count: row.flagCount })}
                  </td>
                  <td>{t(`tier.${row.tier}`)}</td>
                  <td>{row.overallScore === null ? t("review.score.none") : formatNumber(row.overallScore)}</td>
                  <td className="nowrap">
                    {row.submittedAt ? (
                      <>
                        {formatDate(new Date(row.submittedAt))}
                        <br />
                        <span className="review-muted">
                          {t("review.queue.waitingDays", { days: Math.max(0, Math.floor((page.now - new Date(row.submittedAt).getTime()) / 86_400_000)) })}
                        </span>
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{t(`status.${row.status}`)}</td>
                  <td>
                    {row.reviewerName ?? t("review.queue.unassigned")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.pageCount > 1 ? (
        <nav aria-label={t("review.pagination.label")} className="review-pagination">
          {page.page > 1 ? <Link to={pageLink(page.page - 1)}>{t("review.pagination.previous")}</Link> : null}
          <span>{t("review.pagination.status", { page: page.page, pages: page.pageCount })}</span>
          {page.page < page.pageCount ? <Link to={pageLink(page.page + 1)}>{t("review.pagination.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
