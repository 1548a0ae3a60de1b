import { Form } from "@remix-run/react";
import { Alert } from "~/components/forms";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import type { ComparisonResult } from "./comparison.server";

type Candidates = Extract<NonNullable<ComparisonResult>, { ok: true }>["candidates"];

interface Choice {
  id: string;
  supplierName: string;
  status: string;
  questionnaireTitle: string;
}

/** The selection of candidates (a plain GET form: works without JavaScript). */
export function ComparisonChoices({ choices, selected }: { choices: Choice[]; selected: readonly string[] }) {
  const { t } = useTranslation();
  if (choices.length === 0) return <p>{t("reports.compare.noChoices")}</p>;
  return (
    <Form method="get" className="compare-form">
      <fieldset className="form-group">
        <legend className="form-label">{t("reports.compare.choose")}</legend>
        <p className="form-hint">{t("reports.compare.chooseHint")}</p>
        <ul className="nobullet-list">
          {choices.map((choice) => (
            <li key={choice.id} className="form-check">
              <input className="form-checkbox" type="checkbox" id={`a-${choice.id}`} name="a" value={choice.id} defaultChecked={selected.includes(choice.id)} />
              <label className="form-label" htmlFor={`a-${choice.id}`}>
                {choice.supplierName} — {choice.questionnaireTitle} ({t(`status.${choice.status}` as MessageKey)})
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" className="button button-primary">
        {t("reports.compare.submit")}
      </button>
    </Form>
  );
}

/** Candidates side by side: one column per candidate, one row per criterion. */
export function ComparisonTable({ candidates }: { candidates: Candidates }) {
  const { t, formatNumber } = useTranslation();
  const score = (value: number | null) => (value === null ? t("review.score.none") : formatNumber(value));
  const themes = candidates[0]?.themes ?? [];
  const row = (label: string, cells: React.ReactNode[], key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      {cells.map((cell, index) => (
        <td key={index}>{cell}</td>
      ))}
    </tr>
  );
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact compare-table" data-testid="comparison">
        <caption>{t("reports.compare.caption", { count: candidates.length })}</caption>
        <thead>
          <tr>
            <td />
            {candidates.map((candidate) => (
              <th key={candidate.assessmentId} scope="col">
                <a href={`/staff/assessments/${candidate.assessmentId}`}>{candidate.supplierName}</a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row(t("reports.portfolio.col.tier"), candidates.map((c) => t(`tier.${c.tier}`)), "tier")}
          {row(t("reports.portfolio.col.rating"), candidates.map((c) => t(`rating.${c.rating}`)), "rating")}
          {row(t("review.page.score"), candidates.map((c) => <strong>{score(c.overallScore)}</strong>), "score")}
          {row(t("reports.compare.completeness"), candidates.map((c) => (c.completeness === null ? "–" : `${formatNumber(c.completeness)} %`)), "completeness")}
          {themes.map((theme, index) => row(theme.title, candidates.map((c) => score(c.themes[index]?.score ?? null)), `theme-${theme.id}`))}
          {row(
            t("reports.compare.openFlags"),
            candidates.map((c) =>
              c.openFlags.length === 0 ? (
                t("reports.compare.noFlags")
              ) : (
                <ul>
                  {c.openFlags.map((flag, index) => (
                    <li key={index}>
                      {t(`severity.${flag.severity}`)}: {flag.title}
                    </li>
                  ))}
                </ul>
              ),
            ),
            "flags",
          )}
          {row(
            t("reports.compare.missingEvidence"),
            candidates.map((c) =>
              c.missingEvidence.length === 0 ? (
                t("reports.compare.noMissingEvidence")
              ) : (
                <ul>
                  {c.missingEvidence.map((text, index) => (
                    <li key={index}>{text}</li>
                  ))}
                </ul>
              ),
            ),
            "evidence",
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ComparisonError({ error }: { error: string }) {
  const { t } = useTranslation();
  return <Alert kind="error" heading={t(error as MessageKey)} />;
}
