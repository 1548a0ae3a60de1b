/**
 * The organisation's settings (admin only): reminder cadence, reassessment intervals (which may
 * only shorten the tier's maximum), default language, questionnaire per tier, two-factor for all.
 */
import { getDb, type Db } from "#db/client";
import { updateOrganisationSettings } from "#db/repos/organisations";
import type { OrgSettings } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { invalidateAllStaffSessions, type StaffContext } from "~/auth/staff-session.server";
import { listOrgUsers } from "#db/repos/users";
import { getLatestQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import type { SettingsFormValue } from "~/staff/settings-forms";
import { TIERS, type Tier } from "~/suppliers/tiering";

export function settingsFormDefaults(settings: OrgSettings): Record<string, string> {
  const values: Record<string, string> = {
    defaultLocale: settings.defaultLocale,
    daysAfterSend: settings.reminders.daysAfterSend.join(", "),
    daysBeforeDue: settings.reminders.daysBeforeDue.join(", "),
    escalateAfterDays: String(settings.reminders.escalateAfterDays),
  };
  if (settings.reminders.onDueDate) values.onDueDate = "on";
  if (settings.requireTwoFactorForAll) values.requireTwoFactorForAll = "on";
  for (const tier of TIERS) {
    const months = settings.reassessmentMonths[tier];
    if (months !== undefined) values[`months_${tier}`] = String(months);
    const questionnaire = settings.questionnaireByTier[tier];
    if (questionnaire) values[`questionnaire_${tier}`] = questionnaire;
  }
  return values;
}

export function saveSettings(
  context: StaffContext,
  value: SettingsFormValue,
  ip: string,
  options: { db?: Db; now?: Date } = {},
): { kind: "ok" } | { kind: "field"; field: string; message: string } {
  const db = options.db ?? getDb();
  const reassessmentMonths: Partial<Record<Tier, number>> = {};
  const questionnaireByTier: Partial<Record<Tier, string>> = {};
  for (const tier of TIERS) {
    const months = value[`months_${tier}`];
    if (months !== undefined) reassessmentMonths[tier] = months;
    const questionnaire = value[`questionnaire_${tier}`];
    if (questionnaire) {
      if (!getLatestQuestionnaireEntry(questionnaire)) return { kind: "field", field: `questionnaire_${tier}`, message: "validation.invalidChoice" };
      questionnaireByTier[tier] = questionnaire;
    }
  }
  // Checked by SettingsFormSchema. (OrgSettingsSchema is not used: in zod 4 a z.record over an
  // enum demands every key, so it refuses the partial per-tier maps the settings hold.)
  const settings: OrgSettings = {
    ...context.organisation.settings,
    defaultLocale: value.defaultLocale,
    reminders: {
      daysAfterSend: value.daysAfterSend,
      daysBeforeDue: value.daysBeforeDue,
      onDueDate: value.onDueDate,
      escalateAfterDays: value.escalateAfterDays,
    },
    reassessmentMonths,
    questionnaireByTier,
    requireTwoFactorForAll: value.requireTwoFactorForAll,
  };
  updateOrganisationSettings(db, context.organisation.id, settings);
  // Turning on two-factor for all: whoever has none is signed out, and the next sign-in makes
  // them enrol before anything else (requireStaff refuses a session without the second factor).
  let sessionsEnded = 0;
  if (settings.requireTwoFactorForAll && !context.organisation.settings.requireTwoFactorForAll) {
    for (const user of listOrgUsers(db, context.organisation.id)) {
      if (!user.totpSecret && user.id !== context.user.id) sessionsEnded += invalidateAllStaffSessions(user.id, { db });
    }
  }
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "organisation.settings.updated",
      target: { type: "organisation", id: context.organisation.id },
      ip,
      details: { before: context.organisation.settings, after: settings, sessionsEnded },
      at: options.now,
    },
    db,
  );
  return { kind: "ok" };
}
