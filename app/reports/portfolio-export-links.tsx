import { useTranslation } from "~/i18n/use-translation";

/** Links to the portfolio export (CSV and XLSX), shown on the supplier list for every staff role. */
export function PortfolioExportLinks() {
  const { t } = useTranslation();
  return (
    <p className="button-row portfolio-export">
      <a className="button button-secondary" href="/staff/suppliers/export?format=xlsx" download>
        {t("reports.portfolio.exportXlsx")}
      </a>{" "}
      <a className="button button-secondary" href="/staff/suppliers/export?format=csv" download>
        {t("reports.portfolio.exportCsv")}
      </a>
    </p>
  );
}
