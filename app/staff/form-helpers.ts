/**
 * Conform field metadata with its error keys translated, for the shared form components (which
 * show `meta.errors` as given). Zod messages in this product are message keys.
 */
import type { FieldMetadata } from "@conform-to/react";
import { summaryErrors, type SummaryError } from "~/components/forms";
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
    /**
     * Every field error, linked to its field, translated. Pass Conform's form metadata (it knows
     * every error, nested ones too). A plain record of field metadata also works, but not Conform's
     * `fields` object itself: it is a Proxy whose keys cannot be listed, so it yields nothing.
     */
    /** Every field error of a Conform form (pass `form`, not `fields`), linked to its field, translated. */
    summary: (form: { id: string; allErrors: Record<string, string[]> }): SummaryError[] =>
      summaryErrors(form).map((error) => ({ ...error, message: translate(error.message) })),
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
