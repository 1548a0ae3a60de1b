import { renderEmail } from "../email-layout.server";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const STAFF_INVITATION_KIND = "staff-invitation";

export function staffInvitationEmail(input: { locale: Locale; name: string; organisationName: string; invitedBy: string; url: string; expiresOn: string }) {
  const t = getTranslator(input.locale);
  const subject = t("staff.email.staffInvitation.subject", { organisation: input.organisationName });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.name }),
      t("staff.email.staffInvitation.body", { inviter: input.invitedBy, organisation: input.organisationName }),
      t("staff.email.staffInvitation.expiry", { date: input.expiresOn }),
    ],
    action: { label: t("staff.email.staffInvitation.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: STAFF_INVITATION_KIND };
}
