import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary } from "~/components/forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { notFound, rethrowRateLimit } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { StartReassessmentFormSchema } from "~/reassessment/forms";
import { reassessmentStartPage, startReassessmentByStaff } from "~/reassessment/staff.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "reassessment.start.title")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const page = reassessmentStartPage(staff.organisation.id, params.supplierId ?? "");
  if (!page) notFound();
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const submission = parseWithZod(await request.formData(), { schema: StartReassessmentFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const supplierId = params.supplierId ?? "";
  const outcome = await startReassessmentByStaff(staff, supplierId, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "refused") return data(submission.reply({ formErrors: [outcome.message] }), { status: 400 });
  return redirect(`/staff/suppliers/${supplierId}/assessments/${outcome.assessmentId}?notice=sent`, 303);
}

export default function StartReassessmentPage() {
  const { supplier } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form] = useValidatedForm(StartReassessmentFormSchema, lastResult);
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>
        {t("reassessment.start.title")}: {supplier.name}
      </h1>
      <FormErrorSummary form={form} />
      <p>{t("reassessment.start.lead")}</p>
      <Form method="post" {...getFormProps(form)}>
        <button type="submit" name="intent" value="start-reassessment" className="button button-primary">
          {t("reassessment.start.button")}
        </button>
      </Form>
    </>
  );
}
