import type { FieldMetadata } from "@conform-to/react";
import { DATED_EVIDENCE_KINDS } from "#db/schema";
import { ChoiceGroup, SelectField, TextAreaField, TextField, yesNoChoices } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useTranslation } from "~/i18n/use-translation";

type F = FieldMetadata<string>;

/** A document's dates: the period it covers and when it expires (the renewal page asks only these). */
export function DocumentDateFields({ fields }: { fields: Record<"periodStart" | "periodEnd" | "expiresOn", F> }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <TextField meta={errors.field(fields.periodStart)} label={t("supervision.evidence.periodStart")} hint={t("supervision.dateHint")} type="date" required={false} className="input-width-s" />
      <TextField meta={errors.field(fields.periodEnd)} label={t("supervision.evidence.periodEnd")} hint={t("supervision.evidence.periodEndHint")} type="date" className="input-width-s" />
      <TextField meta={errors.field(fields.expiresOn)} label={t("supervision.evidence.expiresOn")} hint={t("supervision.evidence.expiresOnHint")} type="date" required={false} className="input-width-s" />
    </>
  );
}

/** The fields of an assurance report or other dated evidence; `supplier`: without staff's judgement of the scope. */
export function DatedEvidenceFields({
  fields,
  supplier = false,
}: {
  fields: Record<"kind" | "reportType" | "auditor" | "periodStart" | "periodEnd" | "scope" | "qualified" | "bridgeLetter" | "expiresOn" | "scopeCovers", F>;
  supplier?: boolean;
}) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <SelectField
        meta={errors.field(fields.kind)}
        label={t("supervision.evidence.kind")}
        placeholder={t("supervision.event.kindPlaceholder")}
        options={DATED_EVIDENCE_KINDS.map((kind) => ({ value: kind, label: t(`supervision.kind.${kind}`) }))}
      />
      <SelectField
        meta={errors.field(fields.reportType)}
        label={t("supervision.evidence.reportType")}
        hint={t("supervision.evidence.reportTypeHint")}
        required={false}
        placeholder="—"
        options={[
          { value: "type1", label: t("supervision.evidence.type1") },
          { value: "type2", label: t("supervision.evidence.type2") },
        ]}
      />
      <TextField meta={errors.field(fields.auditor)} label={t("supervision.evidence.auditor")} required={false} autoComplete="off" />
      <DocumentDateFields fields={fields} />
      <TextAreaField meta={errors.field(fields.scope)} label={t("supervision.evidence.scope")} required={false} rows={3} />
      <ChoiceGroup meta={errors.field(fields.qualified)} legend={t("supervision.evidence.qualified")} choices={yesNoChoices(t)} />
      <ChoiceGroup meta={errors.field(fields.bridgeLetter)} legend={t("supervision.evidence.bridgeLetter")} choices={yesNoChoices(t)} />
      {supplier ? null : (
        <SelectField
          meta={errors.field(fields.scopeCovers)}
          label={t("supervision.evidence.scopeCovers")}
          hint={t("supervision.evidence.scopeCoversHint")}
          required={false}
          placeholder={t("supervision.evidence.scopeUnmarked")}
          options={[
            { value: "yes", label: t("form.yes") },
            { value: "no", label: t("form.no") },
          ]}
        />
      )}
    </>
  );
}
