import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Layout } from "~/components/layout";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";

/**
 * The error boundary of a page opened by a secret link (invitation, report link, renewal link):
 * every link that cannot be used gets the one 404 page given here (SECURITY.md row 9), throttled
 * guessing the localised 429 page, anything else the server-error page.
 */
export function linkErrorBoundary(unusable: { title: MessageKey; lead: MessageKey; more?: MessageKey }) {
  return function LinkErrorBoundary() {
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
          <h1>{t(unusable.title)}</h1>
          <p className="font-lead">{t(unusable.lead)}</p>
          {unusable.more ? <p>{t(unusable.more)}</p> : null}
        </Layout>
      );
    }
    return (
      <Layout>
        <h1>{t("error.server.title")}</h1>
        <p className="font-lead">{t("error.server.body")}</p>
      </Layout>
    );
  };
}
