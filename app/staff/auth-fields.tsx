/**
 * The password and code fields of the staff sign-in, invitation, setup, reset and account forms,
 * with the autocomplete hints password managers and authenticator apps go by.
 */
import type { FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes } from "react";
import { TextField } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useTranslation } from "~/i18n/use-translation";

type AnyField = FieldMetadata<any, any, any>;

/** The password the user has now (sign-in, re-authentication, changing it). */
export function CurrentPasswordField({ meta, label }: { meta: AnyField; label?: string }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return <TextField meta={errors.field(meta)} label={label ?? t("staff.field.password")} type="password" autoComplete="current-password" />;
}

/**
 * A new password and the same again. The password rules show as the first field's hint unless
 * `rulesHint` is false (where the page says them already).
 */
export function NewPasswordFields({ fields, rulesHint = true }: { fields: { password: AnyField; confirmPassword: AnyField }; rulesHint?: boolean }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <>
      <TextField
        meta={errors.field(fields.password)}
        label={t("staff.field.newPassword")}
        hint={rulesHint ? t("staff.password.rules") : undefined}
        type="password"
        autoComplete="new-password"
      />
      <TextField meta={errors.field(fields.confirmPassword)} label={t("staff.field.confirmPassword")} type="password" autoComplete="new-password" />
    </>
  );
}

/** A code from the authenticator app, or a recovery code. */
export function OneTimeCodeField({ meta, ...input }: { meta: AnyField } & Pick<InputHTMLAttributes<HTMLInputElement>, "inputMode">) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  return (
    <TextField
      meta={errors.field(meta)}
      label={t("staff.twoFactor.code")}
      hint={t("staff.twoFactor.codeHint")}
      autoComplete="one-time-code"
      className="input-width-s"
      {...input}
    />
  );
}
