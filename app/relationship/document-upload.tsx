import { Form } from "@remix-run/react";
import { Alert } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

export interface UploadNotice {
  ok: boolean;
  code?: string;
  name: string | null;
}

/** The localised sentence for an upload's result (the evidence messages, shared with the supplier portal). */
export function useUploadNoticeText() {
  const { t } = useTranslation();
  return (notice: UploadNotice, rules: { types: string; size: string }) => {
    if (notice.ok) return t("relationship.document.uploaded", { name: notice.name ?? "" });
    const key = `supplier.evidence.error.${notice.code ?? "malformed"}` as "supplier.evidence.error.malformed";
    return t(key, { name: notice.name ?? "", types: rules.types, size: rules.size });
  };
}

/** One file as a document of the relationship; a plain multipart form (no JavaScript needed). */
export function DocumentUploadForm({
  label,
  hint,
  accept,
  rules,
  notice,
  button,
}: {
  label: string;
  hint: string;
  accept: string;
  rules: { types: string; size: string };
  notice: UploadNotice | null;
  button: string;
}) {
  const { t } = useTranslation();
  const text = useUploadNoticeText();
  return (
    <>
      {notice ? <Alert kind={notice.ok ? "success" : "error"} heading={text(notice, rules)} /> : null}
      <Form method="post" encType="multipart/form-data" className="document-upload">
        <div className="form-group">
          <label className="form-label" htmlFor="document-file">
            {label}
          </label>
          <span className="form-hint" id="document-file-hint">
            {hint} {t("supplier.evidence.rules", rules)}
          </span>
          <input className="form-input" type="file" id="document-file" name="file" accept={accept} required aria-describedby="document-file-hint" />
        </div>
        <button type="submit" className="button button-secondary">
          {button}
        </button>
      </Form>
    </>
  );
}
