/**
 * Conform field metadata with its error keys translated, for the shared form components (which
 * show `meta.errors` as given). Zod messages in this product are message keys.
 */
import type { FieldMetadata } from "@conform-to/react";
import { summaryErrors } from "~/components/forms";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";

type AnyField = FieldMetadata<any, any, any>;

export function useFieldErrors() {
  const { t } = useTranslation();
  const translate = (message: string) => (isMessageKey(message) ? t(message) : message);
  const field = (meta: AnyField): AnyField =>
    ({
      id: meta.id,
      name: meta.name,
      errorId: meta.errorId,
      descriptionId: meta.descriptionId,
      initialValue: meta.initialValue,
      errors: meta.errors?.map(translate),
    }) as unknown as AnyField;
  return {
    field,
    translate,
    summary: (fields: Record<string, AnyField>) =>
      summaryErrors(Object.fromEntries(Object.entries(fields).map(([name, meta]) => [name, field(meta)]))),
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
