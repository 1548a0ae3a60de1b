import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const OVERDUE_ESCALATION_KIND = "overdue-escalation";

/** To the supplier's internal owner when the questionnaire is overdue. */
export function overdueEscalationEmail(input: { locale: Locale; ownerName: string; supplierName: string; dueDate: string; url: string }) {
  const t = getTranslator(input.locale);
  const subject = t("staff.email.escalation.subject", { supplier: input.supplierName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.ownerName }),
      t("staff.email.escalation.body", { supplier: input.supplierName, date: formatDate(input.dueDate, input.locale) }),
    ],
    action: { label: t("staff.email.escalation.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: OVERDUE_ESCALATION_KIND };
}
