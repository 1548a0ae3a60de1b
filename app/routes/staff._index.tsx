import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { ASSESSMENT_STATUSES, TIERS } from "#db/schema";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { staffOverviewData } from "~/staff/overview.server";
import { reassessmentsDue } from "~/reassessment/overview.server";
import { ReassessmentsDue } from "~/reassessment/reassessments-due";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.overview")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  return { ...staffOverviewData(staff.organisation.id), reassessmentsDue: reassessmentsDue(staff.organisation.id), name: staff.user.name };
}

export default function Overview() {
  const { byTier, byStatus, overdue, upcoming, today, reassessmentsDue: due } = useLoaderData<typeof loader>();
  const { t, formatDate } = useTranslation();
  const tierCount = (tier: string | null) => byTier.find((row) => row.tier === tier)?.n ?? 0;
  const statusCount = (status: string) => byStatus.find((row) => row.status === status)?.n ?? 0;
  return (
    <>
      <h1>{t("staff.overview.title")}</h1>
      <div className="overview-grid">
        <section aria-labelledby="by-tier">
          <h2 id="by-tier">{t("staff.overview.byTier")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.suppliers.col.tier")}</th>
                <th scope="col">{t("staff.overview.count")}</th>
              </tr>
            </thead>
            <tbody>
              {TIERS.map((tier) => (
                <tr key={tier}>
                  <td>
                    <Link to={`/staff/suppliers?tier=${tier}`}>{t(`tier.${tier}`)}</Link>
                  </td>
                  <td>{tierCount(tier)}</td>
                </tr>
              ))}
              <tr>
                <td>{t("staff.tier.none")}</td>
                <td>{tierCount(null)}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section aria-labelledby="by-status">
          <h2 id="by-status">{t("staff.overview.byStatus")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.suppliers.col.status")}</th>
                <th scope="col">{t("staff.overview.count")}</th>
              </tr>
            </thead>
            <tbody>
              {ASSESSMENT_STATUSES.map((status) => (
                <tr key={status}>
                  <td>{t(`status.${status}` as MessageKey)}</td>
                  <td>{statusCount(status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section aria-labelledby="overdue">
        <h2 id="overdue">{t("staff.overview.overdue")}</h2>
        {overdue.length === 0 ? (
          <p>{t("staff.overview.noneOverdue")}</p>
        ) : (
          <ul>
            {overdue.map((a) => (
              <li key={a.id}>
                <Link to={`/staff/suppliers/${a.supplierId}/assessments/${a.id}`}>{a.supplierName}</Link> —{" "}
                {t("staff.overview.dueOn", { date: formatDate(a.dueDate) })} ({t(`status.${a.status}` as MessageKey)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReassessmentsDue due={due} />
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t("staff.overview.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p>{t("staff.overview.noneUpcoming")}</p>
        ) : (
          <ul>
            {upcoming.map((s) => (
              <li key={s.id}>
                <Link to={`/staff/suppliers/${s.id}`}>{s.name}</Link> — {s.nextAssessmentDue ? formatDate(s.nextAssessmentDue) : ""}
                {s.nextAssessmentDue && s.nextAssessmentDue < today ? ` (${t("staff.suppliers.overdue")})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
