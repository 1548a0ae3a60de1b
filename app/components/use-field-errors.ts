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
  // Read on use: every read of Conform's metadata builds proxies and records a subscription, and
  // most fields are only asked for their errors (none) — a page with a hundred forms felt it.
  const field = (meta: AnyField): AnyField => {
    let errors: string[] | undefined;
    let translated = false;
    return {
      get id() {
        return meta.id;
      },
      get name() {
        return meta.name;
      },
      get errorId() {
        return meta.errorId;
      },
      get descriptionId() {
        return meta.descriptionId;
      },
      get initialValue() {
        return meta.initialValue;
      },
      get errors() {
        if (!translated) {
          errors = meta.errors?.map(translate);
          translated = true;
        }
        return errors;
      },
    } as unknown as AnyField;
  };
  return {
    field,
    translate,
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
