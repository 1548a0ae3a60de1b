import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";
import { staffSessionCookie } from "~/auth/staff-session.server";
import { ResetPasswordFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { findUsableReset, resetPassword } from "~/staff/password-reset.server";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

/** The token is in the URL: no Referer leaves this page. */
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.reset"), { name: "referrer", content: "no-referrer" }];

/** Reads only: a mail scanner fetching the link uses nothing up. */
export function loader({ params }: LoaderFunctionArgs) {
  const reset = findUsableReset(params.token ?? "");
  if (!reset) return data({ valid: false as const, needsCode: false }, { status: 404, headers: { "Referrer-Policy": "no-referrer" } });
  return data({ valid: true as const, needsCode: Boolean(reset.user.totpSecret) }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword", "code"] }), { status: 400 });
  const outcome = await resetPassword(params.token ?? "", submission.value, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "invalid-link") return data(submission.reply({ formErrors: ["staff.reset.invalidLink"], hideFields: ["password", "confirmPassword", "code"] }), { status: 404 });
  if (outcome.kind === "field") {
    return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ["password", "confirmPassword", "code"] }), { status: 400 });
  }
  return redirect("/login?notice=password-reset", { status: 303, headers: { "Set-Cookie": staffSessionCookie.clear() } });
}

export default function ResetPassword() {
  const { valid, needsCode } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ResetPasswordFormSchema, lastResult);
  if (!valid) {
    return (
      <Layout>
        <h1>{t("staff.reset.invalidTitle")}</h1>
        <p className="font-lead">{t("staff.reset.invalidLink")}</p>
        <p>
          <Link to="/forgot-password">{t("staff.reset.again")}</Link>
        </p>
      </Layout>
    );
  }
  return (
    <Layout>
      <h1>{t("staff.reset.title")}</h1>
      <p className="font-lead">{t("staff.password.rules")}</p>
      <ErrorSummary errors={errors.summary(form)} formErrors={errors.formErrors(form.errors)} />
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.password)} label={t("staff.field.newPassword")} type="password" autoComplete="new-password" />
        <TextField meta={errors.field(fields.confirmPassword)} label={t("staff.field.confirmPassword")} type="password" autoComplete="new-password" />
        {needsCode ? (
          <TextField
            meta={errors.field(fields.code)}
            label={t("staff.twoFactor.code")}
            hint={t("staff.twoFactor.codeHint")}
            autoComplete="one-time-code"
            className="input-width-s"
          />
        ) : null}
        <button type="submit" className="button button-primary">
          {t("staff.reset.submit")}
        </button>
      </Form>
    </Layout>
  );
}
