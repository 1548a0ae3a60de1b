import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const CONTRACT_REVIEW_REMINDER_KIND = "contract-review-reminder";

/** To the supplier's internal owner: the yearly agreement review (CFCS 5.5) is coming up or overdue. */
export function contractReviewReminderEmail(input: { locale: Locale; ownerName: string; supplierName: string; dueOn: string; overdue: boolean; url: string }) {
  const t = getTranslator(input.locale);
  const subject = t(input.overdue ? "relationship.email.review.subjectOverdue" : "relationship.email.review.subject", { supplier: input.supplierName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.ownerName }),
      t("relationship.email.review.body", { supplier: input.supplierName, date: formatDate(input.dueOn, input.locale) }),
    ],
    action: { label: t("relationship.email.review.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: CONTRACT_REVIEW_REMINDER_KIND };
}
