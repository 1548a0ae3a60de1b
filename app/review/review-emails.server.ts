/**
 * Emails of the review: a clarification request and the decision, to the supplier's contact in
 * the contact's language. Idempotent by dedupe key (a retried action sends nothing twice).
 */
import type { Db } from "#db/client";
import { renderEmail } from "~/email/email-layout.server";
import { sendEmail } from "~/email/send-email.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";

interface Recipient {
  email: string;
  name: string;
  locale: "da" | "en";
}

export async function sendClarificationEmail(
  db: Db,
  input: {
    orgId: string;
    organisationName: string;
    assessmentId: string;
    clarificationId: string;
    to: Recipient;
    supplierName: string;
    questionText: string;
    message: string;
    link: string;
  },
) {
  const t = getTranslator(input.to.locale);
  const { html, text } = renderEmail({
    locale: input.to.locale,
    heading: t("review.email.clarification.heading", { organisation: input.organisationName }),
    paragraphs: [
      t("review.email.greeting", { name: input.to.name }),
      t("review.email.clarification.intro", { organisation: input.organisationName, supplier: input.supplierName }),
      t("review.email.clarification.question", { question: input.questionText }),
      input.message,
      t("review.email.clarification.howTo"),
    ],
    action: { label: t("review.email.clarification.action"), url: input.link },
  });
  return sendEmail(
    {
      orgId: input.orgId,
      to: input.to.email,
      subject: t("review.email.clarification.subject", { organisation: input.organisationName }),
      html,
      text,
      kind: "clarification-request",
      locale: input.to.locale,
      assessmentId: input.assessmentId,
      dedupeKey: `clarification:${input.clarificationId}`,
    },
    { db },
  );
}

export async function sendDecisionEmail(
  db: Db,
  input: {
    orgId: string;
    organisationName: string;
    assessmentId: string;
    to: Recipient;
    supplierName: string;
    decision: "approved" | "approved_with_conditions" | "rejected";
    reason: string;
    conditions: { text: string; ownerSide: "supplier" | "customer"; deadline: string }[];
  },
) {
  const t = getTranslator(input.to.locale);
  const conditionLines = input.conditions.map((c) =>
    t("review.email.decision.condition", {
      text: c.text,
      deadline: formatDate(c.deadline, input.to.locale),
      owner: t(c.ownerSide === "supplier" ? "review.ownerSide.supplier" : "review.ownerSide.customer"),
    }),
  );
  const { html, text } = renderEmail({
    locale: input.to.locale,
    heading: t(`review.email.decision.heading.${input.decision}`),
    paragraphs: [
      t("review.email.greeting", { name: input.to.name }),
      t(`review.email.decision.intro.${input.decision}`, { organisation: input.organisationName, supplier: input.supplierName }),
      t("review.email.decision.reason", { reason: input.reason }),
      ...(conditionLines.length > 0 ? [t("review.email.decision.conditionsIntro"), ...conditionLines] : []),
    ],
  });
  return sendEmail(
    {
      orgId: input.orgId,
      to: input.to.email,
      subject: t("review.email.decision.subject", { organisation: input.organisationName }),
      html,
      text,
      kind: "assessment-decision",
      locale: input.to.locale,
      assessmentId: input.assessmentId,
      dedupeKey: `decision:${input.assessmentId}`,
    },
    { db },
  );
}
