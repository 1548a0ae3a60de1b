import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { RiskProfileFields, riskProfileDefaults } from "~/staff/risk-profile-fields";
import { clientIp } from "~/staff/route-helpers.server";
import { RiskProfileFormSchema, toRiskProfile } from "~/staff/supplier-forms";
import { supplierPage, updateRiskProfile } from "~/suppliers/suppliers.server";
import { pageTitle } from "~/staff/page-title";
import { incidentsLastYearFor } from "~/supervision/events.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.risk")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const page = supplierPage(staff.organisation.id, params.supplierId ?? "", staff.organisation.settings);
  if (!page) notFound();
  return {
    supplier: { id: page.supplier.id, name: page.supplier.name },
    defaults: riskProfileDefaults(page.profile),
    recordedIncidents: incidentsLastYearFor(staff.organisation.id, page.supplier.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const submission = parseWithZod(await request.formData(), { schema: RiskProfileFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = updateRiskProfile(staff, params.supplierId ?? "", toRiskProfile(submission.value), clientIp(context));
  if (outcome.kind !== "ok") notFound();
  return redirect(`/staff/suppliers/${outcome.supplierId}#tier-heading`, 303);
}

export default function RiskProfilePage() {
  const { supplier, defaults, recordedIncidents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(RiskProfileFormSchema, lastResult, { defaultValue: defaults });
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("staff.risk.pageTitle", { name: supplier.name })}</h1>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <RiskProfileFields fields={fields} recordedIncidents={recordedIncidents} />
        <button type="submit" className="button button-primary">
          {t("staff.risk.save")}
        </button>
      </Form>
    </>
  );
}
