import { z } from "zod";
import { RECORD_ID } from "~/http/record-id";

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;

/** The comparison's selection (GET): two to six assessment ids, each a record id. Messages are i18n keys. */
export const CompareQuerySchema = z.object({
  a: z
    .array(z.string().regex(RECORD_ID, "reports.compare.error.invalid"))
    .min(COMPARE_MIN, "reports.compare.error.tooFew")
    .max(COMPARE_MAX, "reports.compare.error.tooMany")
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.string()).min(COMPARE_MIN, "reports.compare.error.tooFew")),
});
