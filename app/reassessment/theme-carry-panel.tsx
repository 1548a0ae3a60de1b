import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { CarryMark, ThemeCarryView } from "./portal.server";

/**
 * On a theme of a reassessment: how many answers were carried forward (and how many questions are
 * new), and the one-step "confirm theme unchanged" form. A plain form post: works without JavaScript.
 */
export function ThemeCarryPanel({ carry }: { carry: ThemeCarryView }) {
  const { t } = useTranslation();
  return (
    <>
      {carry.confirmedTitle ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">
              {carry.confirmedTitle}: {t("reassessment.portal.confirmed")}
            </p>
          </div>
        </div>
      ) : null}
      {carry.answering && carry.carried.length > 0 ? (
        <section className="reassessment-panel" aria-labelledby="carry-heading">
          <h2 id="carry-heading" className="h4">
            {t("reassessment.portal.panelTitle")}
          </h2>
          <p>{t("reassessment.portal.panelText", { count: carry.carriedVisible })}</p>
          {carry.newVisible > 0 ? <p>{t("reassessment.portal.panelNew", { count: carry.newVisible })}</p> : null}
          <Form method="post" action="/s/unchanged">
            <input type="hidden" name="themeId" value={carry.themeId} />
            {carry.carried.map((c) => (
              <input key={c.questionId} type="hidden" name={`rev.${c.questionId}`} value={c.revision} />
            ))}
            <button type="submit" className="button button-secondary">
              {t("reassessment.portal.confirm")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

/** A question's mark: answer carried forward from last time, or a question new in this version. */
export function CarryMarkBadge({ mark }: { mark: CarryMark | undefined }) {
  const { t } = useTranslation();
  if (!mark) return null;
  return (
    <p className="reassessment-mark">
      <span className={mark === "new" ? "badge badge-info" : "badge"}>
        {t(mark === "new" ? "reassessment.portal.new" : "reassessment.portal.carried")}
      </span>
    </p>
  );
}
