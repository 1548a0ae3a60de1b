import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { RequirementGroup } from "./contract-requirements.server";

/** The contract requirements grouped by topic, each with what prompted it, and the same as text to paste. */
export function ContractRequirementsView({ page }: { page: { assessmentId: string; title: string; rulesVersion: number; topics: RequirementGroup[]; plainText: string } }) {
  const { t } = useTranslation();
  let number = 0;
  return (
    <article className="contract-requirements">
      <p className="no-print">
        <Link to={`/staff/assessments/${page.assessmentId}`}>{t("review.report.back")}</Link>
      </p>
      <h1>{page.title}</h1>
      <p>{t("contracts.lead")}</p>
      <p className="no-print button-row">
        <a className="button button-secondary" href={`/staff/assessments/${page.assessmentId}/contract-requirements.docx`} download>
          {t("contracts.download.docx")}
        </a>
      </p>
      {page.topics.length === 0 ? <p>{t("contracts.none")}</p> : null}
      {page.topics.map((group) => (
        <section key={group.topic} aria-labelledby={`topic-${group.topic}`} className="review-section" data-topic={group.topic}>
          <h2 id={`topic-${group.topic}`}>{group.title}</h2>
          {group.requirements.map((requirement) => {
            number += 1;
            return (
              <div key={requirement.id} className="contract-requirement" data-requirement={requirement.id}>
                <p>
                  <strong>{number}.</strong> {requirement.text}
                </p>
                <ul className="review-muted">
                  {requirement.prompts.map((prompt, index) => (
                    <li key={index}>
                      {t("contracts.promptLabel")}: {prompt}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
      <div className="form-group no-print">
        <label className="form-label" htmlFor="contract-text">
          {t("contracts.text.label")}
        </label>
        <textarea className="form-input contract-text" id="contract-text" readOnly rows={16} defaultValue={page.plainText} />
      </div>
      <p className="review-muted">{t("contracts.rules", { version: page.rulesVersion })}</p>
    </article>
  );
}
