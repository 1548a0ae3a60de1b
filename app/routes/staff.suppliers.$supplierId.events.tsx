import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, ErrorSummary, FormErrorSummary } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { notFound } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";
import { EventFields } from "~/supervision/components/event-fields";
import { issueReportLink, recordEventByStaff, revokeReportLink, supplierHeading, supplierTimeline } from "~/supervision/events.server";
import { EventFormSchema, ReportLinkFormSchema } from "~/supervision/forms";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "supervision.events.title")];

function supplierFor(orgId: string, supplierId: string | undefined) {
  const supplier = RECORD_ID.test(supplierId ?? "") ? supplierHeading(orgId, supplierId!) : undefined;
  if (!supplier) notFound();
  return supplier;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = supplierFor(staff.organisation.id, params.supplierId);
  const { reportLink } = supplierTimeline(staff.organisation.id, supplier.id);
  return { supplier, reportLink };
}

type ActionResult = { intent: string; result?: SubmissionResult<string[]>; linkUrl?: string; revoked?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = supplierFor(staff.organisation.id, params.supplierId);
  const ip = clientIp(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "record-event") {
    const submission = parseWithZod(formData, { schema: EventFormSchema });
    if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    const outcome = recordEventByStaff(staff, supplier.id, submission.value, ip);
    if (outcome.kind === "not-found") notFound();
    if (outcome.kind === "field") return data<ActionResult>({ intent, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
    return redirect(`/staff/suppliers/${supplier.id}?notice=event#events-heading`, 303);
  }
  const submission = parseWithZod(formData, { schema: ReportLinkFormSchema });
  if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply({ formErrors: ["error.badRequest.title"] }) }, { status: 400 });
  if (submission.value.intent === "issue-link") {
    const outcome = issueReportLink(staff, supplier.id, ip);
    if (outcome.kind === "not-found") notFound();
    return data<ActionResult>({ intent, linkUrl: outcome.url }, { headers: { "Cache-Control": "no-store" } });
  }
  const outcome = revokeReportLink(staff, supplier.id, ip);
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data<ActionResult>({ intent, result: submission.reply({ formErrors: [outcome.message] }) }, { status: 400 });
  return data<ActionResult>({ intent, revoked: true });
}

export default function SupplierEvents() {
  const { supplier, reportLink } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(EventFormSchema, actionData?.intent === "record-event" ? actionData.result : undefined, { id: "event" });
  const linkErrors = actionData && actionData.intent !== "record-event" ? errors.formErrors(actionData.result?.error?.[""] ?? undefined) : [];
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("supervision.events.heading", { name: supplier.name })}</h1>
      <p className="font-lead">{t("supervision.events.lead")}</p>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t("supervision.events.record")}</h2>
        <FormErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <EventFields fields={fields} />
          <button type="submit" name="intent" value="record-event" className="button button-primary">
            {t("supervision.events.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="link-heading">
        <h2 id="link-heading">{t("supervision.reportLink.title")}</h2>
        <p>{t("supervision.reportLink.lead")}</p>
        {linkErrors.length > 0 ? <ErrorSummary errors={[]} formErrors={linkErrors} /> : null}
        {actionData?.linkUrl ? (
          <Alert kind="success" heading={t("supervision.reportLink.issued")}>
            <p>{t("supervision.reportLink.copyOnce")}</p>
            <p>
              <code className="break-all" data-testid="report-link">{actionData.linkUrl}</code>
            </p>
          </Alert>
        ) : null}
        {actionData?.revoked ? <Alert kind="success" heading={t("supervision.reportLink.revokedNotice")} /> : null}
        {reportLink ? (
          <p>{t("supervision.reportLink.active", { date: formatDate(reportLink.createdAt.slice(0, 10)) })}</p>
        ) : (
          <p>{t("supervision.reportLink.none")}</p>
        )}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="issue-link" className="button button-secondary">
            {reportLink ? t("supervision.reportLink.replace") : t("supervision.reportLink.issue")}
          </button>
        </Form>{" "}
        {reportLink ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="revoke-link" className="button button-tertiary">
              {t("supervision.reportLink.revoke")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
