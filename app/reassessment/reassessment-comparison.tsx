import { useTranslation } from "~/i18n/use-translation";
import type { ReassessmentComparisonView } from "./review-comparison.server";

/** Review page: per question what changed since the last approved assessment, and red flags new / resolved / still open. */
export function ReassessmentComparison({ comparison }: { comparison: ReassessmentComparisonView }) {
  const { t, formatDate } = useTranslation();
  const { previous } = comparison;
  return (
    <section aria-labelledby="comparison-heading" className="review-section" data-testid="reassessment-comparison">
      <h2 id="comparison-heading">{t("reassessment.review.title")}</h2>
      <p>
        {t("reassessment.review.lead", { date: previous.decidedAt ? formatDate(new Date(previous.decidedAt)) : "–", questionnaire: previous.questionnaire })}{" "}
        {t("reassessment.review.counts", { changed: comparison.changed.length, new: comparison.added.length, unconfirmed: comparison.unconfirmed })}
      </p>
      <h3 className="h4">{t("reassessment.review.changed")}</h3>
      {comparison.changed.length === 0 ? (
        <p>{t("reassessment.review.noChanges")}</p>
      ) : (
        <ul data-testid="changed-answers">
          {comparison.changed.map((c) => (
            <li key={c.questionId} data-question-id={c.questionId}>
              <a href={`#q-${c.questionId}`}>{c.text}</a>{" "}
              {t("reassessment.review.was", { previous: c.previous ?? t("reassessment.review.unanswered"), current: c.current ?? t("reassessment.review.unanswered") })}
            </li>
          ))}
        </ul>
      )}
      {comparison.added.length > 0 ? (
        <>
          <h3 className="h4">{t("reassessment.review.new")}</h3>
          <ul data-testid="new-questions">
            {comparison.added.map((c) => (
              <li key={c.questionId} data-question-id={c.questionId}>
                <a href={`#q-${c.questionId}`}>{c.text}</a>: {c.current ?? t("reassessment.review.unanswered")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="h4">{t("reassessment.review.flags")}</h3>
      {comparison.flags.length === 0 ? (
        <p>{t("reassessment.review.flagsNone")}</p>
      ) : (
        <table className="table" data-testid="flag-changes">
          <thead>
            <tr>
              <th scope="col">{t("reassessment.review.col.flag")}</th>
              <th scope="col">{t("reassessment.review.col.change")}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.flags.map((f) => (
              <tr key={f.flagType} data-flag-change={f.change}>
                <td>{f.title}</td>
                <td>{t(`reassessment.review.flag.${f.change}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
