import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const REASSESSMENT_INVITATION_KIND = "reassessment-invitation";

/** The yearly (or earlier) reassessment: last time's answers are prefilled, in the contact's language. */
export function reassessmentInvitationEmail(input: {
  locale: Locale;
  contactName: string;
  supplierName: string;
  organisationName: string;
  questionnaireTitle: string;
  dueDate: string;
  url: string;
}) {
  const t = getTranslator(input.locale);
  const subject = t("reassessment.email.subject", { organisation: input.organisationName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.contactName }),
      t("reassessment.email.body", { organisation: input.organisationName, supplier: input.supplierName, questionnaire: input.questionnaireTitle }),
      t("reassessment.email.prefilled"),
      t("staff.email.supplierInvitation.due", { date: formatDate(input.dueDate, input.locale) }),
      t("staff.email.supplierInvitation.noAccount"),
    ],
    action: { label: t("reassessment.email.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: REASSESSMENT_INVITATION_KIND };
}
