import type { HeadersFunction } from "@remix-run/node";
import { isRouteErrorResponse, Outlet, useRouteError } from "@remix-run/react";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";

/** Supplier pages hold answers: never cached, never sent on as a referrer. */
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const headers = new Headers(errorHeaders ?? loaderHeaders);
  headers.set("Cache-Control", "private, no-store");
  headers.set("Referrer-Policy", "same-origin");
  return headers;
};

export default function SupplierPortal() {
  return <Outlet />;
}

/** A session that has ended gets a page saying how to get back in; other errors the usual pages. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 401) {
    return (
      <Layout>
        <h1>{t("supplier.session.ended.title")}</h1>
        <p className="font-lead">{t("supplier.session.ended.body")}</p>
      </Layout>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Layout>
        <h1>{t("error.notFound.title")}</h1>
        <p className="font-lead">{t("error.notFound.body")}</p>
        <p>
          <a href="/s">{t("supplier.theme.backToStart")}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout>
      <h1>{t("error.server.title")}</h1>
      <p className="font-lead">{t("error.server.body")}</p>
    </Layout>
  );
}
