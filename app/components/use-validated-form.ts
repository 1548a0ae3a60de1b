/**
 * Conform's `useForm` as every form in this product sets it up: validated in the browser with the
 * same zod schema the server parses with, first on submit and then again on every input. Not on
 * blur: that shows errors (and moves the buttons below them) while a user or Playwright is about
 * to click.
 */
import { useForm, type DefaultValue, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export interface ValidatedFormOptions<Fields> {
  /** The form's id; give one where a page has more than one form. */
  id?: string;
  defaultValue?: DefaultValue<Fields>;
}

/**
 * `const [form, fields] = useValidatedForm(XFormSchema, actionData?.result, { id, defaultValue })`.
 * `Fields` is the shape the fields are typed by; it is the schema's input unless given (a
 * discriminated union's input only has the keys its members share).
 */
export function useValidatedForm<Schema extends z.ZodType<unknown, Record<string, any>>, Fields extends Record<string, any> = z.input<Schema>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  options: ValidatedFormOptions<NoInfer<Fields>> = {},
) {
  return useForm<Fields, z.output<Schema>>({
    ...options,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as unknown as Submission<Fields, string[], z.output<Schema>>,
  });
}
