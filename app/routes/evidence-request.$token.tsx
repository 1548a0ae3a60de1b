import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { Layout } from "~/components/layout";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { SupplierLinkErrorBoundary } from "~/supervision/components/link-error-boundary";
import { inspectEvidenceRequest, submitEvidenceRenewal } from "~/supervision/dated-evidence.server";
import { LINK_PAGE_HEADERS } from "~/supervision/link-token.server";

export const headers: HeadersFunction = () => LINK_PAGE_HEADERS;

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }, { name: "referrer", content: "no-referrer" }];

/** Looks only: a mail scanner fetching the link changes nothing. */
export function loader({ params, context }: LoaderFunctionArgs) {
  return inspectEvidenceRequest(params.token ?? "", context.ip);
}

const FILE_ERRORS = new Set(["no-file", "too-large", "no-assessment"]);

/** One new document for the one slot the link names; then away from the URL holding the token. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await submitEvidenceRenewal(params.token ?? "", request, context.ip);
  if (outcome.kind === "fields") return data({ fieldErrors: outcome.fieldErrors, values: outcome.values, fileError: null }, { status: 400, headers: LINK_PAGE_HEADERS });
  if (outcome.kind === "file") {
    const fileError = `supervision.renewal.error.${FILE_ERRORS.has(outcome.code) ? outcome.code : "refused"}`;
    return data({ fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string>, fileError }, { status: outcome.status, headers: LINK_PAGE_HEADERS });
  }
  return redirect("/report/received", { status: 303, headers: LINK_PAGE_HEADERS });
}

const FIELDS = ["periodStart", "periodEnd", "expiresOn"] as const;

export default function EvidenceRenewal() {
  const request = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const fieldErrors = result?.fieldErrors ?? {};
  const summary = FIELDS.flatMap((name) => (fieldErrors[name] ?? []).map((message) => ({ fieldId: `renewal-${name}`, message })));
  const document = t(`supervision.kind.${request.kind}`);
  return (
    <Layout organisationName={request.organisationName}>
      <h1>{t("supervision.renewal.title", { document })}</h1>
      <p className="font-lead">{t("supervision.renewal.lead", { name: request.contactName, organisation: request.organisationName, document, date: formatDate(request.expiresOn) })}</p>
      <p>{t("supervision.renewal.only")}</p>
      <ErrorSummary errors={summary} formErrors={result?.fileError ? [result.fileError] : []} />
      <Form method="post" encType="multipart/form-data">
        {FIELDS.map((name) => {
          const errors = fieldErrors[name] ?? [];
          const id = `renewal-${name}`;
          return (
            <div key={name} className={`form-group${errors.length ? " form-error" : ""}`}>
              <label className="form-label" htmlFor={id}>
                {t(`supervision.evidence.${name}`)}
                {name === "periodEnd" ? null : ` ${t("form.optional")}`}
              </label>
              {errors.map((message) => (
                <span key={message} className="form-error-message" id={`${id}-error`}>
                  {t(message as MessageKey)}
                </span>
              ))}
              <input
                className="form-input input-width-s"
                type="date"
                id={id}
                name={name}
                defaultValue={result?.values[name] ?? ""}
                aria-invalid={errors.length ? true : undefined}
                aria-describedby={errors.length ? `${id}-error` : undefined}
              />
            </div>
          );
        })}
        <div className="form-group">
          <label className="form-label" htmlFor="renewal-file">
            {t("supervision.renewal.file")}
          </label>
          <input className="form-input" type="file" id="renewal-file" name="file" />
        </div>
        <button type="submit" className="button button-primary">
          {t("supervision.renewal.submit")}
        </button>
      </Form>
    </Layout>
  );
}

export const ErrorBoundary = SupplierLinkErrorBoundary;
