import { Link } from "@remix-run/react";
import { Alert } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { ClauseFindings } from "./contract-review-history";
import type { ClauseFinding } from "./contract-review";
import { RaciSection } from "./raci-matrix";
import type { RaciRow } from "./raci";

export interface RelationshipView {
  archivedAt: Date | string | null;
  raci: { rows: RaciRow[]; inherited: boolean };
  proposals: number;
  review: { dueOn: string; overdue: boolean; latestFindings: ClauseFinding[] };
  offboardingOpen: boolean;
}

/** The archived banner, for the top of the supplier page. */
export function ArchivedNotice({ relationship, supplierId }: { relationship: RelationshipView; supplierId: string }) {
  const { t, formatDateTime } = useTranslation();
  if (!relationship.archivedAt) return null;
  return (
    <Alert kind="warning" heading={t("relationship.archived.since", { date: formatDateTime(new Date(relationship.archivedAt)) })}>
      <p>{t("relationship.archived.banner")}</p>
      <p>
        <Link to={`/staff/suppliers/${supplierId}/offboarding`}>{t("relationship.offboarding.title")}</Link>
      </p>
    </Alert>
  );
}

/** The supplier page's sections about the relationship: sub-supplier proposals, RACI, agreement review, offboarding. */
export function RelationshipSections({ relationship, supplierId, canEdit }: { relationship: RelationshipView; supplierId: string; canEdit: boolean }) {
  const { t, formatDate } = useTranslation();
  const base = `/staff/suppliers/${supplierId}`;
  return (
    <>
      {relationship.proposals > 0 ? (
        <p>
          {t("relationship.subSuppliers.toConfirm", { count: relationship.proposals })}{" "}
          {canEdit ? <Link to={`${base}/sub-suppliers`}>{t("relationship.subSuppliers.review")}</Link> : null}
        </p>
      ) : null}
      <RaciSection raci={relationship.raci} editHref={canEdit && !relationship.archivedAt ? `${base}/raci` : undefined} />
      <section aria-labelledby="relationship-heading">
        <h2 id="relationship-heading">{t("relationship.section.title")}</h2>
        {!relationship.archivedAt ? (
          <p>{t(relationship.review.overdue ? "relationship.section.reviewOverdue" : "relationship.section.reviewDue", { date: formatDate(relationship.review.dueOn) })}</p>
        ) : null}
        {relationship.review.latestFindings.length > 0 ? (
          <>
            <p>{t("relationship.section.openFindings", { count: relationship.review.latestFindings.length })}</p>
            <ClauseFindings findings={relationship.review.latestFindings} />
          </>
        ) : null}
        {relationship.offboardingOpen ? <p>{t("relationship.section.offboardingOpen")}</p> : null}
        <p>
          <Link className="button button-secondary" to={`${base}/contract-review`}>
            {t("relationship.section.review")}
          </Link>{" "}
          <Link className="button button-secondary" to={`${base}/offboarding`}>
            {t("relationship.offboarding.link")}
          </Link>
        </p>
      </section>
    </>
  );
}
