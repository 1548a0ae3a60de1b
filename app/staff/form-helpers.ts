/**
 * Conform field metadata with its error keys translated, for the shared form components (which
 * show `meta.errors` as given). Zod messages in this product are message keys.
 */
import type { FieldMetadata } from "@conform-to/react";
import type { SummaryError } from "~/components/forms";
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
    summary: (source: { id: string; allErrors: Record<string, string[]> } | Record<string, AnyField>): SummaryError[] => {
      // Conform's form metadata is a Proxy without a `has` trap: test by reading, not with `in`.
      if (typeof source.id === "string" && typeof (source as { allErrors?: unknown }).allErrors === "object") {
        const form = source as { id: string; allErrors: Record<string, string[]> };
        return Object.entries(form.allErrors)
          .filter(([name]) => name !== "")
          .flatMap(([name, messages]) => messages.map((message) => ({ fieldId: `${form.id}-${name}`, message: translate(message) })));
      }
      return Object.values(source as Record<string, AnyField>).flatMap((meta) =>
        (meta.errors ?? []).map((message: string) => ({ fieldId: meta.id, message: translate(message) })),
      );
    },
    formErrors: (errors: string[] | undefined) => (errors ?? []).map(translate),
  };
}
