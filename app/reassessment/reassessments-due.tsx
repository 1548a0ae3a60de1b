import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { ReassessmentsDueView } from "./overview.server";

/** Staff overview: reassessments overdue and due within 30/60/90 days, each linking to the filtered supplier list. */
export function ReassessmentsDue({ due }: { due: ReassessmentsDueView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reassessments-due">
      <h2 id="reassessments-due">{t("reassessment.overview.title")}</h2>
      <p>{t("reassessment.overview.lead")}</p>
      <table className="table" data-testid="reassessments-due">
        <thead>
          <tr>
            <th scope="col">{t("reassessment.overview.col.when")}</th>
            <th scope="col">{t("reassessment.overview.col.count")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <Link to="/staff/suppliers?next=overdue">{t("reassessment.overview.overdue")}</Link>
            </td>
            <td>{due.overdue}</td>
          </tr>
          {due.within.map((w) => (
            <tr key={w.days}>
              <td>
                <Link to={`/staff/suppliers?next=${w.days}`}>{t("reassessment.overview.within", { days: w.days })}</Link>
              </td>
              <td>{w.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
