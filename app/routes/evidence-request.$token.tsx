import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/forms";
import { Layout } from "~/components/layout";
import { linkErrorBoundary } from "~/components/link-error-boundary";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { DocumentDateFields } from "~/supervision/components/dated-evidence-fields";
import { DocumentFileField } from "~/supervision/components/document-file-field";
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
  const [form, fields] = useValidatedForm(RenewalFieldsSchema, lastResult);
  const document = t(`supervision.kind.${request.kind}`);
  return (
    <Layout organisationName={request.organisationName}>
      <h1>{t("supervision.renewal.title", { document })}</h1>
      <p className="font-lead">{t("supervision.renewal.lead", { name: request.contactName, organisation: request.organisationName, document, date: formatDate(request.expiresOn) })}</p>
      <p>{t("supervision.renewal.only")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <DocumentDateFields fields={fields as never} />
        <DocumentFileField id="renewal-file" />
        <button type="submit" className="button button-primary">
          {t("supervision.renewal.submit")}
        </button>
      </Form>
    </Layout>
  );
}

export const ErrorBoundary = linkErrorBoundary({ title: "supervision.link.unusable.title", lead: "supervision.link.unusable.body" });
