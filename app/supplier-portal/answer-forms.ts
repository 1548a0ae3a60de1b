/**
 * What a supplier may post, and how each answer is checked (shared by server and client; no
 * secrets, no database). The schemas list only the fields a supplier may set: anything else in
 * a request (`status=approved`, `orgId`, a score) is dropped before it reaches the domain code.
 * Error messages are message keys.
 */
import { z } from "zod";
import type { MessageKey } from "~/i18n/messages";
import type { AnswerValue } from "~/questionnaire/answer-types";
import type { Question } from "~/questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "~/questionnaire/questionnaire-schema";

export const COMMENT_MAX = 4000;
export const REASON_MAX = 1000;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100);
const text = (max: number) => z.string().max(max * 4).default("");

/** One answer as it leaves the page (autosave or the theme form, one question). */
export const AnswerFormSchema = z.object({
  questionId: slug,
  revision: z.coerce.number().int().min(0).max(1_000_000),
  value: z.union([z.string().max(100_000), z.array(z.string().max(200)).max(100)]).default(""),
  comment: text(COMMENT_MAX),
  notApplicable: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  notApplicableReason: text(REASON_MAX),
});
export type AnswerForm = z.infer<typeof AnswerFormSchema>;

export const AttestationFormSchema = z.object({
  name: z.string({ error: "supplier.validation.attestationName" }).trim().min(1, "supplier.validation.attestationName").max(200, "supplier.validation.tooLong200"),
  title: z.string({ error: "supplier.validation.attestationTitle" }).trim().min(1, "supplier.validation.attestationTitle").max(200, "supplier.validation.tooLong200"),
  confirm: z.literal("on", { error: "supplier.validation.attestationConfirm" }),
});

export const ClarificationReplyFormSchema = z.object({
  reply: z.record(slug, z.string().max(COMMENT_MAX * 4)).default({}),
});

export interface AnswerFieldError {
  field: "value" | "comment" | "notApplicableReason";
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface CleanAnswer {
  value: AnswerValue;
  comment: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
}

export type AnswerCheck = { ok: true; answer: CleanAnswer } | { ok: false; errors: AnswerFieldError[] };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "1.234,5" and "1234.5" both read as 1234.5; anything else is not a number. */
export function parseLocaleNumber(raw: string): number | null {
  const trimmed = raw.trim().replace(/\s|\u00a0/g, "");
  if (trimmed === "") return null;
  let normalised = trimmed;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(trimmed)) normalised = trimmed.replace(/\./g, "").replace(",", ".");
  else if (/^-?\d+,\d+$/.test(trimmed)) normalised = trimmed.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}

function clean(value: string): string | null {
  const trimmed = value.replace(/\r\n/g, "\n").trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Checks one posted answer against its question. Empty values are allowed (the question is then
 * unanswered); a value the type does not accept is an error and nothing is saved. Whether a
 * comment or evidence is required is not an error here: it is shown on the question and listed
 * on the submit summary, so a half-written answer can always be saved.
 */
export function checkAnswer(question: Question, form: Pick<AnswerForm, "value" | "comment" | "notApplicable" | "notApplicableReason">, today: string): AnswerCheck {
  const errors: AnswerFieldError[] = [];
  const comment = clean(form.comment);
  if (comment !== null && comment.length > COMMENT_MAX) errors.push({ field: "comment", key: "supplier.validation.tooLong", params: { max: COMMENT_MAX } });

  if (form.notApplicable) {
    const reason = clean(form.notApplicableReason);
    if (!question.allowNotApplicable) errors.push({ field: "value", key: "supplier.validation.notApplicableNotAllowed" });
    else if (reason === null) errors.push({ field: "notApplicableReason", key: "supplier.validation.notApplicableReason" });
    else if (reason.length > REASON_MAX) errors.push({ field: "notApplicableReason", key: "supplier.validation.tooLong", params: { max: REASON_MAX } });
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, answer: { value: null, comment, notApplicable: true, notApplicableReason: reason } };
  }

  let value: AnswerValue = null;
  const single = Array.isArray(form.value) ? (form.value.length === 1 ? form.value[0]! : form.value.length === 0 ? "" : null) : form.value;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
    case "single_choice": {
      const allowed = fixedAnswerValues(question)!;
      if (single === null) errors.push({ field: "value", key: "supplier.validation.choice" });
      else if (single !== "") {
        if (allowed.includes(single)) value = single;
        else errors.push({ field: "value", key: "supplier.validation.choice" });
      }
      break;
    }
    case "multiple_choice": {
      const chosen = (Array.isArray(form.value) ? form.value : form.value === "" ? [] : [form.value]).filter((v) => v !== "");
      const allowed = new Set(question.options.map((o) => o.value));
      const unique = [...new Set(chosen)];
      if (unique.some((v) => !allowed.has(v))) errors.push({ field: "value", key: "supplier.validation.choice" });
      else {
        const exclusive = question.options.find((o) => o.exclusive && unique.includes(o.value));
        if (exclusive && unique.length > 1) errors.push({ field: "value", key: "supplier.validation.exclusive" });
        else value = unique.length > 0 ? question.options.map((o) => o.value).filter((v) => unique.includes(v)) : null;
      }
      break;
    }
    case "text": {
      if (single === null) errors.push({ field: "value", key: "supplier.validation.text" });
      else {
        const cleaned = clean(single);
        if (cleaned !== null && cleaned.length > question.maxLength) {
          errors.push({ field: "value", key: "supplier.validation.tooLong", params: { max: question.maxLength } });
        } else value = cleaned;
      }
      break;
    }
    case "date": {
      const raw = single === null ? null : single.trim();
      if (raw === null) errors.push({ field: "value", key: "supplier.validation.date" });
      else if (raw !== "") {
        if (!isValidIsoDate(raw)) errors.push({ field: "value", key: "supplier.validation.date" });
        else if (question.evidenceDate?.kind === "performed-on" && raw > today) {
          errors.push({ field: "value", key: "supplier.validation.dateInFuture" });
        } else value = raw;
      }
      break;
    }
    case "number": {
      const parsed = single === null ? Number.NaN : parseLocaleNumber(single);
      if (parsed === null) break;
      if (!Number.isFinite(parsed)) errors.push({ field: "value", key: "supplier.validation.number" });
      else if (question.min !== undefined && parsed < question.min) errors.push({ field: "value", key: "supplier.validation.numberMin", params: { min: question.min } });
      else if (question.max !== undefined && parsed > question.max) errors.push({ field: "value", key: "supplier.validation.numberMax", params: { max: question.max } });
      else value = parsed;
      break;
    }
    case "evidence":
      value = null;
      break;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answer: { value, comment, notApplicable: false, notApplicableReason: null } };
}

/** The stored value as the form shows it. */
export function valueForForm(value: AnswerValue): string | string[] {
  if (value === null) return "";
  if (Array.isArray(value)) return value;
  return String(value);
}

/** Whether two answers say the same (a repeated save of identical content is not a conflict). */
export function sameAnswer(a: CleanAnswer, b: CleanAnswer): boolean {
  return (
    JSON.stringify(a.value) === JSON.stringify(b.value) &&
    (a.comment ?? null) === (b.comment ?? null) &&
    a.notApplicable === b.notApplicable &&
    (a.notApplicableReason ?? null) === (b.notApplicableReason ?? null)
  );
}

/** A short fingerprint of an answer as rendered, so a form post can tell "unchanged" from "changed" (FNV-1a, 32 bit). */
export function answerFingerprint(answer: CleanAnswer): string {
  const text = JSON.stringify([answer.value, answer.comment ?? null, answer.notApplicable, answer.notApplicableReason ?? null]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
