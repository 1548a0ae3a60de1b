import { renderEmail } from "../email-layout.server";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

export const PASSWORD_RESET_KIND = "password-reset";

export function passwordResetEmail(input: { locale: Locale; name: string; url: string }) {
  const t = getTranslator(input.locale);
  const subject = t("staff.email.passwordReset.subject");
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [t("staff.email.greeting", { name: input.name }), t("staff.email.passwordReset.body"), t("staff.email.passwordReset.ignore")],
    action: { label: t("staff.email.passwordReset.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: PASSWORD_RESET_KIND };
}
