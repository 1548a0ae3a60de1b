/**
 * Forms of the supplier relationship (RACI, sub-suppliers, contract review, offboarding). Shared
 * by browser and server; messages are i18n keys.
 */
import { z } from "zod";
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
