import type { FieldMetadata } from "@conform-to/react";
import { SUPPLIER_EVENT_KINDS } from "#db/schema";
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useTranslation } from "~/i18n/use-translation";

type Fields = { kind: FieldMetadata<string>; occurredOn: FieldMetadata<string>; description: FieldMetadata<string> };

/** Kind, date and description of an incident or change: the staff form and the supplier's report share them. */
export function EventFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <SelectField
        meta={errors.field(fields.kind)}
        label={t("supervision.event.kind")}
        placeholder={t("supervision.event.kindPlaceholder")}
        options={SUPPLIER_EVENT_KINDS.map((kind) => ({ value: kind, label: t(`supervision.event.kind.${kind}`) }))}
      />
      <TextField meta={errors.field(fields.occurredOn)} label={t("supervision.event.occurredOn")} hint={t("supervision.dateHint")} type="date" className="input-width-s" />
      <TextAreaField meta={errors.field(fields.description)} label={t("supervision.event.description")} hint={t("supervision.event.descriptionHint")} rows={5} />
    </>
  );
}
