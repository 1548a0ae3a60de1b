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
import { clientIp } from "~/staff/route-helpers.server";
import { SupplierDetailFields } from "~/staff/supplier-detail-fields";
import { SupplierFormSchema } from "~/staff/supplier-forms";
import { ownerOptions, supplierPage, updateSupplierDetails } from "~/suppliers/suppliers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.editSupplier")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const page = supplierPage(staff.organisation.id, params.supplierId ?? "", staff.organisation.settings);
  if (!page) notFound();
  const s = page.supplier;
  return {
    supplier: { id: s.id, name: s.name, cvr: s.cvr ?? "", country: s.country, services: s.services, ownerUserId: s.ownerUserId ?? "", notes: s.notes },
    owners: ownerOptions(staff.organisation.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const submission = parseWithZod(await request.formData(), { schema: SupplierFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, cvr, country, services, ownerUserId, notes } = submission.value;
  const outcome = updateSupplierDetails(staff, params.supplierId ?? "", { name, cvr, country, services, ownerUserId, notes }, clientIp(context));
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  return redirect(`/staff/suppliers/${outcome.supplierId}`, 303);
}

export default function EditSupplier() {
  const { supplier, owners } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(SupplierFormSchema, lastResult, { defaultValue: supplier });
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("staff.supplier.editTitle", { name: supplier.name })}</h1>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <SupplierDetailFields fields={fields} owners={owners} />
        <button type="submit" className="button button-primary">
          {t("form.save")}
        </button>
      </Form>
    </>
  );
}
