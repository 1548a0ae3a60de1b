import { z } from "zod";
import { MAX_REASSESSMENT_MONTHS } from "~/suppliers/tiering";

const dayList = z
  .string()
  .trim()
  .max(100, "staff.validation.textTooLong")
  .regex(/^(\d{1,3}(\s*,\s*\d{1,3})*)?$/, "staff.settings.dayListFormat")
  .transform((value) =>
    value === ""
      ? []
      : [...new Set(value.split(",").map((v) => Number(v.trim())))].sort((a, b) => a - b),
  )
  .pipe(z.array(z.number().int().min(1, "staff.settings.dayRange").max(365, "staff.settings.dayRange")).max(10, "staff.validation.tooMany"));

const months = (tier: keyof typeof MAX_REASSESSMENT_MONTHS) =>
  z
    .number({ error: "validation.number" })
    .int("staff.validation.wholeNumber")
    .min(1, "staff.settings.monthsRange")
    .max(MAX_REASSESSMENT_MONTHS[tier], "staff.settings.monthsTooLong")
    .optional();

export const SettingsFormSchema = z.object({
  defaultLocale: z.enum(["da", "en"], "validation.invalidChoice"),
  daysAfterSend: dayList.optional().transform((v) => v ?? []),
  daysBeforeDue: dayList.optional().transform((v) => v ?? []),
  onDueDate: z.enum(["on"]).optional().transform((v) => v === "on"),
  escalateAfterDays: z.number({ error: "validation.number" }).int("staff.validation.wholeNumber").min(0, "staff.validation.notNegative").max(90, "staff.settings.escalateRange"),
  months_critical: months("critical"),
  months_high: months("high"),
  months_medium: months("medium"),
  months_low: months("low"),
  questionnaire_critical: z.string().max(100).optional(),
  questionnaire_high: z.string().max(100).optional(),
  questionnaire_medium: z.string().max(100).optional(),
  questionnaire_low: z.string().max(100).optional(),
  requireTwoFactorForAll: z.enum(["on"]).optional().transform((v) => v === "on"),
});
export type SettingsFormValue = z.infer<typeof SettingsFormSchema>;
