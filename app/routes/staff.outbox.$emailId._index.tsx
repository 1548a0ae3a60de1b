import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { outboxEmail } from "~/email/outbox.server";
import { notFound } from "~/http/errors.server";
import type { MessageKey } from "~/i18n/messages";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.email")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const email = outboxEmail(staff.organisation.id, params.emailId ?? "");
  if (!email) notFound();
  return email;
}

export default function OutboxEmail() {
  const email = useLoaderData<typeof loader>();
  const { t, formatDateTime } = useTranslation();
  return (
    <>
      <p>
        <Link to="/staff/outbox">{t("staff.outbox.back")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="details-list">
        <dt>{t("staff.outbox.to")}</dt>
        <dd>{email.to}</dd>
        <dt>{t("staff.outbox.kind")}</dt>
        <dd>{isMessageKey(`staff.emailKind.${email.kind}`) ? t(`staff.emailKind.${email.kind}` as MessageKey) : email.kind}</dd>
        <dt>{t("staff.outbox.status")}</dt>
        <dd>
          {t(`staff.emailStatus.${email.status}` as MessageKey)}
          {email.error ? ` — ${email.error}` : ""}
        </dd>
        <dt>{t("staff.outbox.created")}</dt>
        <dd>{formatDateTime(new Date(email.createdAt))}</dd>
      </dl>
      <h2>{t("staff.outbox.links")}</h2>
      {email.links.length === 0 ? (
        <p>—</p>
      ) : (
        <ul className="outbox-links">
          {email.links.map((link) => (
            <li key={link}>
              <a href={link} rel="noreferrer">
                {link}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("staff.outbox.text")}</h2>
      <pre className="email-text" lang={email.locale}>
        {email.text}
      </pre>
      <p>
        <a href={`/staff/outbox/${email.id}/html`}>{t("staff.outbox.html")}</a>
      </p>
    </>
  );
}
