import { renderEmail } from "../email-layout.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";
import type { DatedEvidenceKind } from "#db/schema";

export const EVIDENCE_RENEWAL_KIND = "evidence-renewal";
export const EVIDENCE_LAPSED_KIND = "evidence-lapsed";

/** To the supplier's contact 30 days before a document expires: a link to upload the new one only. */
export function evidenceRenewalEmail(input: { locale: Locale; contactName: string; organisationName: string; kind: DatedEvidenceKind; expiresOn: string; url: string }) {
  const t = getTranslator(input.locale);
  const document = t(`supervision.kind.${input.kind}`);
  const subject = t("supervision.email.renewal.subject", { document });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.contactName }),
      t("supervision.email.renewal.body", { organisation: input.organisationName, document, date: formatDate(input.expiresOn, input.locale) }),
      t("supervision.email.renewal.only"),
    ],
    action: { label: t("supervision.email.renewal.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: EVIDENCE_RENEWAL_KIND };
}

/** To the supplier's internal owner when a document has lapsed. */
export function evidenceLapsedEmail(input: { locale: Locale; ownerName: string; supplierName: string; kind: DatedEvidenceKind; expiresOn: string; url: string }) {
  const t = getTranslator(input.locale);
  const document = t(`supervision.kind.${input.kind}`);
  const subject = t("supervision.email.lapsed.subject", { supplier: input.supplierName, document });
  const { html, text } = renderEmail({
    locale: input.locale,
    heading: subject,
    paragraphs: [
      t("staff.email.greeting", { name: input.ownerName }),
      t("supervision.email.lapsed.body", { supplier: input.supplierName, document, date: formatDate(input.expiresOn, input.locale) }),
    ],
    action: { label: t("supervision.email.lapsed.action"), url: input.url },
    footer: t("staff.email.footer"),
  });
  return { subject, html, text, kind: EVIDENCE_LAPSED_KIND };
}
