import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { BarChart, MatrixChart } from "~/reports/dashboard-charts";
import { loadDashboard } from "~/reports/dashboard.server";
import { PortfolioExportLinks } from "~/reports/portfolio-export-links";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "reports.dashboard.title")];

/** The dashboard for management and auditors (every staff role; own organisation only). */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  return loadDashboard(staff, getLocale(request));
}

export default function Dashboard() {
  const dashboard = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const unit = t("reports.dashboard.unit");
  const attention = dashboard.attention.filter((figure) => !figure.key.startsWith("next-"));
  const reassessment = dashboard.attention.filter((figure) => figure.key.startsWith("next-"));
  return (
    <>
      <h1>{t("reports.dashboard.title")}</h1>
      <p>{t("reports.dashboard.lead", { count: dashboard.suppliers })}</p>
      <PortfolioExportLinks />
      <p>
        <Link to="/staff/compare">{t("reports.compare.link")}</Link>
      </p>
      <div className="dashboard-grid">
        <MatrixChart
          id="tier-rating"
          title={t("reports.dashboard.chart.tierRating")}
          unit={unit}
          columns={dashboard.ratings.map((rating) => ({ key: rating, label: rating === "none" ? t("reports.dashboard.notRated") : t(`rating.${rating}`) }))}
          rows={dashboard.tierMatrix.map((row) => ({ key: row.tier, label: t(`tier.${row.tier}`), cells: row.cells }))}
        />
        <BarChart
          id="attention"
          title={t("reports.dashboard.chart.attention")}
          unit={unit}
          empty=""
          bars={attention.map((figure) => ({ ...figure, label: t(`reports.dashboard.attention.${figure.key}` as MessageKey) }))}
        />
        <BarChart
          id="flags"
          title={t("reports.dashboard.chart.flags")}
          unit={unit}
          empty={t("reports.dashboard.noFlags")}
          bars={dashboard.flagTypes}
        />
        <BarChart
          id="status"
          title={t("reports.dashboard.chart.status")}
          unit={unit}
          empty=""
          bars={dashboard.statuses.map((figure) => ({ ...figure, label: figure.key === "none" ? t("staff.suppliers.notSent") : t(`status.${figure.key}` as MessageKey) }))}
        />
        <BarChart
          id="reassessment"
          title={t("reports.dashboard.chart.reassessment")}
          unit={unit}
          empty=""
          bars={reassessment.map((figure) => ({ ...figure, label: t(`reports.dashboard.${figure.key.replace("-", ".")}` as MessageKey) }))}
        />
      </div>
    </>
  );
}
