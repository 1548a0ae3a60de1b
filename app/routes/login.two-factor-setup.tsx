import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { markTwoFactorVerified, requireRecentAuthentication, requireStaff, type StaffContext } from "~/auth/staff-session.server";
import { Alert, FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { withRateLimitPage } from "~/http/errors.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { useTranslation } from "~/i18n/use-translation";
import { enrolTwoFactor } from "~/staff/account.server";
import { requirePendingStillFresh } from "~/staff/login.server";
import { TwoFactorSetupFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { clientIp } from "~/staff/route-helpers.server";
import { generateTotpSecret, totpQrDataUrl, totpUri } from "~/staff/totp.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.twoFactor")];

function guard(request: Request): { staff: StaffContext; redirectTo: string } {
  const staff = requireStaff(request, { allowPendingTwoFactor: true });
  const url = new URL(request.url);
  const fallback = staff.session.twoFactorVerified ? "/staff/account" : "/staff";
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), fallback);
  // A session still waiting for its second factor may not replace one that exists.
  if (!staff.session.twoFactorVerified && staff.user.totpSecret) {
    throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  requirePendingStillFresh(request, staff);
  requireRecentAuthentication(request, staff);
  return { staff, redirectTo: redirectTo === "/" ? "/staff" : redirectTo };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff, redirectTo } = guard(request);
  const secret = generateTotpSecret();
  const uri = totpUri(secret, staff.user.email);
  return {
    secret,
    secretGrouped: secret.match(/.{1,4}/g)!.join(" "),
    qr: await totpQrDataUrl(uri),
    redirectTo,
    pending: !staff.session.twoFactorVerified,
    replacing: Boolean(staff.user.totpSecret),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, redirectTo } = guard(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: TwoFactorSetupFormSchema });
  // A mistyped code must not change the secret already scanned: the form shows it again.
  const again = async () => {
    const secret = String(formData.get("secret") ?? "");
    if (!/^[A-Z2-7]{32}$/.test(secret)) return null;
    return { secret, secretGrouped: secret.match(/.{1,4}/g)!.join(" "), qr: await totpQrDataUrl(totpUri(secret, staff.user.email)) };
  };
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }), recoveryCodes: null, redirectTo, enrolment: await again() }, { status: 400 });
  }
  const outcome = withRateLimitPage(() =>
    enrolTwoFactor(staff, submission.value, clientIp(context), {
      markSessionVerified: (sessionId, now) => markTwoFactorVerified(sessionId, now),
    }),
  );
  if (outcome.kind === "invalid") {
    return data(
      {
        result: submission.reply({ fieldErrors: { code: ["staff.twoFactor.invalid"] }, hideFields: ["code"] }),
        recoveryCodes: null,
        redirectTo,
        enrolment: await again(),
      },
      { status: 400 },
    );
  }
  return { result: null, recoveryCodes: outcome.recoveryCodes, redirectTo, enrolment: null };
}

export function shouldRevalidate() {
  return false;
}

export default function TwoFactorSetup() {
  const fromLoader = useLoaderData<typeof loader>();
  const actionData0 = useActionData<typeof action>();
  const loaderData = { ...fromLoader, ...(actionData0?.enrolment ?? {}) };
  const actionData = actionData0;
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(TwoFactorSetupFormSchema, actionData?.result ?? undefined);
  if (actionData?.recoveryCodes) {
    return (
      <Layout>
        <h1>{t("staff.twoFactor.setup.doneTitle")}</h1>
        <Alert kind="success" heading={t("staff.twoFactor.setup.done")} />
        <h2>{t("staff.recoveryCodes.title")}</h2>
        <p>{t("staff.recoveryCodes.explain")}</p>
        <ul className="recovery-codes" aria-label={t("staff.recoveryCodes.title")}>
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button button-primary" to={actionData.redirectTo}>
            {t("staff.twoFactor.setup.continue")}
          </Link>
        </p>
      </Layout>
    );
  }
  return (
    <Layout>
      <h1>{t("staff.twoFactor.setup.title")}</h1>
      {loaderData.pending ? <Alert kind="info" heading={t("staff.twoFactor.setup.required")} /> : null}
      <ol className="stack">
        <li>{t("staff.twoFactor.setup.step1")}</li>
        <li>
          {t("staff.twoFactor.setup.step2")}
          <div>
            <img src={loaderData.qr} alt={t("staff.twoFactor.setup.qrAlt")} width={220} height={220} />
          </div>
          <p>
            {t("staff.twoFactor.setup.manual")} <code className="totp-secret">{loaderData.secretGrouped}</code>
          </p>
        </li>
        <li>{t("staff.twoFactor.setup.step3")}</li>
      </ol>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="secret" value={loaderData.secret} />
        <TextField
          meta={errors.field(fields.code)}
          label={t("staff.twoFactor.setup.code")}
          autoComplete="one-time-code"
          inputMode="numeric"
          className="input-width-s"
        />
        <button type="submit" className="button button-primary">
          {t("staff.twoFactor.setup.submit")}
        </button>
      </Form>
    </Layout>
  );
}
