/**
 * Forms for incidents and changes, the organisation's rule for them, and dated evidence
 * (assurance reports). Shared by browser and server; messages are i18n keys.
 */
import { z } from "zod";
import { DATED_EVIDENCE_KINDS, SUPPLIER_EVENT_KINDS } from "#db/schema";
import { isoDateField } from "~/staff/supplier-forms";
import { MAX_EVENT_RULE_DAYS } from "./event-rules";

const required = { error: "validation.required" } as const;
const choice = { error: "validation.invalidChoice" } as const;
const text = (max: number) => z.string(required).trim().min(1, "validation.required").max(max, "staff.validation.textTooLong");
const optionalText = (max: number) => z.string().trim().max(max, "staff.validation.textTooLong").optional();
const yesNo = z.enum(["yes", "no"], choice).transform((v) => v === "yes");

export const EventFieldsSchema = z.object({
  kind: z.enum(SUPPLIER_EVENT_KINDS, choice),
  occurredOn: isoDateField,
  description: text(4000),
});

export const EventFormSchema = EventFieldsSchema.extend({ intent: z.literal("record-event") });
export const ReportLinkFormSchema = z.object({ intent: z.enum(["issue-link", "revoke-link"], choice) });

/** The supplier's report in the portal: the session says who reports it. */
export const PortalReportFormSchema = EventFieldsSchema;

/** The supplier's report through its link: the same fields plus who reports it. */
export const ReportFormSchema = EventFieldsSchema.extend({ reporterName: text(200) });

const ruleDays = z.coerce
  .number({ error: "validation.number" })
  .int("validation.number")
  .min(0, "supervision.validation.ruleDays")
  .max(MAX_EVENT_RULE_DAYS, "supervision.validation.ruleDays");

/** Per kind: `action_<kind>` (move | reassess) and, for move, `days_<kind>`. */
export const EventRulesFormSchema = z
  .object(
    Object.fromEntries(
      SUPPLIER_EVENT_KINDS.flatMap((kind) => [
        [`action_${kind}`, z.enum(["move", "reassess"], choice)],
        [`days_${kind}`, ruleDays.optional()],
      ]),
    ) as Record<`action_${(typeof SUPPLIER_EVENT_KINDS)[number]}`, z.ZodEnum<{ move: "move"; reassess: "reassess" }>> &
      Record<`days_${(typeof SUPPLIER_EVENT_KINDS)[number]}`, z.ZodOptional<typeof ruleDays>>,
  )
  .superRefine((value, ctx) => {
    for (const kind of SUPPLIER_EVENT_KINDS) {
      if (value[`action_${kind}`] === "move" && value[`days_${kind}`] === undefined) {
        ctx.addIssue({ code: "custom", path: [`days_${kind}`], message: "supervision.validation.ruleDaysRequired" });
      }
    }
  });
export type EventRulesFormValue = z.output<typeof EventRulesFormSchema>;

const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), isoDateField.optional());

const datedEvidenceFields = {
  kind: z.enum(DATED_EVIDENCE_KINDS, choice),
  reportType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["type1", "type2"], choice).optional()),
  auditor: optionalText(200),
  periodStart: optionalDate,
  periodEnd: isoDateField,
  scope: optionalText(2000),
  qualified: yesNo,
  bridgeLetter: yesNo,
  expiresOn: optionalDate,
};

function checkDates(value: { kind: string; periodStart?: string; periodEnd: string; expiresOn?: string }, ctx: z.RefinementCtx) {
  if (value.periodStart && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "supervision.validation.periodEndBeforeStart" });
  }
  if (value.expiresOn && value.expiresOn < value.periodEnd) {
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "supervision.validation.expiryBeforePeriodEnd" });
  }
  if (!value.expiresOn && value.kind !== "pentest") {
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "supervision.validation.expiryRequired" });
  }
}

/** An assurance report or other dated evidence, entered by staff (who alone judge whether its scope covers the service). */
export const DatedEvidenceFormSchema = z
  .object({
    intent: z.literal("save-evidence"),
    ...datedEvidenceFields,
    scopeCovers: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["yes", "no"], choice).optional()),
  })
  .superRefine(checkDates);

/** The same, entered by the supplier in the portal beside the uploaded file: only the fields a supplier may set (SECURITY.md row 26). */
export const SupplierAssuranceFormSchema = z.object(datedEvidenceFields).superRefine(checkDates);
export type SupplierAssuranceFormValue = z.output<typeof SupplierAssuranceFormSchema>;

export type DatedEvidenceFormValue = z.output<typeof DatedEvidenceFormSchema>;

/** The scoped renewal page: the new document's dates (the file comes beside them). */
export const RenewalFieldsSchema = z
  .object({
    periodStart: optionalDate,
    periodEnd: isoDateField,
    expiresOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.periodStart && value.periodEnd < value.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "supervision.validation.periodEndBeforeStart" });
    }
    if (value.expiresOn && value.expiresOn < value.periodEnd) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "supervision.validation.expiryBeforePeriodEnd" });
    }
  });
