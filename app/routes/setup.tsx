import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { createStaffSession } from "~/auth/staff-session.server";
import { FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { notFound } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { createOrganisationWithAdmin, needsFirstRunSetup } from "~/organisations/setup.server";
import { NewPasswordFields } from "~/staff/auth-fields";
import { SetupFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.setup")];

/** Only while the installation has no organisation; afterwards the page does not exist. */
export function loader(_: LoaderFunctionArgs) {
  if (!needsFirstRunSetup()) notFound();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!needsFirstRunSetup()) notFound();
  const submission = parseWithZod(await request.formData(), { schema: SetupFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  const outcome = await createOrganisationWithAdmin(
    { ...submission.value, locale: getLocale(request) },
    { onlyIfEmpty: true, ip: clientIp(context) },
  );
  if (outcome.kind === "already-set-up") notFound();
  if (outcome.kind === "field") {
    return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  // The new admin must enrol a second factor before anything else.
  const { cookie } = createStaffSession({ userId: outcome.userId, orgId: outcome.orgId, twoFactorVerified: false, ip: clientIp(context) });
  return redirect("/login/two-factor-setup?redirectTo=%2Fstaff", { status: 303, headers: { "Set-Cookie": cookie } });
}

export default function Setup() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(SetupFormSchema, lastResult);
  return (
    <Layout>
      <h1>{t("staff.setup.title")}</h1>
      <p className="font-lead">{t("staff.setup.lead")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.organisationName)} label={t("staff.setup.organisationName")} autoComplete="organization" />
        <TextField meta={errors.field(fields.name)} label={t("staff.field.name")} autoComplete="name" />
        <TextField meta={errors.field(fields.email)} label={t("staff.field.email")} type="email" autoComplete="email" />
        <NewPasswordFields fields={fields} />
        <button type="submit" className="button button-primary">
          {t("staff.setup.submit")}
        </button>
      </Form>
    </Layout>
  );
}
