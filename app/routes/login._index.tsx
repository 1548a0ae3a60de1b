import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getStaffFromRequest } from "~/auth/staff-session.server";
import { Alert, FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { safeRedirectPath } from "~/http/safe-redirect";
import { useTranslation } from "~/i18n/use-translation";
import { needsFirstRunSetup } from "~/organisations/setup.server";
import { CurrentPasswordField } from "~/staff/auth-fields";
import { LoginFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { requestInfo, signIn } from "~/staff/login.server";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.login")];

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "/staff");
  const staff = getStaffFromRequest(request);
  if (staff?.session.twoFactorVerified) throw redirect(redirectTo === "/" ? "/staff" : redirectTo);
  if (needsFirstRunSetup()) throw redirect("/setup");
  return { redirectTo, notice: url.searchParams.get("notice") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await signIn(submission.value, requestInfo(request, clientIp(context))).catch(rethrowRateLimit);
  if (result.kind === "invalid") {
    return data(submission.reply({ formErrors: ["staff.login.invalid"], hideFields: ["password"] }), { status: 401 });
  }
  return redirect(result.next, { status: 303, headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(LoginFormSchema, lastResult);
  return (
    <Layout>
      <h1>{t("staff.login.title")}</h1>
      {notice === "password-reset" ? <Alert kind="success" heading={t("staff.reset.done")} /> : null}
      {notice === "signed-out" ? <Alert kind="info" heading={t("staff.logout.done")} /> : null}
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={errors.field(fields.email)} label={t("staff.field.email")} type="email" autoComplete="username" />
        <CurrentPasswordField meta={fields.password} />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {t("staff.login.submit")}
        </button>
      </Form>
      <p className="mt-5">
        <Link to="/forgot-password">{t("staff.login.forgot")}</Link>
      </p>
    </Layout>
  );
}
