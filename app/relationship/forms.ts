/**
 * Forms of the supplier relationship (RACI, sub-suppliers, contract review, offboarding). Shared
 * by browser and server; messages are i18n keys.
 */
import { z } from "zod";
import { RECORD_ID } from "~/http/record-id";
import { isoDateField, SubSupplierFieldsSchema } from "~/staff/supplier-forms";
import { AGREEMENT_CONTAINS, CLAUSE_IDS, REVIEW_CHECKLIST, REVIEW_OUTCOMES, type ReviewChecklistItem } from "./contract-review";
import { OFFBOARDING_CHECKLIST } from "./offboarding";
import { MAX_ACTIVITY_LENGTH, RACI_PARTIES, type RaciCell, type RaciRow } from "./raci";

const choice = { error: "validation.invalidChoice" } as const;
const cell = z.enum(["R", "A", "A/R", "C", "I"], choice).optional();

const RaciRowSchema = z.object({
  activity: z.string().trim().max(MAX_ACTIVITY_LENGTH, "relationship.validation.textTooLong").optional(),
  itLead: cell,
  supplier: cell,
  customer: cell,
  partner: cell,
});

/** The matrix editor: existing rows plus blank ones; a row whose activity is left empty is removed (unless it has letters). */
export const RaciFormSchema = z
  .object({
    intent: z.enum(["save", "reset"], choice).optional(),
    rows: z.array(RaciRowSchema).max(40, "relationship.validation.tooMany").optional(),
  })
  .superRefine((value, ctx) => {
    (value.rows ?? []).forEach((row, index) => {
      if (!row.activity && RACI_PARTIES.some((party) => row[party])) {
        ctx.addIssue({ code: "custom", path: ["rows", index, "activity"], message: "relationship.raci.activityRequired" });
      }
    });
  });

export function toRaciRows(value: z.infer<typeof RaciFormSchema>): RaciRow[] {
  return (value.rows ?? [])
    .filter((row) => row.activity)
    .map((row) => ({
      activity: row.activity!,
      itLead: (row.itLead ?? "") as RaciCell,
      supplier: (row.supplier ?? "") as RaciCell,
      customer: (row.customer ?? "") as RaciCell,
      partner: (row.partner ?? "") as RaciCell,
    }));
}

/** Confirming one sub-supplier proposed from the answers: staff may correct what the parsing read. */
export const SubSupplierConfirmFormSchema = SubSupplierFieldsSchema.extend({
  assessmentId: z.string({ error: "validation.required" }).regex(RECORD_ID, "validation.invalidChoice"),
  sourceText: z.string().max(500, "relationship.validation.textTooLong").optional(),
  proposal: z.string().regex(/^\d{1,2}$/, "validation.invalidChoice"),
});

const required = { error: "validation.required" } as const;

/** The yearly agreement review: checklist, what the agreement contains per clause, outcome, next date. */
export const ContractReviewFormSchema = z.object({
  checklist: z.object(Object.fromEntries(REVIEW_CHECKLIST.map((item) => [item, z.enum(["yes", "no"], required)])) as Record<ReviewChecklistItem, z.ZodEnum<{ yes: "yes"; no: "no" }>>, required),
  clauses: z.object(Object.fromEntries(CLAUSE_IDS.map((clause) => [clause, z.enum(AGREEMENT_CONTAINS, required)])) as Record<string, z.ZodEnum<{ yes: "yes"; partly: "partly"; no: "no" }>>, required),
  outcome: z.enum(REVIEW_OUTCOMES, required),
  nextDueOn: isoDateField,
  notes: z.string().trim().max(4000, "relationship.validation.textTooLong").optional(),
  documentId: z.string().regex(RECORD_ID, "validation.invalidChoice").optional(),
});

/** The offboarding page's forms, told apart by intent. */
export const OffboardingFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start") }),
    z.object({
      intent: z.literal("checklist"),
      done: z.array(z.enum(OFFBOARDING_CHECKLIST, choice)).max(OFFBOARDING_CHECKLIST.length).optional(),
      notes: z.string().trim().max(4000, "relationship.validation.textTooLong").optional(),
    }),
    z.object({ intent: z.literal("request"), contactId: z.string(required).regex(RECORD_ID, "validation.invalidChoice") }),
    z.object({ intent: z.literal("complete") }),
    z.object({ intent: z.literal("reactivate") }),
  ],
  { error: "validation.invalidChoice" },
);
