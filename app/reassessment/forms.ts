/** Form schemas for reassessment (shared by client and server). Error messages are message keys. */
import { z } from "zod";

/** Staff: start a reassessment by hand (the supplier is in the URL). */
export const StartReassessmentFormSchema = z.object({
  intent: z.literal("start-reassessment", "validation.invalidChoice"),
});

/**
 * Supplier: confirm a whole theme unchanged. `rev.<questionId>` carries the revision of each
 * carried-forward answer as the page showed it, so a change made since (in another tab, by a
 * colleague) is not confirmed unseen.
 */
export const ConfirmUnchangedFormSchema = z.object({
  themeId: z.string("reassessment.unchanged.unknownTheme").trim().min(1, "reassessment.unchanged.unknownTheme").max(100, "reassessment.unchanged.unknownTheme"),
  rev: z.record(z.string().max(100), z.coerce.number("reassessment.unchanged.stale").int("reassessment.unchanged.stale").min(1, "reassessment.unchanged.stale")).default({}),
});
export type ConfirmUnchangedForm = z.infer<typeof ConfirmUnchangedFormSchema>;
