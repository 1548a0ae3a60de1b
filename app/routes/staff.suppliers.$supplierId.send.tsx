import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, FormErrorSummary, SelectField, TextField } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { isoDateIn } from "~/staff/dates";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { SendQuestionnaireFormSchema } from "~/staff/supplier-forms";
import { DEFAULT_DUE_DAYS, questionnaireChoices, questionnaireForTier, sendQuestionnaire } from "~/suppliers/assessments.server";
import { supplierPage } from "~/suppliers/suppliers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.send")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const page = supplierPage(staff.organisation.id, params.supplierId ?? "", staff.organisation.settings);
  if (!page) notFound();
  const tier = page.supplier.tier;
  return {
    supplier: { id: page.supplier.id, name: page.supplier.name, tier },
    contacts: page.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, locale: c.locale, isSecurityContact: c.isSecurityContact })),
    questionnaires: questionnaireChoices(),
    suggested: tier ? questionnaireForTier(tier, staff.organisation.settings) : null,
    defaultDueDate: isoDateIn(DEFAULT_DUE_DAYS, new Date()),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const submission = parseWithZod(await request.formData(), { schema: SendQuestionnaireFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await sendQuestionnaire(staff, params.supplierId ?? "", submission.value, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  if (outcome.kind === "form") return data(submission.reply({ formErrors: [outcome.message] }), { status: 409 });
  return redirect(`/staff/suppliers/${params.supplierId}/assessments/${outcome.assessmentId}?notice=sent`, 303);
}

export default function SendQuestionnaire() {
  const { supplier, contacts, questionnaires, suggested, defaultDueDate } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(SendQuestionnaireFormSchema, lastResult, {
    defaultValue: {
      questionnaireId: suggested ?? "",
      dueDate: defaultDueDate,
      contactIds: contacts.filter((c) => c.isSecurityContact).map((c) => c.id),
      locale: Object.fromEntries(contacts.map((c) => [c.id, c.locale])),
    },
  });
  const selected = new Set((fields.contactIds.initialValue as string[] | undefined) ?? []);
  const localeFields = fields.locale.getFieldset();
  const contactErrors = errors.field(fields.contactIds);
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("staff.send.title", { name: supplier.name })}</h1>
      {!supplier.tier ? <Alert kind="warning" heading={t("staff.send.tierFirst")} /> : null}
      {questionnaires.length === 0 ? <Alert kind="error" heading={t("staff.send.noQuestionnaires")} /> : null}
      {contacts.length === 0 ? <Alert kind="warning" heading={t("staff.send.noContacts")} /> : null}
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField
          meta={errors.field(fields.questionnaireId)}
          label={t("staff.send.questionnaire")}
          hint={supplier.tier ? t("staff.send.questionnaireHint", { tier: t(`tier.${supplier.tier}`) }) : undefined}
          options={questionnaires.map((q) => ({ value: q.id, label: `${q.title[locale]} (v${q.version})` }))}
          placeholder={t("staff.choose")}
        />
        <TextField meta={errors.field(fields.dueDate)} label={t("staff.send.dueDate")} type="date" className="input-width-s" />
        <div className={`form-group${contactErrors.errors?.length ? " form-error" : ""}`}>
          <fieldset aria-describedby={contactErrors.errors?.length ? contactErrors.errorId : undefined}>
            <legend className="form-label">{t("staff.send.contacts")}</legend>
            {contactErrors.errors?.length ? (
              <span className="form-error-message" id={contactErrors.errorId}>
                {contactErrors.errors.join(". ")}
              </span>
            ) : null}
            {contacts.map((contact) => (
              <div key={contact.id} className="send-contact">
                <div className="form-group-checkbox">
                  <input
                    className="form-checkbox"
                    type="checkbox"
                    id={`contact-${contact.id}`}
                    name={fields.contactIds.name}
                    value={contact.id}
                    defaultChecked={selected.has(contact.id)}
                  />
                  <label htmlFor={`contact-${contact.id}`}>
                    {contact.name} &lt;{contact.email}&gt;
                    {contact.isSecurityContact ? ` (${t("staff.contacts.isSecurity")})` : ""}
                  </label>
                </div>
                <div className="form-group">
                  <label className="form-label" htmlFor={`locale-${contact.id}`}>
                    {t("staff.send.localeFor", { name: contact.name })}
                  </label>
                  <select className="form-select" id={`locale-${contact.id}`} name={localeFields[contact.id]?.name ?? `locale.${contact.id}`} defaultValue={contact.locale}>
                    <option value="da">{t("staff.locale.da")}</option>
                    <option value="en">{t("staff.locale.en")}</option>
                  </select>
                </div>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit" className="button button-primary" disabled={!supplier.tier || contacts.length === 0 || questionnaires.length === 0}>
          {t("staff.send.submit")}
        </button>
      </Form>
    </>
  );
}
