/**
 * One question on a theme page, in Det Fælles Designsystem's markup: a fieldset with a legend for
 * choices, a label for single inputs, the help text as a hint, errors linked by
 * aria-describedby, the comment and "not applicable" fields where the questionnaire allows them.
 * Inputs are controlled (the autosave state) and belong to the theme form through `form=`, so
 * the evidence forms beside them are not nested inside it.
 */
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import type { Content, Entry } from "./autosave";
import { requirementOf, type QuestionView } from "../view-types";

export function fieldName(questionId: string, part: string): string {
  return `q.${questionId}.${part}`;
}

export interface QuestionHandlers {
  change: (questionId: string, content: Partial<Content>, immediate: boolean) => void;
  keepMine: (questionId: string) => void;
  useTheirs: (questionId: string) => void;
}

/**
 * The values the supplier gave before the page's JavaScript took over (typed or chosen on a slow
 * connection): for each named field, its current values, or null when it still shows what the
 * server rendered. Before React hydrates a field, the DOM's defaults (`defaultValue`,
 * `defaultChecked`) are exactly the server-rendered ones; React overwrites the current values
 * while hydrating (a textarea's text, a radio group's choice), so this must run before that.
 */
function givenValues(name: string): string[] | null {
  const fields = Array.from(document.getElementsByName(name)).filter(
    (el): el is HTMLInputElement | HTMLTextAreaElement => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement,
  );
  const checkable = (el: HTMLInputElement | HTMLTextAreaElement): el is HTMLInputElement => el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");
  const changed = fields.some((el) => (checkable(el) ? el.checked !== el.defaultChecked : el.value !== el.defaultValue));
  if (!changed) return null;
  return fields.flatMap((el) => (checkable(el) ? (el.checked ? [el.value] : []) : [el.value]));
}

/** Input given on a server-rendered theme page before hydration, per question (only what changed). */
export function inputBeforeHydration(questions: Pick<QuestionView, "id" | "type" | "options">[]): Record<string, Partial<Content>> {
  const found: Record<string, Partial<Content>> = {};
  if (typeof document === "undefined") return found;
  for (const question of questions) {
    const given: Partial<Content> = {};
    const value = givenValues(fieldName(question.id, "value"));
    if (value) {
      given.value =
        question.type === "multiple_choice" ? question.options.map((o) => o.value).filter((v) => value.includes(v)) : (value[0] ?? "");
    }
    const comment = givenValues(fieldName(question.id, "comment"));
    if (comment) given.comment = comment[0] ?? "";
    const notApplicable = givenValues(fieldName(question.id, "na"));
    if (notApplicable) given.notApplicable = notApplicable.length > 0;
    const reason = givenValues(fieldName(question.id, "naReason"));
    if (reason) given.notApplicableReason = reason[0] ?? "";
    if (Object.keys(given).length > 0) found[question.id] = given;
  }
  return found;
}

function Errors({ id, messages }: { id: string; messages: string[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return null;
  return (
    <span className="form-error-message" id={id}>
      <span className="sr-only">{t("form.errorPrefix")} </span>
      {messages.join(" ")}
    </span>
  );
}

function describe(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(" ") : undefined;
}

export function QuestionField({
  question,
  entry,
  formId,
  handlers,
  hydrated,
  evidence,
}: {
  question: QuestionView;
  entry: Entry;
  formId: string;
  handlers: QuestionHandlers;
  hydrated: boolean;
  evidence: ReactNode;
}) {
  const { t, formatDateTime } = useTranslation();
  const base = `q-${question.id}`;
  const disabled = !question.editable || entry.notApplicable;
  const valueErrors = entry.errors.filter((e) => e.field === "value").map((e) => e.message);
  const commentErrors = entry.errors.filter((e) => e.field === "comment").map((e) => e.message);
  const reasonErrors = entry.errors.filter((e) => e.field === "notApplicableReason").map((e) => e.message);
  const hasValue = Array.isArray(entry.value) ? entry.value.length > 0 : entry.value !== "";
  const commentRequirement = requirementOf(question.commentRule, entry.value);
  const commentMissing = commentRequirement === "required" && hasValue && entry.comment.trim() === "" && !entry.notApplicable;
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;
  const immediate = true;
  const title = (
    <>
      {question.text}
      {question.required ? null : <span className="weight-normal"> {t("supplier.theme.optional")}</span>}
    </>
  );
  const hint = (
    <span className="form-hint" id={hintId}>
      {question.help}
      {question.type === "date" ? ` ${t("supplier.question.dateHint")}` : null}
      {question.evidenceDate ? ` ${t("supplier.question.evidenceDateHint", { label: question.evidenceDate })}` : null}
      {question.unit ? ` ${t("supplier.question.unit", { unit: question.unit })}` : null}
      {question.maxLength ? ` ${t("supplier.question.maxLength", { max: question.maxLength })}` : null}
    </span>
  );

  let field: ReactNode;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
    case "single_choice":
    case "multiple_choice": {
      const multiple = question.type === "multiple_choice";
      const chosen = new Set(Array.isArray(entry.value) ? entry.value : entry.value === "" ? [] : [entry.value]);
      field = (
        <fieldset aria-describedby={describe(hintId, valueErrors.length > 0 && errorId)} aria-invalid={valueErrors.length > 0 || undefined}>
          <legend className="form-label supplier-question-title" id={`${base}-title`}>
            {title}
          </legend>
          {hint}
          <Errors id={errorId} messages={valueErrors} />
          {question.options.map((option, index) => {
            const id = `${base}-opt-${index}`;
            return (
              <div key={option.value} className={multiple ? "form-group-checkbox" : "form-group-radio"}>
                <input
                  className={multiple ? "form-checkbox" : "form-radio"}
                  type={multiple ? "checkbox" : "radio"}
                  id={id}
                  form={formId}
                  name={fieldName(question.id, "value")}
                  value={option.value}
                  checked={chosen.has(option.value)}
                  disabled={disabled}
                  onChange={(event) => {
                    if (!multiple) handlers.change(question.id, { value: option.value }, immediate);
                    else {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(option.value);
                      else next.delete(option.value);
                      handlers.change(question.id, { value: question.options.map((o) => o.value).filter((v) => next.has(v)) }, immediate);
                    }
                  }}
                />
                <label htmlFor={id}>{option.label}</label>
              </div>
            );
          })}
        </fieldset>
      );
      break;
    }
    case "text":
      field = (
        <>
          <label className="form-label supplier-question-title" htmlFor={`${base}-value`} id={`${base}-title`}>
            {title}
          </label>
          {hint}
          <Errors id={errorId} messages={valueErrors} />
          <textarea
            className="form-input"
            id={`${base}-value`}
            form={formId}
            name={fieldName(question.id, "value")}
            rows={4}
            maxLength={question.maxLength ?? undefined}
            value={typeof entry.value === "string" ? entry.value : ""}
            disabled={disabled}
            aria-describedby={describe(hintId, valueErrors.length > 0 && errorId)}
            aria-invalid={valueErrors.length > 0 || undefined}
            onChange={(event) => handlers.change(question.id, { value: event.target.value }, false)}
          />
        </>
      );
      break;
    case "date":
    case "number":
      field = (
        <>
          <label className="form-label supplier-question-title" htmlFor={`${base}-value`} id={`${base}-title`}>
            {title}
          </label>
          {hint}
          <Errors id={errorId} messages={valueErrors} />
          <input
            className={`form-input ${question.type === "date" ? "input-width-s" : "input-width-xs"}`}
            type="text"
            inputMode={question.type === "number" ? "decimal" : undefined}
            autoComplete="off"
            id={`${base}-value`}
            form={formId}
            name={fieldName(question.id, "value")}
            value={typeof entry.value === "string" ? entry.value : ""}
            disabled={disabled}
            aria-describedby={describe(hintId, valueErrors.length > 0 && errorId)}
            aria-invalid={valueErrors.length > 0 || undefined}
            onChange={(event) => handlers.change(question.id, { value: event.target.value }, false)}
          />
        </>
      );
      break;
    case "evidence":
      field = (
        <>
          <p className="form-label supplier-question-title" id={`${base}-title`}>
            {title}
          </p>
          {hint}
          <Errors id={errorId} messages={valueErrors} />
        </>
      );
      break;
  }

  const conflict = entry.conflict;
  return (
    <div className={`supplier-question${valueErrors.length > 0 || commentErrors.length > 0 || reasonErrors.length > 0 ? " form-error" : ""}`}>
      {question.clarification ? (
        <div className="alert alert-info supplier-clarification" role="note">
          <div className="alert-body">
            <p className="alert-heading">{t("supplier.question.reviewerAsks")}</p>
            {question.clarification.messages.map((m) => (
              <p key={m.id} className="alert-text">
                <strong>{m.from === "staff" ? t("supplier.clarifications.reviewer") : t("supplier.clarifications.you")}:</strong> {m.body}
              </p>
            ))}
          </div>
        </div>
      ) : null}
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <div className="alert-body">
            <p className="alert-heading">{t("supplier.conflict.title")}</p>
            <p className="alert-text">{t("supplier.conflict.body", { time: formatDateTime(new Date(conflict.updatedAt)) })}</p>
            <dl className="supplier-conflict">
              <dt>{t("supplier.conflict.theirs")}</dt>
              <dd>{describeAnswer(question, conflict, t)}</dd>
              <dt>{t("supplier.conflict.mine")}</dt>
              <dd>{describeAnswer(question, entry, t)}</dd>
            </dl>
            <div className="supplier-actions">
              <button
                type="submit"
                form={formId}
                name="intent"
                value="save"
                className="button button-secondary"
                onClick={(event) => {
                  if (!hydrated) return;
                  event.preventDefault();
                  handlers.keepMine(question.id);
                }}
              >
                {t("supplier.conflict.keepMine")}
              </button>
              <button
                type="submit"
                form={formId}
                name="useSaved"
                value={question.id}
                className="button button-secondary"
                onClick={(event) => {
                  if (!hydrated) return;
                  event.preventDefault();
                  handlers.useTheirs(question.id);
                }}
              >
                {t("supplier.conflict.useTheirs")}
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <div className="form-group">{field}</div>
      {question.type !== "evidence" && commentRequirement !== "none" ? (
        <div className={`form-group${commentErrors.length > 0 || commentMissing ? " form-error" : ""}`}>
          <label className="form-label" htmlFor={`${base}-comment`}>
            {commentRequirement === "required" ? t("supplier.question.commentRequired") : `${t("supplier.question.comment")} ${t("supplier.theme.optional")}`}
          </label>
          {commentMissing ? (
            <span className="form-error-message" id={`${base}-comment-missing`}>
              <span className="sr-only">{t("form.errorPrefix")} </span>
              {t("supplier.question.commentMissing")}
            </span>
          ) : null}
          <Errors id={`${base}-comment-error`} messages={commentErrors} />
          <textarea
            className="form-input"
            id={`${base}-comment`}
            form={formId}
            name={fieldName(question.id, "comment")}
            rows={3}
            value={entry.comment}
            disabled={!question.editable}
            aria-describedby={describe(commentMissing && `${base}-comment-missing`, commentErrors.length > 0 && `${base}-comment-error`)}
            aria-invalid={commentErrors.length > 0 || undefined}
            onChange={(event) => handlers.change(question.id, { comment: event.target.value }, false)}
          />
        </div>
      ) : null}
      {question.allowNotApplicable ? (
        <div className={`form-group${reasonErrors.length > 0 ? " form-error" : ""}`}>
          <div className="form-group-checkbox">
            <input
              className="form-checkbox"
              type="checkbox"
              id={`${base}-na`}
              form={formId}
              name={fieldName(question.id, "na")}
              value="on"
              checked={entry.notApplicable}
              disabled={!question.editable}
              onChange={(event) => handlers.change(question.id, { notApplicable: event.target.checked }, event.target.checked === false || entry.notApplicableReason.trim() !== "")}
            />
            <label htmlFor={`${base}-na`}>{t("supplier.question.notApplicable")}</label>
          </div>
          {!hydrated || entry.notApplicable ? (
            <>
              <label className="form-label" htmlFor={`${base}-reason`}>
                {t("supplier.question.notApplicableReason")}
              </label>
              <Errors id={`${base}-reason-error`} messages={reasonErrors} />
              <textarea
                className="form-input"
                id={`${base}-reason`}
                form={formId}
                name={fieldName(question.id, "naReason")}
                rows={2}
                value={entry.notApplicableReason}
                disabled={!question.editable}
                aria-describedby={reasonErrors.length > 0 ? `${base}-reason-error` : undefined}
                aria-invalid={reasonErrors.length > 0 || undefined}
                onChange={(event) => handlers.change(question.id, { notApplicableReason: event.target.value }, false)}
              />
            </>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" form={formId} name={fieldName(question.id, "rev")} value={entry.revision} />
      <input type="hidden" form={formId} name={fieldName(question.id, "base")} value={entry.base} />
      {evidence}
    </div>
  );
}

export function describeAnswer(
  question: Pick<QuestionView, "options">,
  answer: { value: string | string[]; comment: string; notApplicable: boolean; notApplicableReason: string },
  t: ReturnType<typeof useTranslation>["t"],
): string {
  if (answer.notApplicable) return t("supplier.conflict.notApplicable", { reason: answer.notApplicableReason });
  const values = Array.isArray(answer.value) ? answer.value : answer.value === "" ? [] : [answer.value];
  const labels = values.map((v) => question.options.find((o) => o.value === v)?.label ?? v);
  const text = labels.length > 0 ? labels.join(", ") : t("supplier.conflict.noValue");
  return answer.comment ? `${text} — ${answer.comment}` : text;
}
