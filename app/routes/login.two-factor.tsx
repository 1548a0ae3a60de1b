import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary } from "~/components/forms";
import { Layout } from "~/components/layout";
import { safeRedirectPath } from "~/http/safe-redirect";
import { useTranslation } from "~/i18n/use-translation";
import { OneTimeCodeField } from "~/staff/auth-fields";
import { TwoFactorFormSchema } from "~/staff/auth-forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { completeTwoFactor, requirePendingStillFresh } from "~/staff/login.server";
import { clientIp } from "~/staff/route-helpers.server";
import { withRateLimitPage } from "~/http/errors.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.twoFactor")];

function target(request: Request, value?: string | null) {
  const redirectTo = safeRedirectPath(value ?? new URL(request.url).searchParams.get("redirectTo"), "/staff");
  return redirectTo === "/" ? "/staff" : redirectTo;
}

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { allowPendingTwoFactor: true });
  requirePendingStillFresh(request, staff);
  const redirectTo = target(request);
  if (staff.session.twoFactorVerified) throw redirect(redirectTo);
  if (!staff.user.totpSecret) throw redirect(`/login/two-factor-setup?redirectTo=${encodeURIComponent(redirectTo)}`);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { allowPendingTwoFactor: true });
  requirePendingStillFresh(request, staff);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: TwoFactorFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  if (staff.session.twoFactorVerified) throw redirect(target(request, submission.value.redirectTo), 303);
  const outcome = withRateLimitPage(() => completeTwoFactor(staff, submission.value.code, clientIp(context)));
  if (outcome === "invalid") {
    return data(submission.reply({ fieldErrors: { code: ["staff.twoFactor.invalid"] }, hideFields: ["code"] }), { status: 400 });
  }
  return redirect(target(request, submission.value.redirectTo), 303);
}

export default function TwoFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(TwoFactorFormSchema, lastResult);
  return (
    <Layout>
      <h1>{t("staff.twoFactor.title")}</h1>
      <p className="font-lead">{t("staff.twoFactor.lead")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <OneTimeCodeField meta={fields.code} inputMode="text" />
        <button type="submit" className="button button-primary">
          {t("staff.twoFactor.submit")}
        </button>
      </Form>
      <Form method="post" action="/logout" className="mt-5">
        <button type="submit" className="button button-tertiary">
          {t("staff.twoFactor.cancel")}
        </button>
      </Form>
    </Layout>
  );
}
