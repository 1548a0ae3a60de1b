import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { FormErrorSummary } from "~/components/forms";
import { useMessage } from "~/components/forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { RaciFormSchema } from "./forms";
import { RaciHead } from "./raci-matrix";
import { RACI_CELLS, RACI_PARTIES, type RaciRow } from "./raci";

/** Blank rows offered for new activities. */
const BLANK_ROWS = 2;

/**
 * The matrix as a form: one row per activity (an activity left empty is removed) and blank rows
 * to add more; a select per party. Works without JavaScript; the server names any activity
 * that breaks the rules.
 */
export function RaciEditor({
  rows,
  lastResult,
  resetLabel,
}: {
  rows: readonly RaciRow[];
  lastResult: SubmissionResult<string[]> | undefined;
  /** Offer "back to the default" with this label (a supplier with its own matrix). */
  resetLabel?: string;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const blank = { activity: "", itLead: "", supplier: "", customer: "", partner: "" };
  const [form, fields] = useValidatedForm(RaciFormSchema, lastResult, {
    id: "raci",
    defaultValue: { rows: [...rows, ...Array.from({ length: BLANK_ROWS }, () => blank)] },
  });
  const rowFields = fields.rows.getFieldList();
  return (
    <>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <p className="form-hint">{t("relationship.raci.editHint")}</p>
        <table className="table table--compact raci-table">
          <caption>{t("relationship.raci.caption")}</caption>
          <RaciHead />
          <tbody>
            {rowFields.map((row, index) => {
              const cells = row.getFieldset();
              const activity = typeof cells.activity.initialValue === "string" ? cells.activity.initialValue : "";
              const rowName = activity || t("relationship.raci.newRow", { number: index + 1 });
              const activityErrors = cells.activity.errors ?? [];
              return (
                <tr key={row.key}>
                  <td className={activityErrors.length ? "form-error" : undefined}>
                    <input
                      className="form-input"
                      id={cells.activity.id}
                      name={cells.activity.name}
                      defaultValue={activity}
                      maxLength={120}
                      aria-label={t("relationship.raci.activityLabel", { number: index + 1 })}
                      aria-invalid={activityErrors.length ? true : undefined}
                      aria-describedby={activityErrors.length ? cells.activity.errorId : undefined}
                    />
                    {activityErrors.length ? (
                      <span className="form-error-message" id={cells.activity.errorId}>
                        {activityErrors.map(message).join(". ")}
                      </span>
                    ) : null}
                  </td>
                  {RACI_PARTIES.map((party) => {
                    const meta = cells[party];
                    return (
                      <td key={party}>
                        <select
                          className="form-select raci-select"
                          id={meta.id}
                          name={meta.name}
                          defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
                          aria-label={t("relationship.raci.cellLabel", { party: t(`relationship.raci.party.${party}`), activity: rowName })}
                        >
                          {RACI_CELLS.map((value) => (
                            <option key={value} value={value}>
                              {value || "–"}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="form-hint">{t("relationship.raci.legend")}</p>
        <button type="submit" name="intent" value="save" className="button button-primary">
          {t("relationship.raci.save")}
        </button>{" "}
        {resetLabel ? (
          <button type="submit" name="intent" value="reset" className="button button-secondary" formNoValidate>
            {resetLabel}
          </button>
        ) : null}
      </Form>
    </>
  );
}
