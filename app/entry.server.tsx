import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { getEnv } from "~/config/env.server";
import { contentSecurityPolicy } from "~/security/content-security-policy";
import { errorFields, log } from "~/log.server";
import { redactUrl } from "~/security/redact";

export { prepareServer, shutdownServer, startBackgroundJobs, webConcurrency } from "~/server-lifecycle.server";
export { redactUrl };

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.nonce ?? "";
  const env = getEnv();
  responseHeaders.set(
    "Content-Security-Policy",
    contentSecurityPolicy(nonce, {
      development: env.NODE_ENV === "development",
      https: env.PUBLIC_URL.startsWith("https:"),
    }),
  );

  return new Promise<Response>((resolve, reject) => {
    // React reports every error to onError, and a failed shell to onShellError as well: that one
    // rejects, and Remix logs it through handleError, so it is not logged twice.
    let shellFailed = false;
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        // The whole document, not the shell: the server sends documents in one piece (see
        // server/index.js), and a document rendered to the end has every Suspense boundary inline,
        // without the fallbacks and the scripts that would swap them in on the client.
        onAllReady() {
          clearTimeout(abortTimer);
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          shellFailed = true;
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          queueMicrotask(() => {
            if (!shellFailed) logError(error, request, loadContext);
          });
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

function logError(error: unknown, request: Request, context: AppLoadContext | undefined) {
  log("error", "unhandled error", { requestId: context?.requestId ?? null, method: request.method, path: redactUrl(request.url), ...errorFields(error) });
}

/** Server-side log of unexpected errors; the response itself carries only the request id. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  logError(error, request, context);
}
