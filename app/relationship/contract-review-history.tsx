import { useTranslation } from "~/i18n/use-translation";
import type { ClauseFinding, ReviewOutcome } from "./contract-review";

export interface ReviewSummary {
  id: string;
  completedAt: Date | string | null;
  outcome: ReviewOutcome | null;
  nextDueOn: string | null;
  findings: ClauseFinding[];
  notes: string | null;
  documentId: string | null;
}

/** The clause's short name, in the reader's language. */
export function useClauseLabel() {
  const { t } = useTranslation();
  return (clause: string) => t(`relationship.clause.${clause}` as "relationship.clause.contract-audit-right");
}

/** Findings of a review: clauses the supplier accepted that the signed agreement lacks. */
export function ClauseFindings({ findings }: { findings: ClauseFinding[] }) {
  const { t } = useTranslation();
  const label = useClauseLabel();
  if (findings.length === 0) return <p>{t("relationship.review.noFindings")}</p>;
  return (
    <ul className="clause-findings">
      {findings.map((finding) => (
        <li key={finding.clause} data-finding={finding.clause}>
          <strong>{t("relationship.review.finding")}:</strong> {label(finding.clause)} — {t(`relationship.review.findingText.${finding.agreement}`)}
        </li>
      ))}
    </ul>
  );
}

/** Earlier reviews, newest first, and the agreements uploaded as evidence. */
export function ContractReviewHistory({
  supplierId,
  reviews,
  agreements,
}: {
  supplierId: string;
  reviews: ReviewSummary[];
  agreements: { id: string; name: string; createdAt: Date | string }[];
}) {
  const { t, formatDate, formatDateTime } = useTranslation();
  const nameOf = new Map(agreements.map((a) => [a.id, a.name]));
  return (
    <section aria-labelledby="review-history-heading">
      <h2 id="review-history-heading">{t("relationship.review.history")}</h2>
      {reviews.length === 0 ? <p>{t("relationship.review.none")}</p> : null}
      {reviews.map((review) => (
        <article key={review.id} className="contract-review">
          <h3>
            {review.completedAt ? formatDateTime(new Date(review.completedAt)) : "–"}: {review.outcome ? t(`relationship.review.outcome.${review.outcome}`) : "–"}
          </h3>
          {review.nextDueOn ? <p>{t("relationship.review.nextSet", { date: formatDate(review.nextDueOn) })}</p> : null}
          {review.documentId && nameOf.has(review.documentId) ? (
            <p>
              {t("relationship.review.checkedAgainst")}{" "}
              <a href={`/staff/suppliers/${supplierId}/documents/${review.documentId}`} download>
                {nameOf.get(review.documentId)}
              </a>
            </p>
          ) : null}
          <ClauseFindings findings={review.findings} />
          {review.notes ? <p className="preserve-lines">{review.notes}</p> : null}
        </article>
      ))}
      {agreements.length > 0 ? (
        <>
          <h3>{t("relationship.review.agreements")}</h3>
          <ul>
            {agreements.map((a) => (
              <li key={a.id}>
                <a href={`/staff/suppliers/${supplierId}/documents/${a.id}`} download>
                  {a.name}
                </a>{" "}
                ({formatDate(new Date(a.createdAt).toISOString().slice(0, 10))})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
