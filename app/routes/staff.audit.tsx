import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from "~/audit/actions";
import { useTranslation } from "~/i18n/use-translation";
import { loadAuditPage } from "~/review/audit-page.server";
import { reviewTitle } from "~/review/meta";

export const meta: MetaFunction = ({ matches }) => reviewTitle(matches, "review.audit.title");

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  return loadAuditPage(staff, request);
}

export default function AuditPage() {
  const page = useLoaderData<typeof loader>();
  const { t, locale, formatDateTime } = useTranslation();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(page.filter)) if (value !== undefined && key !== "page") params.set(key, String(value));
  const query = params.toString();
  const pageLink = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 1) p.set("page", String(n));
    const q = p.toString();
    return `/staff/audit${q ? `?${q}` : ""}`;
  };
  const actionLabel = (action: string) => auditActionLabel(t, action);
  // Every action the code records, by label; a filter value from an older link that is not one of
  // them stays selectable as it is.
  const collator = new Intl.Collator(locale);
  const unknownAction = page.filter.action && !isAuditAction(page.filter.action) ? [page.filter.action] : [];
  const actionOptions = [...AUDIT_ACTIONS, ...unknownAction]
    .map((action) => ({ action, label: actionLabel(action) }))
    .sort((x, y) => collator.compare(x.label, y.label));
  return (
    <>
      <h1>{t("review.audit.title")}</h1>
      <p className="font-lead">{t("review.audit.lead")}</p>
      <Form method="get" className="review-filters" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="h3">
          {t("review.audit.filters")}
        </h2>
        <div className="review-filter-grid">
          <div className="form-group">
            <label className="form-label" htmlFor="audit-action">
              {t("review.audit.filter.action")}
            </label>
            <select className="form-select" id="audit-action" name="action" defaultValue={page.filter.action ?? ""}>
              <option value="">{t("review.audit.filter.allActions")}</option>
              {actionOptions.map(({ action, label }) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="audit-actor">
              {t("review.audit.filter.actor")}
            </label>
            <select className="form-select" id="audit-actor" name="actor" defaultValue={page.filter.actor ?? ""}>
              <option value="">{t("review.queue.filter.all")}</option>
              {page.staff.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="audit-from">
              {t("review.audit.filter.from")}
            </label>
            <input className="form-input" type="date" id="audit-from" name="from" defaultValue={page.filter.from ?? ""} />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="audit-to">
              {t("review.audit.filter.to")}
            </label>
            <input className="form-input" type="date" id="audit-to" name="to" defaultValue={page.filter.to ?? ""} />
          </div>
        </div>
        {page.filter.assessment ? <input type="hidden" name="assessment" value={page.filter.assessment} /> : null}
        <div className="review-actions-row">
          <button type="submit" className="button button-secondary">
            {t("review.queue.filter.apply")}
          </button>
          <Link to="/staff/audit">{t("review.queue.filter.clear")}</Link>
          <a href={`/staff/audit/export${query ? `?${query}` : ""}`} download>
            {t("review.audit.export")}
          </a>
        </div>
      </Form>
      {page.rows.length === 0 ? (
        <p>{t("review.audit.empty")}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact" data-testid="audit-table">
            <caption className="visually-hidden">{t("review.audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("review.audit.col.at")}</th>
                <th scope="col">{t("review.audit.col.actor")}</th>
                <th scope="col">{t("review.audit.col.action")}</th>
                <th scope="col">{t("review.audit.col.target")}</th>
                <th scope="col">{t("review.audit.col.ip")}</th>
                <th scope="col">{t("review.audit.col.details")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} data-action={row.action}>
                  <td className="nowrap">{formatDateTime(new Date(row.at))}</td>
                  <td>{row.actor ?? t(`review.audit.actorType.${row.actorType}`)}</td>
                  <td>{actionLabel(row.action)}</td>
                  <td>
                    {row.targetType === "assessment" && row.targetId ? (
                      <Link to={`/staff/assessments/${row.targetId}`}>{t("review.audit.targetAssessment")}</Link>
                    ) : row.targetType ? (
                      `${row.targetType}`
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{row.ip ?? "–"}</td>
                  <td className="review-audit-details">{row.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("review.pagination.label")} className="review-pagination">
        {page.page > 1 ? <Link to={pageLink(page.page - 1)}>{t("review.pagination.previous")}</Link> : null}
        {page.hasNext ? <Link to={pageLink(page.page + 1)}>{t("review.pagination.next")}</Link> : null}
      </nav>
    </>
  );
}
