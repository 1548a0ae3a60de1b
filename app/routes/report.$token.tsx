import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { linkErrorBoundary } from "~/components/link-error-boundary";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { EventFields } from "~/supervision/components/event-fields";
import { inspectReportLink, reportEventThroughLink } from "~/supervision/events.server";
import { ReportFormSchema } from "~/supervision/forms";
import { LINK_PAGE_HEADERS } from "~/supervision/link-token.server";

/** The token must not leak through the Referer header of anything this page links to or loads. */
export const headers: HeadersFunction = () => LINK_PAGE_HEADERS;

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }, { name: "referrer", content: "no-referrer" }];

/** Looks only: a mail scanner fetching the link changes nothing. */
export function loader({ params, context }: LoaderFunctionArgs) {
  return inspectReportLink(params.token ?? "", context.ip);
}

/** The report: recorded on the supplier's timeline, then away from the URL holding the token. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // Refuses an unusable link (404/429) before reading the form.
  inspectReportLink(token, context.ip);
  const submission = parseWithZod(await request.formData(), { schema: ReportFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: LINK_PAGE_HEADERS });
  const outcome = reportEventThroughLink(token, submission.value, context.ip);
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400, headers: LINK_PAGE_HEADERS });
  if (outcome.kind === "not-found") return data(submission.reply({ formErrors: ["error.badRequest.title"] }), { status: 400, headers: LINK_PAGE_HEADERS });
  return redirect("/report/received", { status: 303, headers: LINK_PAGE_HEADERS });
}

export default function ReportIncident() {
  const { organisationName, supplierName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ReportFormSchema, lastResult);
  return (
    <Layout organisationName={organisationName}>
      <h1>{t("supervision.report.title", { supplier: supplierName })}</h1>
      <p className="font-lead">{t("supervision.report.lead", { organisation: organisationName })}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <EventFields fields={fields} />
        <TextField meta={errors.field(fields.reporterName)} label={t("supervision.report.reporterName")} autoComplete="name" />
        <button type="submit" className="button button-primary">
          {t("supervision.report.submit")}
        </button>
      </Form>
    </Layout>
  );
}

export const ErrorBoundary = linkErrorBoundary({ title: "supervision.link.unusable.title", lead: "supervision.link.unusable.body" });
