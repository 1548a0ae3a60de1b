import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, FormErrorSummary } from "~/components/forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { isAnswering } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { EventFields } from "~/supervision/components/event-fields";
import { reportEventBySession } from "~/supervision/events.server";
import { PortalReportFormSchema } from "~/supervision/forms";

/** Incidents and changes reported in the portal, through the last invitation's session (CFCS 5.5). */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  return { organisationName: ctx.organisationName, supplierName: ctx.supplierName, submitted: !isAnswering(ctx.assessment.status) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const submission = parseWithZod(await request.formData(), { schema: PortalReportFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = reportEventBySession(ctx, submission.value, context.ip);
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  if (outcome.kind === "not-found") return data(submission.reply({ formErrors: ["error.badRequest.title"] }), { status: 400 });
  return redirect("/s/report?sent=1", 303);
}

export default function PortalReport() {
  const { organisationName, supplierName, submitted } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(PortalReportFormSchema, lastResult);
  return (
    <SupplierLayout organisationName={organisationName} submitted={submitted}>
      <h1>{t("supervision.report.title", { supplier: supplierName })}</h1>
      {params.get("sent") === "1" ? <Alert kind="success" heading={t("supervision.report.received")} /> : null}
      <p className="font-lead">{t("supervision.report.lead", { organisation: organisationName })}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <EventFields fields={fields} />
        <button type="submit" className="button button-primary">
          {t("supervision.report.submit")}
        </button>
      </Form>
    </SupplierLayout>
  );
}
