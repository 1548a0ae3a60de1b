import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Alert, FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";
import { ForgotPasswordFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { requestPasswordReset } from "~/staff/password-reset.server";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.forgot")];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(submission.value.email, clientIp(context)).catch(rethrowRateLimit);
  // The same answer whether or not the account exists.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ForgotPasswordFormSchema, actionData?.result);
  return (
    <Layout>
      <h1>{t("staff.forgot.title")}</h1>
      {actionData?.sent ? (
        <Alert kind="success" heading={t("staff.forgot.sentTitle")}>
          <p>{t("staff.forgot.sent")}</p>
        </Alert>
      ) : (
        <p className="font-lead">{t("staff.forgot.lead")}</p>
      )}
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.email)} label={t("staff.field.email")} type="email" autoComplete="username" />
        <button type="submit" className="button button-primary">
          {t("staff.forgot.submit")}
        </button>
      </Form>
      <p className="mt-5">
        <Link to="/login">{t("staff.forgot.back")}</Link>
      </p>
    </Layout>
  );
}
