import { renderEmail } from "../email-layout.server";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const DELETION_CONFIRMATION_REQUEST_KIND = "deletion-confirmation-request";

/** To the supplier's contact at offboarding (CFCS 6.1): upload the written confirmation that our data is returned and deleted. */
export function deletionConfirmationRequestEmail(input: { locale: Locale; contactName: string; organisationName: string; url: string }) {
  const t = getTranslator(input.locale);
  const subject = t("relationship.email.deletion.subject", { organisation: input.organisationName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [t("staff.email.greeting", { name: input.contactName }), t("relationship.email.deletion.body", { organisation: input.organisationName })],
    action: { label: t("relationship.email.deletion.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: DELETION_CONFIRMATION_REQUEST_KIND };
}
