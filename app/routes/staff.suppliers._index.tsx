import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasRole, requireStaff } from "~/auth/staff-session.server";
import { ASSESSMENT_STATUSES, TIERS } from "#db/schema";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { supplierList } from "~/suppliers/register.server";
import { ownerOptions } from "~/suppliers/suppliers.server";
import { countryName } from "~/staff/countries";
import { NEXT_ASSESSMENT_FILTERS, SupplierListQuerySchema } from "~/staff/supplier-forms";
import { pageTitle } from "~/staff/page-title";
import { EvidenceExpiryCell } from "~/supervision/components/evidence-expiry-cell";
import { soonestEvidenceExpiry } from "~/supervision/dated-evidence.server";
import { PortfolioExportLinks } from "~/reports/portfolio-export-links";
import { DashboardFilterFields } from "~/reports/supplier-list-filters";
import { flagTypeTitles } from "~/reports/dashboard.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.suppliers")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  const query = SupplierListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = supplierList(staff.organisation.id, query);
  return {
    ...list,
    evidenceExpiry: soonestEvidenceExpiry(staff.organisation.id, list.rows.map((row) => row.id)),
    query,
    owners: ownerOptions(staff.organisation.id),
    canEdit: hasRole(staff.user, "reviewer"),
    flagOptions: [...flagTypeTitles(getLocale(request))].map(([value, label]) => ({ value, label })),
  };
}

export default function Suppliers() {
  const { rows, total, page, pages, query, owners, canEdit, today, evidenceExpiry, flagOptions } = useLoaderData<typeof loader>();
  const { t, locale, formatDate } = useTranslation();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    return `?${next.toString()}`;
  };
  const sortLink = (sort: string, label: string) => {
    const active = (query.sort ?? "name") === sort;
    const dir = active && (query.dir ?? "asc") === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? ((query.dir ?? "asc") === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort, dir, page: undefined })}>{label}</Link>
      </th>
    );
  };
  return (
    <>
      <h1>{t("staff.suppliers.title")}</h1>
      {canEdit ? (
        <p className="button-row">
          <Link className="button button-primary" to="/staff/suppliers/new">
            {t("staff.suppliers.new")}
          </Link>{" "}
          <Link className="button button-secondary" to="/staff/suppliers/import">
            {t("staff.suppliers.import")}
          </Link>
        </p>
      ) : null}
      <PortfolioExportLinks />
      <p>
        <Link to="/staff/suppliers/archived">{t("relationship.archived.link")}</Link>
      </p>
      <Form method="get" className="filter-form" aria-label={t("staff.suppliers.filters")}>
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            {t("staff.suppliers.search")}
          </label>
          <input className="form-input input-width-l" id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="tier">
            {t("staff.suppliers.col.tier")}
          </label>
          <select className="form-select" id="tier" name="tier" defaultValue={query.tier ?? ""}>
            <option value="">{t("staff.suppliers.any")}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tier.${tier}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="status">
            {t("staff.suppliers.col.status")}
          </label>
          <select className="form-select" id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("staff.suppliers.any")}</option>
            <option value="none">{t("staff.suppliers.notSent")}</option>
            {ASSESSMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="owner">
            {t("staff.suppliers.col.owner")}
          </label>
          <select className="form-select" id="owner" name="owner" defaultValue={query.owner ?? ""}>
            <option value="">{t("staff.suppliers.any")}</option>
            <option value="none">{t("staff.suppliers.noOwner")}</option>
            {owners.map((owner) => (
              <option key={owner.value} value={owner.value}>
                {owner.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="next">
            {t("staff.suppliers.col.next")}
          </label>
          <select className="form-select" id="next" name="next" defaultValue={query.next ?? ""}>
            <option value="">{t("staff.suppliers.any")}</option>
            {NEXT_ASSESSMENT_FILTERS.map((value) => (
              <option key={value} value={value}>
                {t(`staff.suppliers.next.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <DashboardFilterFields query={query} flagOptions={flagOptions} />
        <button type="submit" className="button button-secondary">
          {t("staff.suppliers.filter")}
        </button>
      </Form>
      <p role="status">{t("staff.suppliers.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("staff.suppliers.empty")}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra">
            <caption className="sr-only">{t("staff.suppliers.title")}</caption>
            <thead>
              <tr>
                {sortLink("name", t("staff.suppliers.col.name"))}
                <th scope="col">{t("staff.suppliers.col.cvr")}</th>
                {sortLink("tier", t("staff.suppliers.col.tier"))}
                {sortLink("status", t("staff.suppliers.col.status"))}
                <th scope="col">{t("staff.suppliers.col.owner")}</th>
                {sortLink("next", t("staff.suppliers.col.next"))}
                <th scope="col">{t("supervision.evidence.listColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/suppliers/${row.id}`}>{row.name}</Link>
                    <br />
                    <span className="form-hint">{countryName(row.country, locale)}</span>
                  </td>
                  <td>{row.cvr ?? "—"}</td>
                  <td>{row.tier ? t(`tier.${row.tier}`) : t("staff.tier.none")}</td>
                  <td>{row.status ? t(`status.${row.status}` as MessageKey) : t("staff.suppliers.notSent")}</td>
                  <td>{row.ownerName ?? "—"}</td>
                  <td>
                    {row.nextAssessmentDue ? formatDate(row.nextAssessmentDue) : "—"}
                    {row.nextAssessmentDue && row.nextAssessmentDue < today ? <span className="overdue"> {t("staff.suppliers.overdue")}</span> : null}
                  </td>
                  <EvidenceExpiryCell expiry={evidenceExpiry[row.id]} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("staff.pagination.label")} className="pagination-nav">
          <p>{t("staff.pagination.page", { page, pages })}</p>
          <ul className="nobullet-list pagination-list">
            {page > 1 ? (
              <li>
                <Link to={withParams({ page: String(page - 1) })} rel="prev">
                  {t("staff.pagination.previous")}
                </Link>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <Link to={withParams({ page: String(page + 1) })} rel="next">
                  {t("staff.pagination.next")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
