import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { ChoiceGroup, FormErrorSummary, SelectField, TextField, yesNoChoices } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { countryOptions } from "~/staff/countries";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { RiskProfileFields } from "~/staff/risk-profile-fields";
import { clientIp } from "~/staff/route-helpers.server";
import { ContactFields, SupplierDetailFields } from "~/staff/supplier-detail-fields";
import { CreateSupplierFormSchema, toRiskProfile } from "~/staff/supplier-forms";
import { createSupplier, ownerOptions } from "~/suppliers/suppliers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.newSupplier")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  return { owners: ownerOptions(staff.organisation.id), defaultLocale: staff.organisation.settings.defaultLocale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const submission = parseWithZod(await request.formData(), { schema: CreateSupplierFormSchema });
  // Adding or removing a contact row without JavaScript is a round trip, not an error.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const { contacts, securityContact, subSuppliers, name, cvr, country, services, ownerUserId, notes } = submission.value;
  const outcome = createSupplier(
    staff,
    { name, cvr, country, services, ownerUserId, notes, contacts, securityContact, subSuppliers },
    toRiskProfile(submission.value),
    clientIp(context),
  );
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  if (outcome.kind === "not-found") notFound();
  return redirect(`/staff/suppliers/${outcome.supplierId}?notice=created`, 303);
}

export default function NewSupplier() {
  const { owners, defaultLocale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(CreateSupplierFormSchema, lastResult, {
    defaultValue: { country: "DK", incidentCount: "0", contacts: [{ locale: defaultLocale }], securityContact: "0", subSuppliers: [] },
  });
  const contacts = fields.contacts.getFieldList();
  const subs = fields.subSuppliers.getFieldList();

  return (
    <>
      <p>
        <Link to="/staff/suppliers">{t("staff.suppliers.back")}</Link>
      </p>
      <h1>{t("staff.suppliers.new")}</h1>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <h2>{t("staff.supplier.details")}</h2>
        <SupplierDetailFields fields={fields} owners={owners} />

        <h2>{t("staff.contacts.title")}</h2>
        <p className="form-hint">{t("staff.contacts.lead")}</p>
        {contacts.map((contact, index) => {
          const c = contact.getFieldset();
          return (
            <fieldset key={contact.key} className="repeat-group">
              <legend className="h4">{t("staff.contacts.number", { n: index + 1 })}</legend>
              <ContactFields fields={c} />
              <button className="button button-tertiary" {...form.remove.getButtonProps({ name: fields.contacts.name, index })}>
                {t("staff.contacts.remove", { n: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        <p>
          <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.contacts.name, defaultValue: { locale: defaultLocale } })}>
            {t("staff.contacts.add")}
          </button>
        </p>
        {contacts.length > 0 ? (
          <ChoiceGroup
            meta={errors.field(fields.securityContact)}
            legend={t("staff.contacts.securityContact")}
            hint={t("staff.contacts.securityContactHint")}
            choices={contacts.map((_, index) => ({ value: String(index), label: t("staff.contacts.number", { n: index + 1 }) }))}
          />
        ) : null}

        <h2>{t("staff.subSuppliers.title")}</h2>
        <p className="form-hint">{t("staff.subSuppliers.lead")}</p>
        {subs.map((sub, index) => {
          const s = sub.getFieldset();
          return (
            <fieldset key={sub.key} className="repeat-group">
              <legend className="h4">{t("staff.subSuppliers.number", { n: index + 1 })}</legend>
              <TextField meta={errors.field(s.name)} label={t("staff.subSuppliers.name")} autoComplete="off" />
              <TextField meta={errors.field(s.service)} label={t("staff.subSuppliers.service")} autoComplete="off" />
              <SelectField meta={errors.field(s.country)} label={t("staff.subSuppliers.country")} options={countryOptions(locale)} placeholder={t("staff.choose")} />
              <ChoiceGroup
                meta={errors.field(s.critical)}
                legend={t("staff.subSuppliers.critical")}
                choices={yesNoChoices(t)}
              />
              <button className="button button-tertiary" {...form.remove.getButtonProps({ name: fields.subSuppliers.name, index })}>
                {t("staff.subSuppliers.remove", { n: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        <p>
          <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.subSuppliers.name, defaultValue: { critical: "no", country: "DK" } })}>
            {t("staff.subSuppliers.add")}
          </button>
        </p>

        <RiskProfileFields fields={fields} />

        <button type="submit" className="button button-primary">
          {t("staff.suppliers.create")}
        </button>
      </Form>
    </>
  );
}
