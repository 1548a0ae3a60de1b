import { Form, Link } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";

/** The upload form (works without JavaScript: a plain multipart post). */
export function ImportAnswersForm({ error }: { error: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("answers.import.title")}</h1>
      <p className="font-lead">{t("answers.import.lead")}</p>
      {error ? <ErrorSummary errors={[{ fieldId: "answer-file", message: error as MessageKey }]} /> : null}
      <Form method="post" encType="multipart/form-data">
        <div className={`form-group${error ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="answer-file">
            {t("answers.import.file")}
          </label>
          <span className="form-hint" id="answer-file-hint">
            {t("answers.import.fileHint")}
          </span>
          {error ? (
            <span className="form-error-message" id="answer-file-error">
              <span className="sr-only">{t("form.errorPrefix")} </span>
              {t(error as MessageKey)}
            </span>
          ) : null}
          <input
            className="form-file-input"
            type="file"
            id="answer-file"
            name="file"
            accept="application/json,.json"
            aria-describedby={error ? "answer-file-hint answer-file-error" : "answer-file-hint"}
          />
        </div>
        <button type="submit" className="button button-primary">
          {t("answers.import.submit")}
        </button>
      </Form>
    </>
  );
}

interface Result {
  imported: { questionId: string; themeId: string }[];
  skipped: { questionId: string; reason: string }[];
  evidence: { questionId: string; themeId: string | null; fileName: string }[];
}

/** What was prefilled (to review on each theme page), what was not, and the evidence to attach again. */
export function ImportAnswersResult({ result, questions, themes }: { result: Result; questions: Record<string, string>; themes: Record<string, string> }) {
  const { t } = useTranslation();
  const byTheme = Object.keys(themes).filter((id) => result.imported.some((i) => i.themeId === id));
  return (
    <>
      <h1>{t("answers.import.doneTitle")}</h1>
      <div className="alert alert-success" role="status">
        <div className="alert-body">
          <p className="alert-text">{t("answers.import.done", { count: result.imported.length })}</p>
          <p className="alert-text">{t("answers.import.review")}</p>
        </div>
      </div>
      {byTheme.length > 0 ? (
        <ul data-testid="imported">
          {byTheme.map((themeId) => (
            <li key={themeId}>
              <Link to={`/s/themes/${themeId}`}>{themes[themeId]}</Link>: {t("answers.import.themeCount", { count: result.imported.filter((i) => i.themeId === themeId).length })}
            </li>
          ))}
        </ul>
      ) : null}
      {result.skipped.length > 0 ? <p>{t("answers.import.skipped", { count: result.skipped.length })}</p> : null}
      <h2>{t("answers.import.evidenceTitle")}</h2>
      {result.evidence.length === 0 ? (
        <p>{t("answers.import.noEvidence")}</p>
      ) : (
        <>
          <p>{t("answers.import.evidenceLead")}</p>
          <ul data-testid="evidence-again">
            {result.evidence.map((file, index) => (
              <li key={index}>
                {file.fileName} — {questions[file.questionId] ?? file.questionId}
                {file.themeId ? (
                  <>
                    {" "}
                    (<Link to={`/s/themes/${file.themeId}`}>{themes[file.themeId]}</Link>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link className="button button-primary" to="/s">
          {t("answers.import.toStart")}
        </Link>
      </p>
    </>
  );
}
