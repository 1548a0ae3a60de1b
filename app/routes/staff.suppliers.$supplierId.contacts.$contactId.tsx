import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { ChoiceGroup, FormErrorSummary, yesNoChoices } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { clientIp } from "~/staff/route-helpers.server";
import { ContactFields } from "~/staff/supplier-detail-fields";
import { ContactFormSchema } from "~/staff/supplier-forms";
import { saveContact, supplierContact } from "~/suppliers/suppliers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.contact")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const found = supplierContact(staff.organisation.id, params.supplierId ?? "", params.contactId ?? "");
  if (!found) notFound();
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplierId = params.supplierId ?? "";
  const contactId = params.contactId ?? "";
  if (!supplierContact(staff.organisation.id, supplierId, contactId)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: ContactFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = saveContact(staff, supplierId, { ...submission.value, id: contactId }, clientIp(context));
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  return redirect(`/staff/suppliers/${supplierId}#contacts-heading`, 303);
}

export default function EditContact() {
  const { supplier, contact } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ContactFormSchema, lastResult, {
    defaultValue: {
      name: contact.name,
      email: contact.email,
      phone: contact.phone ?? "",
      role: contact.role ?? "",
      locale: contact.locale,
      isSecurityContact: contact.isSecurityContact ? "yes" : "no",
    },
  });
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("staff.contacts.editTitle", { name: contact.name })}</h1>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <ContactFields fields={fields} />
        <ChoiceGroup
          meta={errors.field(fields.isSecurityContact)}
          legend={t("staff.contacts.securityContact")}
          choices={yesNoChoices(t)}
        />
        <button type="submit" name="intent" value="save-contact" className="button button-primary">
          {t("staff.contacts.save")}
        </button>
      </Form>
    </>
  );
}
