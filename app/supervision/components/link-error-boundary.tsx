import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";

/** The one page for every report or renewal link that cannot be used (404), and for throttling (429). */
export function SupplierLinkErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 429) {
    const seconds = Number((error.data as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? 600);
    return (
      <Layout>
        <h1>{t("error.tooManyRequests.title")}</h1>
        <p className="font-lead">{t("error.tooManyRequests.body", { minutes: Math.max(1, Math.ceil(seconds / 60)) })}</p>
      </Layout>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Layout>
        <h1>{t("supervision.link.unusable.title")}</h1>
        <p className="font-lead">{t("supervision.link.unusable.body")}</p>
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
