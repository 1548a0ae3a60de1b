import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { outboxList } from "~/email/outbox.server";
import type { MessageKey } from "~/i18n/messages";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.outbox")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const page = Math.min(10_000, Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  return outboxList(staff.organisation.id, page);
}

export default function Outbox() {
  const { emails, hasMore, page } = useLoaderData<typeof loader>();
  const { t, formatDateTime } = useTranslation();
  return (
    <>
      <h1>{t("staff.outbox.title")}</h1>
      <p>{t("staff.outbox.lead")}</p>
      {emails.length === 0 ? (
        <p>{t("staff.outbox.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.outbox.created")}</th>
              <th scope="col">{t("staff.outbox.to")}</th>
              <th scope="col">{t("staff.outbox.subject")}</th>
              <th scope="col">{t("staff.outbox.kind")}</th>
              <th scope="col">{t("staff.outbox.status")}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id}>
                <td className="nowrap">{formatDateTime(new Date(email.createdAt))}</td>
                <td>{email.to}</td>
                <td>
                  <Link to={`/staff/outbox/${email.id}`}>{email.subject}</Link>
                </td>
                <td>{isMessageKey(`staff.emailKind.${email.kind}`) ? t(`staff.emailKind.${email.kind}` as MessageKey) : email.kind}</td>
                <td>{t(`staff.emailStatus.${email.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("staff.pagination.label")}>
        <ul className="nobullet-list pagination-list">
          {page > 1 ? (
            <li>
              <Link to={`?page=${page - 1}`}>{t("staff.pagination.previous")}</Link>
            </li>
          ) : null}
          {hasMore ? (
            <li>
              <Link to={`?page=${page + 1}`}>{t("staff.pagination.next")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}
