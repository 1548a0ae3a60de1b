import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary } from "~/components/forms";
import { Layout } from "~/components/layout";
import { safeRedirectPath } from "~/http/safe-redirect";
import { useTranslation } from "~/i18n/use-translation";
import { CurrentPasswordField } from "~/staff/auth-fields";
import { reauthenticate } from "~/staff/account.server";
import { ReauthenticateFormSchema } from "~/staff/auth-forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.reauth")];

function target(value: string | null | undefined) {
  const path = safeRedirectPath(value, "/staff");
  return path === "/" ? "/staff" : path;
}

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  return { redirectTo: target(new URL(request.url).searchParams.get("redirectTo")), name: staff.user.name };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: ReauthenticateFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const outcome = await reauthenticate(staff, submission.value.password, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "invalid") {
    return data(submission.reply({ fieldErrors: { password: ["staff.reauth.invalid"] }, hideFields: ["password"] }), { status: 401 });
  }
  return redirect(target(submission.value.redirectTo), { status: 303, headers: { "Set-Cookie": outcome.cookie } });
}

export default function Reauthenticate() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(ReauthenticateFormSchema, lastResult);
  return (
    <Layout>
      <h1>{t("staff.reauth.title")}</h1>
      <p className="font-lead">{t("staff.reauth.lead")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CurrentPasswordField meta={fields.password} />
        <button type="submit" className="button button-primary">
          {t("staff.reauth.submit")}
        </button>
      </Form>
    </Layout>
  );
}
