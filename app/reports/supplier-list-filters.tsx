import { RISK_RATINGS } from "#db/schema";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { ATTENTION_FILTERS } from "./dashboard-filters";

/** The supplier list's filters that the dashboard's figures link to: risk rating, open flag type, what needs attention. */
export function DashboardFilterFields({
  query,
  flagOptions,
}: {
  query: { rating?: string; flag?: string; attention?: string };
  flagOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-group">
        <label className="form-label" htmlFor="rating">
          {t("reports.filter.rating")}
        </label>
        <select className="form-select" id="rating" name="rating" defaultValue={query.rating ?? ""}>
          <option value="">{t("staff.suppliers.any")}</option>
          {RISK_RATINGS.map((rating) => (
            <option key={rating} value={rating}>
              {t(`rating.${rating}`)}
            </option>
          ))}
          <option value="none">{t("reports.dashboard.notRated")}</option>
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="flag">
          {t("reports.filter.flag")}
        </label>
        <select className="form-select" id="flag" name="flag" defaultValue={query.flag ?? ""}>
          <option value="">{t("staff.suppliers.any")}</option>
          {flagOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="attention">
          {t("reports.filter.attention")}
        </label>
        <select className="form-select" id="attention" name="attention" defaultValue={query.attention ?? ""}>
          <option value="">{t("staff.suppliers.any")}</option>
          {ATTENTION_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`reports.dashboard.attention.${value}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
