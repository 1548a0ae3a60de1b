import { useTranslation } from "~/i18n/use-translation";

/** On the receipt: the supplier's answers to keep, as a file to import elsewhere and as a PDF. */
export function AnswerFileLinks() {
  const { t } = useTranslation();
  return (
    <div className="no-print">
      <p>{t("answers.file.hint")}</p>
      <p className="button-row">
        <a className="button button-secondary" href="/s/answers.json" download>
          {t("answers.file.download")}
        </a>{" "}
        <a className="button button-secondary" href="/s/answers.pdf" download>
          {t("answers.file.downloadPdf")}
        </a>
      </p>
    </div>
  );
}
