/**
 * Conform field metadata with its error keys translated, for the shared form components (which
 * show `meta.errors` as given). Zod messages in this product are message keys.
 */
import type { FieldMetadata } from "@conform-to/react";
import { summaryErrors, useMessage, type SummaryError } from "~/components/forms";

type AnyField = FieldMetadata<any, any, any>;

export function useFieldErrors() {
  const translate = useMessage();
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
     * Every field error of a Conform form, linked to its field, translated. Pass Conform's form
     * metadata (it knows every error, nested ones too), not its `fields` object: that is a Proxy
     * whose keys cannot be listed, so it yields nothing.
     */
    summary: (form: { id: string; allErrors: Record<string, string[]> }): SummaryError[] =>
      summaryErrors(form).map((error) => ({ ...error, message: translate(error.message) })),
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
