/**
 * Conform field metadata with its error keys translated, for the shared form components (which
 * show `meta.errors` as given). Zod messages in this product are message keys. A whole form's
 * errors go in `<FormErrorSummary form={form} />` (`./forms`).
 */
import type { FieldMetadata } from "@conform-to/react";
import { useMessage } from "~/components/forms";

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
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
