import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const SUPPLIER_INVITATION_KIND = "supplier-invitation";

export function supplierInvitationEmail(input: {
  locale: Locale;
  contactName: string;
  supplierName: string;
  organisationName: string;
  questionnaireTitle: string;
  dueDate: string;
  url: string;
}) {
  const t = getTranslator(input.locale);
  const subject = t("staff.email.supplierInvitation.subject", { organisation: input.organisationName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.contactName }),
      t("staff.email.supplierInvitation.body", {
        organisation: input.organisationName,
        supplier: input.supplierName,
        questionnaire: input.questionnaireTitle,
      }),
      t("staff.email.supplierInvitation.due", { date: formatDate(input.dueDate, input.locale) }),
      t("staff.email.supplierInvitation.noAccount"),
    ],
    action: { label: t("staff.email.supplierInvitation.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: SUPPLIER_INVITATION_KIND };
}
