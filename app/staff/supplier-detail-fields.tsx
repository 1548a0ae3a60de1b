import type { FieldMetadata } from "@conform-to/react";
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { countryOptions } from "./countries";
import { useFieldErrors } from "~/components/use-field-errors";

type AnyField = FieldMetadata<any, any, any>;

/** Name, CVR, country, services, internal owner and notes: shared by the create and edit forms. */
export function SupplierDetailFields({ fields, owners }: { fields: Record<string, AnyField>; owners: { value: string; label: string }[] }) {
  const { t, locale } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <TextField meta={errors.field(fields.name!)} label={t("staff.supplier.name")} autoComplete="organization" />
      <TextField
        meta={errors.field(fields.cvr!)}
        label={t("staff.supplier.cvr")}
        hint={t("staff.supplier.cvrHint")}
        required={false}
        inputMode="numeric"
        className="input-width-s"
      />
      <SelectField meta={errors.field(fields.country!)} label={t("staff.supplier.country")} options={countryOptions(locale)} placeholder={t("staff.choose")} />
      <TextAreaField meta={errors.field(fields.services!)} label={t("staff.supplier.services")} hint={t("staff.supplier.servicesHint")} required={false} rows={3} />
      <SelectField
        meta={errors.field(fields.ownerUserId!)}
        label={t("staff.supplier.owner")}
        hint={t("staff.supplier.ownerHint")}
        required={false}
        options={owners}
        placeholder={t("staff.supplier.noOwner")}
      />
      <TextAreaField meta={errors.field(fields.notes!)} label={t("staff.supplier.notes")} required={false} rows={4} />
    </>
  );
}

/** A supplier contact's name, email, phone, role and language: shared by the create, add and edit forms. */
export function ContactFields({ fields }: { fields: { name: AnyField; email: AnyField; phone: AnyField; role: AnyField; locale: AnyField } }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <TextField meta={errors.field(fields.name)} label={t("staff.contacts.name")} autoComplete="off" />
      <TextField meta={errors.field(fields.email)} label={t("staff.contacts.email")} type="email" autoComplete="off" />
      <TextField meta={errors.field(fields.phone)} label={t("staff.contacts.phone")} required={false} type="tel" autoComplete="off" />
      <TextField meta={errors.field(fields.role)} label={t("staff.contacts.role")} required={false} autoComplete="off" />
      <LocaleSelect meta={fields.locale} label={t("staff.contacts.locale")} />
    </>
  );
}

export function LocaleSelect({ meta, label }: { meta: AnyField; label: string }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <SelectField
      meta={errors.field(meta)}
      label={label}
      options={[
        { value: "da", label: t("staff.locale.da") },
        { value: "en", label: t("staff.locale.en") },
      ]}
    />
  );
}
