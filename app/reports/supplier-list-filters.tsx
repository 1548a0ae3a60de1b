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
  const select = (name: "rating" | "flag" | "attention", label: string, options: { value: string; label: string }[]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={name}>
        {label}
      </label>
      <select className="form-select" id={name} name={name} defaultValue={query[name] ?? ""}>
        <option value="">{t("staff.suppliers.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      {select("rating", t("reports.filter.rating"), [
        ...RISK_RATINGS.map((rating) => ({ value: rating, label: t(`rating.${rating}`) })),
        { value: "none", label: t("reports.dashboard.notRated") },
      ])}
      {select("flag", t("reports.filter.flag"), flagOptions)}
      {select(
        "attention",
        t("reports.filter.attention"),
        ATTENTION_FILTERS.map((value) => ({ value, label: t(`reports.dashboard.attention.${value}` as MessageKey) })),
      )}
    </>
  );
}
