import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { DocumentFileField } from "~/supervision/components/document-file-field";
import { SupplierLinkErrorBoundary } from "~/supervision/components/link-error-boundary";
import { inspectEvidenceRequest, submitEvidenceRenewal } from "~/supervision/dated-evidence.server";
import { documentReply } from "~/supervision/document-reply";
import { RenewalFieldsSchema } from "~/supervision/forms";
import { LINK_PAGE_HEADERS } from "~/supervision/link-token.server";

export const headers: HeadersFunction = () => LINK_PAGE_HEADERS;

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }, { name: "referrer", content: "no-referrer" }];

/** Looks only: a mail scanner fetching the link changes nothing. */
export function loader({ params, context }: LoaderFunctionArgs) {
  return inspectEvidenceRequest(params.token ?? "", context.ip);
}

/** One new document for the one slot the link names; then away from the URL holding the token. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await submitEvidenceRenewal(params.token ?? "", request, context.ip);
  if (outcome.kind !== "ok") return data(documentReply(outcome), { status: outcome.kind === "file" ? outcome.status : 400, headers: LINK_PAGE_HEADERS });
  return redirect("/report/received", { status: 303, headers: LINK_PAGE_HEADERS });
}

export default function EvidenceRenewal() {
  const request = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(RenewalFieldsSchema, lastResult);
  const document = t(`supervision.kind.${request.kind}`);
  return (
    <Layout organisationName={request.organisationName}>
      <h1>{t("supervision.renewal.title", { document })}</h1>
      <p className="font-lead">{t("supervision.renewal.lead", { name: request.contactName, organisation: request.organisationName, document, date: formatDate(request.expiresOn) })}</p>
      <p>{t("supervision.renewal.only")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.periodStart)} label={t("supervision.evidence.periodStart")} hint={t("supervision.dateHint")} type="date" required={false} className="input-width-s" />
        <TextField meta={errors.field(fields.periodEnd)} label={t("supervision.evidence.periodEnd")} hint={t("supervision.evidence.periodEndHint")} type="date" className="input-width-s" />
        <TextField meta={errors.field(fields.expiresOn)} label={t("supervision.evidence.expiresOn")} hint={t("supervision.evidence.expiresOnHint")} type="date" required={false} className="input-width-s" />
        <DocumentFileField id="renewal-file" />
        <button type="submit" className="button button-primary">
          {t("supervision.renewal.submit")}
        </button>
      </Form>
    </Layout>
  );
}

export const ErrorBoundary = SupplierLinkErrorBoundary;
