import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, ErrorSummary } from "~/components/forms";
import type { MessageKey } from "~/i18n/messages";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { IMPORT_COLUMNS } from "~/staff/import-columns";
import { clientIp } from "~/staff/route-helpers.server";
import {
  checkImportRows,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportFileError,
  importContext,
  importSuppliers,
  parseImportFile,
  type RawRow,
} from "~/suppliers/import.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.import")];

export function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request, { role: "reviewer" });
  return null;
}

const PREVIEW_PROBLEM_ROWS = 200;
const PayloadSchema = z
  .array(z.record(z.enum(IMPORT_COLUMNS), z.string().max(5000)))
  .min(1)
  .max(IMPORT_MAX_ROWS);

type Preview = {
  kind: "preview";
  valid: number;
  invalid: number;
  problems: { rowNumber: number; name: string; problems: { column: string; message: string }[] }[];
  sample: { rowNumber: number; name: string }[];
  payload: string;
};
type Result = Preview | { kind: "error"; message: string; params?: Record<string, string | number> } | { kind: "done"; count: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > IMPORT_MAX_BYTES * 2) return data<Result>({ kind: "error", message: "staff.import.tooLarge" }, { status: 413 });
  const formData = await request.formData();
  if (formData.get("intent") === "import") {
    let rows: RawRow[];
    try {
      rows = PayloadSchema.parse(JSON.parse(String(formData.get("payload") ?? "")));
    } catch {
      return data<Result>({ kind: "error", message: "staff.import.unreadable" }, { status: 400 });
    }
    const checked = checkImportRows(staff.organisation.id, rows);
    const count = importSuppliers(importContext(staff), checked, clientIp(context));
    if (count === 0) return data<Result>({ kind: "error", message: "staff.import.nothingValid" }, { status: 400 });
    return data<Result>({ kind: "done", count });
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return data<Result>({ kind: "error", message: "staff.import.noFile" }, { status: 400 });
  try {
    const rows = await parseImportFile(file);
    const checked = checkImportRows(staff.organisation.id, rows);
    const valid = checked.filter((r) => r.problems.length === 0);
    const invalid = checked.filter((r) => r.problems.length > 0);
    return data<Result>({
      kind: "preview",
      valid: valid.length,
      invalid: invalid.length,
      problems: invalid.slice(0, PREVIEW_PROBLEM_ROWS).map((r) => ({ rowNumber: r.rowNumber, name: r.name, problems: r.problems })),
      sample: valid.slice(0, 20).map((r) => ({ rowNumber: r.rowNumber, name: r.name })),
      payload: JSON.stringify(valid.map((r) => rows[r.rowNumber - 2]!)),
    });
  } catch (error) {
    if (error instanceof ImportFileError) return data<Result>({ kind: "error", message: error.messageKey, params: error.params }, { status: 400 });
    throw error;
  }
}

export default function ImportSuppliers() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const say = (message: string, params?: Record<string, string | number>) => (isMessageKey(message) ? t(message, params) : message);
  return (
    <>
      <p>
        <Link to="/staff/suppliers">{t("staff.suppliers.back")}</Link>
      </p>
      <h1>{t("staff.import.title")}</h1>
      {result?.kind === "done" ? (
        <Alert kind="success" heading={t("staff.import.done", { count: result.count })}>
          <p>
            <Link to="/staff/suppliers">{t("staff.suppliers.back")}</Link>
          </p>
        </Alert>
      ) : null}
      {result?.kind === "error" ? <ErrorSummary errors={[{ fieldId: "file", message: say(result.message, result.params) }]} /> : null}
      <p className="font-lead">{t("staff.import.lead")}</p>
      <p>
        {t("staff.import.template")}: <a href="/staff/suppliers/import-template?format=csv">{t("staff.import.templateCsv")}</a> ·{" "}
        <a href="/staff/suppliers/import-template?format=xlsx">{t("staff.import.templateXlsx")}</a>
      </p>
      <Form method="post" encType="multipart/form-data">
        <div className={`form-group${result?.kind === "error" ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="file">
            {t("staff.import.file")}
          </label>
          <span className="form-hint" id="file-hint">
            {t("staff.import.fileHint")}
          </span>
          <input className="form-file-input" type="file" id="file" name="file" accept=".csv,.xlsx,text/csv" aria-describedby="file-hint" />
        </div>
        <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={navigation.state === "submitting"}>
          {t("staff.import.preview")}
        </button>
      </Form>
      {result?.kind === "preview" ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("staff.import.preview")}</h2>
          <p role="status">{t("staff.import.summary", { valid: result.valid, invalid: result.invalid })}</p>
          {result.problems.length > 0 ? (
            <>
              {result.invalid > result.problems.length ? <p>{t("staff.import.previewTruncated", { shown: result.problems.length })}</p> : null}
              <table className="table">
                <caption className="sr-only">{t("staff.import.problems")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("staff.import.row")}</th>
                    <th scope="col">{t("staff.suppliers.col.name")}</th>
                    <th scope="col">{t("staff.import.problems")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((row) => (
                    <tr key={row.rowNumber}>
                      <td>{row.rowNumber}</td>
                      <td>{row.name || "—"}</td>
                      <td>
                        <ul className="nobullet-list">
                          {row.problems.map((p, i) => (
                            <li key={i}>
                              <code>{p.column}</code>: {say(p.message)}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {result.valid > 0 ? (
            <Form method="post">
              <input type="hidden" name="payload" value={result.payload} />
              <button type="submit" name="intent" value="import" className="button button-primary">
                {t("staff.import.submit", { count: result.valid })}
              </button>
            </Form>
          ) : (
            <Alert kind="warning" heading={t("staff.import.nothingValid" as MessageKey)} />
          )}
        </section>
      ) : null}
    </>
  );
}
