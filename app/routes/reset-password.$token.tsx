import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/forms";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";
import { staffSessionCookie } from "~/auth/staff-session.server";
import { NewPasswordFields, OneTimeCodeField } from "~/staff/auth-fields";
import { ResetPasswordFormSchema } from "~/staff/auth-forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { inspectResetLink, resetPassword } from "~/staff/password-reset.server";
import { rethrowRateLimit, withRateLimitPage } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

/** The token is in the URL: no Referer leaves this page. */
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.reset"), { name: "referrer", content: "no-referrer" }];

/** Reads only: a mail scanner fetching the link uses nothing up. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const reset = withRateLimitPage(() => inspectResetLink(params.token ?? "", clientIp(context)));
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
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <NewPasswordFields fields={fields} rulesHint={false} />
        {needsCode ? <OneTimeCodeField meta={fields.code} /> : null}
        <button type="submit" className="button button-primary">
          {t("staff.reset.submit")}
        </button>
      </Form>
    </Layout>
  );
}
