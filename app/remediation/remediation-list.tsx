/**
 * The conditions (remediation items) of a supplier or an assessment, with their deadlines and
 * state. Used on the review page and on the supplier page:
 *
 *   loader:    remediation: loadSupplierRemediation(staff, supplierId)   (app/remediation/remediation.server.ts)
 *   component: <RemediationList items={remediation.items} canClose={remediation.canClose} returnTo={pathname} />
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

export interface RemediationListItem {
  id: string;
  assessmentId: string;
  text: string;
  ownerSide: "supplier" | "customer";
  ownerName: string;
  deadline: string;
  status: "open" | "closed";
  overdue?: boolean;
  closedAt?: Date | string | null;
  closingNote?: string | null;
}

export function RemediationList({
  items,
  canClose,
  returnTo,
  headingLevel = 2,
}: {
  items: RemediationListItem[];
  canClose: boolean;
  returnTo: string;
  headingLevel?: 2 | 3;
}) {
  const { t, formatDate } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="remediation-heading" className="review-section">
      <Heading id="remediation-heading">{t("review.remediation.title")}</Heading>
      {items.length === 0 ? (
        <p>{t("review.remediation.none")}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t("review.remediation.col.text")}</th>
              <th scope="col">{t("review.remediation.col.owner")}</th>
              <th scope="col">{t("review.remediation.col.deadline")}</th>
              <th scope="col">{t("review.remediation.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-remediation-id={item.id}>
                <td>{item.text}</td>
                <td>
                  {item.ownerName}
                  <span className="review-muted"> ({t(item.ownerSide === "supplier" ? "review.ownerSide.supplier" : "review.ownerSide.customer")})</span>
                </td>
                <td className="nowrap">{formatDate(item.deadline)}</td>
                <td>
                  {item.status === "closed" ? (
                    <>
                      <span className="badge badge-success">{t("review.remediation.closed")}</span>
                      {item.closingNote ? <span className="review-muted"> {item.closingNote}</span> : null}
                    </>
                  ) : item.overdue ? (
                    <span className="badge badge-error">{t("review.remediation.overdue")}</span>
                  ) : (
                    <span className="badge badge-warning">{t("review.remediation.open")}</span>
                  )}
                  {item.status === "open" && canClose ? (
                    <>
                      {" "}
                      <Link to={`/staff/remediation/${item.id}?returnTo=${encodeURIComponent(returnTo)}`}>
                        {t("review.remediation.closeLink")}
                        <span className="visually-hidden">: {item.text}</span>
                      </Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
