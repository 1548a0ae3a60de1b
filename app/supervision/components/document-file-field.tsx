import { useTranslation } from "~/i18n/use-translation";

/** The one file of a document form (renewal, assurance report). */
export function DocumentFileField({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {t("supervision.renewal.file")}
      </label>
      <input className="form-input" type="file" id={id} name="file" required />
    </div>
  );
}
