import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Layout } from "~/components/layout";
import { linkErrorBoundary } from "~/components/link-error-boundary";
import { useTranslation } from "~/i18n/use-translation";
import { supplierSessionCookie } from "~/supplier-portal/supplier-session.server";
import { acceptInvitation, INVITATION_PAGE_HEADERS, inspectInvitation } from "~/supplier-portal/invitation-entry.server";

/** The token must not leak through the Referer header of anything this page links to or loads. */
export const headers: HeadersFunction = () => INVITATION_PAGE_HEADERS;

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }, { name: "referrer", content: "no-referrer" }];

/** Looks only: a mail scanner fetching the link changes nothing. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const welcome = inspectInvitation(params.token ?? "", context.ip);
  return {
    organisationName: welcome.organisationName,
    supplierName: welcome.supplierName,
    contactName: welcome.contactName,
    dueDate: welcome.dueDate,
  };
}

/** The button: a new supplier session, then away from the URL holding the token. */
export function action({ request, params, context }: ActionFunctionArgs) {
  const { cookie } = acceptInvitation(params.token ?? "", context.ip, { replacing: supplierSessionCookie.read(request) });
  return redirect("/s", { status: 303, headers: { "Set-Cookie": cookie, ...INVITATION_PAGE_HEADERS } });
}

export default function InvitationWelcome() {
  const { t, formatDate } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <Layout organisationName={data.organisationName}>
      <h1>{t("supplier.invite.title", { name: data.contactName })}</h1>
      <p className="font-lead">
        {t("supplier.invite.lead", { organisation: data.organisationName, supplier: data.supplierName })}
      </p>
      <p>{t("supplier.invite.body")}</p>
      <p>
        <strong>{t("supplier.invite.due", { date: formatDate(data.dueDate) })}</strong>
      </p>
      <Form method="post">
        <button type="submit" className="button button-primary">
          {t("supplier.invite.start")}
        </button>
      </Form>
    </Layout>
  );
}

export const ErrorBoundary = linkErrorBoundary({ title: "supplier.invite.unusable.title", lead: "supplier.invite.unusable.body", more: "supplier.invite.unusable.contact" });
