import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

/** Reminders to a supplier contact: some days after sending, some days before the due date, on the due date. */
export type ReminderKind = "after-send" | "before-due" | "due-today";

export function assessmentReminderEmail(input: {
  locale: Locale;
  reminder: ReminderKind;
  contactName: string;
  organisationName: string;
  dueDate: string;
  url: string | null;
}) {
  const t = getTranslator(input.locale);
  const date = formatDate(input.dueDate, input.locale);
  const subject =
    input.reminder === "due-today"
      ? t("staff.email.reminder.subjectDueToday", { organisation: input.organisationName })
      : t("staff.email.reminder.subject", { organisation: input.organisationName });
  const body =
    input.reminder === "after-send"
      ? t("staff.email.reminder.afterSend", { organisation: input.organisationName, date })
      : input.reminder === "before-due"
        ? t("staff.email.reminder.beforeDue", { organisation: input.organisationName, date })
        : t("staff.email.reminder.dueToday", { organisation: input.organisationName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.contactName }),
      body,
      input.url ? t("staff.email.reminder.newLink") : t("staff.email.reminder.useEarlierLink", { organisation: input.organisationName }),
    ],
    action: input.url ? { label: t("staff.email.supplierInvitation.action"), url: input.url } : undefined,
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: `reminder-${input.reminder}` };
}
