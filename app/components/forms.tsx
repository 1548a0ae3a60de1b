/**
 * Form building blocks in Det Fælles Designsystem's markup (form-group, form-label, form-hint,
 * form-error-message, form-radio/checkbox, alert-error error summary), for use with Conform.
 * Pass Conform's field metadata as `meta`; ids, names, aria-invalid and aria-describedby follow.
 */
import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { isMessageKey, type Translator } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";

type AnyField = FieldMetadata<any, any, any>;

function describedBy(meta: AnyField, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Label({ meta, label, required }: { meta: AnyField; label: ReactNode; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="form-label" htmlFor={meta.id}>
      {label}
      {required === false ? <span className="weight-normal"> {t("form.optional")}</span> : null}
    </label>
  );
}

/** Zod messages in this product are message keys; anything else is shown as it is. */
export function useMessage() {
  const { t } = useTranslation();
  return (message: string) => (isMessageKey(message) ? t(message) : message);
}

export function FieldErrors({ meta }: { meta: AnyField }) {
  const { t } = useTranslation();
  const message = useMessage();
  if (!meta.errors?.length) return null;
  return (
    <span className="form-error-message" id={meta.errorId}>
      <span className="sr-only">{t("form.errorPrefix")} </span>
      {meta.errors.map(message).join(". ")}
    </span>
  );
}

function Hint({ meta, hint }: { meta: AnyField; hint?: ReactNode }) {
  return hint ? (
    <span className="form-hint" id={`${meta.id}-hint`}>
      {hint}
    </span>
  ) : null;
}

interface FieldProps {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown as "(optional)" when false; required fields are the norm. */
  required?: boolean;
}

export function TextField({
  meta,
  label,
  hint,
  required,
  type = "text",
  className = "input-width-l",
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "required">) {
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
      <input
        className={`form-input ${className}`}
        type={type}
        id={meta.id}
        name={meta.name}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : undefined}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...input}
      />
    </div>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  required,
  rows = 5,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "required">) {
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
      <textarea
        className="form-input"
        id={meta.id}
        name={meta.name}
        rows={rows}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : undefined}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...textarea}
      />
    </div>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function SelectField({
  meta,
  label,
  hint,
  required,
  options,
  placeholder,
  ...select
}: FieldProps & { options: Choice[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "required">) {
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
      <select
        className="form-select"
        id={meta.id}
        name={meta.name}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The yes/no choices of a ChoiceGroup, in the reader's language. */
export function yesNoChoices(t: Translator): Choice[] {
  return [
    { value: "yes", label: t("form.yes") },
    { value: "no", label: t("form.no") },
  ];
}

/** A fieldset of radio buttons or checkboxes with a legend, as dkfds prescribes for groups. */
export function ChoiceGroup({
  meta,
  legend,
  hint,
  required,
  choices,
  multiple = false,
  disabled,
}: { meta: AnyField; legend: ReactNode; hint?: ReactNode; required?: boolean; choices: Choice[]; multiple?: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  const initial = meta.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial.map(String) : initial != null ? [String(initial)] : []);
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy(meta, hint)} aria-invalid={meta.errors?.length ? true : undefined}>
        <legend className="form-label">
          {legend}
          {required === false ? <span className="weight-normal"> {t("form.optional")}</span> : null}
        </legend>
        <Hint meta={meta} hint={hint} />
        <FieldErrors meta={meta} />
        {choices.map((choice, index) => {
          const id = `${meta.id}-${index}`;
          return (
            <div key={choice.value} className={multiple ? "form-group-checkbox" : "form-group-radio"}>
              <input
                className={multiple ? "form-checkbox" : "form-radio"}
                type={multiple ? "checkbox" : "radio"}
                id={id}
                name={meta.name}
                value={choice.value}
                defaultChecked={selected.has(choice.value)}
                disabled={disabled}
                aria-describedby={choice.hint ? `${id}-hint` : undefined}
              />
              <label htmlFor={id}>{choice.label}</label>
              {choice.hint ? (
                <span className="form-hint" id={`${id}-hint`}>
                  {choice.hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export interface SummaryError {
  /** The id of the field to jump to. */
  fieldId: string;
  message: string;
}

/**
 * The error summary at the top of a form (dkfds alert-error): lists every error with a link to
 * its field and takes focus when it appears, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ errors, formErrors = [] }: { errors: SummaryError[]; formErrors?: string[] }) {
  const { t } = useTranslation();
  const message = useMessage();
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length + formErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div className="alert alert-error" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <div className="alert-body">
        <p className="alert-heading" id="error-summary-title">
          {t("form.errorSummary.title")}
        </p>
        <ul className="alert-text nobullet-list">
          {formErrors.map((text) => (
            <li key={text}>{message(text)}</li>
          ))}
          {errors.map((error) => (
            <li key={`${error.fieldId}:${error.message}`}>
              <a href={`#${error.fieldId}`}>{message(error.message)}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * The summary entries of a Conform form: every field error (nested ones too), linked to its
 * field. Pass the form metadata, not `fields`: Conform's `fields` is a Proxy whose keys cannot be
 * listed. Messages stay keys; ErrorSummary translates them.
 */
export function summaryErrors(form: { id: string; allErrors: Record<string, string[]> }): SummaryError[] {
  return Object.entries(form.allErrors)
    .filter(([name]) => name !== "")
    .flatMap(([name, messages]) => messages.map((message) => ({ fieldId: `${form.id}-${name}`, message })));
}

/**
 * The error summary of a Conform form (pass `form`, not `fields`): its form-level errors, then every
 * field error linked to its field.
 */
export function FormErrorSummary({ form }: { form: { id: string; allErrors: Record<string, string[]>; errors?: string[] } }) {
  return <ErrorSummary errors={summaryErrors(form)} formErrors={form.errors} />;
}

export function Alert({ kind, heading, children }: { kind: "success" | "info" | "warning" | "error"; heading?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      <div className="alert-body">
        {heading ? <p className="alert-heading">{heading}</p> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}
