import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import dkfdsPackage from "../node_modules/dkfds/package.json";
import appStyles from "~/styles/app.css?url";
import { Layout } from "~/components/layout";
import { useNonce } from "~/components/nonce";
import { getLocale } from "~/i18n/locale.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { useTranslation } from "~/i18n/use-translation";

/**
 * The three IBM Plex Sans weights every page shows above the fold (body 400, buttons and headings
 * 600, the page heading 700), fetched beside the stylesheets rather than after them: when they
 * arrived late, the text reflowed (font-display: swap) and the header moved on narrow screens
 * (Lighthouse: cumulative layout shift 0.3 on the review queue). Preloading only the regular
 * weight left the shift in some runs (the semibold sign-out button moves the header too).
 */
const PRELOADED_FONTS = ["Regular", "SemiBold", "Bold"].map((weight) => `/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-${weight}.woff2`);

export const links: LinksFunction = () => [
  ...PRELOADED_FONTS.map((href) => ({ rel: "preload", href, as: "font", type: "font/woff2", crossOrigin: "anonymous" as const })),
  { rel: "stylesheet", href: `/dkfds/css/dkfds-virkdk.min.css?v=${dkfdsPackage.version}` },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { locale: getLocale(request), requestId: context?.requestId ?? null };
}

export function Document({ children, locale }: { children: ReactNode; locale: Locale }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale}>
      <Outlet />
    </Document>
  );
}

function ErrorContent() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof loader>("root");
  let title = t("error.server.title");
  let body = t("error.server.body");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFound.title");
      body = t("error.notFound.body");
    } else if (error.status === 403) {
      title = t("error.forbidden.title");
      body = t("error.forbidden.body");
    } else if (error.status === 429) {
      const seconds = Number((error.data as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? 600);
      title = t("error.tooManyRequests.title");
      body = t("error.tooManyRequests.body", { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    } else if (error.status === 400) {
      title = t("error.badRequest.title");
      body = "";
    }
  }
  return (
    <Layout>
      <h1>{title}</h1>
      {body ? <p className="font-lead">{body}</p> : null}
      {root?.requestId && !(isRouteErrorResponse(error) && error.status < 500) ? (
        <p>{t("error.requestId", { id: root.requestId })}</p>
      ) : null}
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </Layout>
  );
}

export function ErrorBoundary() {
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={root?.locale ?? DEFAULT_LOCALE}>
      <ErrorContent />
    </Document>
  );
}
