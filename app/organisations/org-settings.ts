import { z } from "zod";
import type { OrgSettings } from "#db/schema";

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  defaultLocale: "da",
  reminders: { daysAfterSend: [7], daysBeforeDue: [3], onDueDate: true, escalateAfterDays: 3 },
  reassessmentMonths: {},
  questionnaireByTier: {},
  requireTwoFactorForAll: false,
};

const dayList = z.array(z.number().int().min(0).max(365)).max(10);

export const OrgSettingsSchema = z.object({
  defaultLocale: z.enum(["da", "en"]),
  reminders: z.object({
    daysAfterSend: dayList,
    daysBeforeDue: dayList,
    onDueDate: z.boolean(),
    escalateAfterDays: z.number().int().min(0).max(90),
  }),
  reassessmentMonths: z.partialRecord(z.enum(["critical", "high", "medium", "low"]), z.number().int().min(1).max(36)),
  questionnaireByTier: z.partialRecord(z.enum(["critical", "high", "medium", "low"]), z.string()),
  requireTwoFactorForAll: z.boolean(),
}) satisfies z.ZodType<OrgSettings>;
