import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRecentAuthentication, requireStaff } from "~/auth/staff-session.server";
import { Alert, FormErrorSummary } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { CurrentPasswordField, NewPasswordFields } from "~/staff/auth-fields";
import { changePassword, disableTwoFactor, endMySession, mySessions, recoveryCodesLeft, regenerateRecoveryCodes } from "~/staff/account.server";
import { ChangePasswordFormSchema } from "~/staff/auth-forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { twoFactorRequired } from "~/staff/two-factor-policy";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.account")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  return {
    user: { name: staff.user.name, email: staff.user.email, role: staff.user.role },
    twoFactor: Boolean(staff.user.totpSecret),
    twoFactorRequired: twoFactorRequired(staff.user, staff.organisation.settings),
    recoveryCodesLeft: recoveryCodesLeft(staff.user.id),
    sessions: mySessions(staff),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request);
  requireRecentAuthentication(request, staff);
  const ip = clientIp(context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "disable-two-factor") {
    const outcome = disableTwoFactor(staff, ip);
    return { intent, result: null, notice: outcome === "ok" ? ("staff.account.twoFactorDisabled" as const) : null, codes: null, error: outcome === "required" ? ("staff.account.twoFactorRequired" as const) : null };
  }
  if (intent === "end-session") {
    const ended = endMySession(staff, String(formData.get("handle") ?? ""), ip);
    if (!ended) notFound();
    return { intent, result: null, notice: "staff.account.sessionEnded" as const, codes: null, error: null };
  }
  if (intent === "recovery-codes") {
    if (!staff.user.totpSecret) throw redirect("/staff/account");
    return { intent, result: null, notice: null, codes: regenerateRecoveryCodes(staff, ip), error: null };
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordFormSchema });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply({ hideFields: ["currentPassword", "password", "confirmPassword"] }), notice: null, codes: null, error: null }, { status: 400 });
  }
  const problem = await changePassword(staff, submission.value, ip).catch(rethrowRateLimit);
  if (problem) {
    return data(
      {
        intent,
        result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] }, hideFields: ["currentPassword", "password", "confirmPassword"] }),
        notice: null,
        codes: null,
        error: null,
      },
      { status: 400 },
    );
  }
  return { intent, result: submission.reply({ resetForm: true }), notice: "staff.account.passwordChanged" as const, codes: null, error: null };
}

export default function Account() {
  const { user, twoFactor, twoFactorRequired: required, recoveryCodesLeft, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, formatDateTime } = useTranslation();
  const [form, fields] = useValidatedForm(
    ChangePasswordFormSchema,
    actionData?.intent === "change-password" ? actionData.result ?? undefined : undefined,
    { id: "change-password" },
  );
  return (
    <>
      <h1>{t("staff.account.title")}</h1>
      {actionData?.notice ? <Alert kind="success" heading={t(actionData.notice)} /> : null}
      {actionData?.error ? <Alert kind="error" heading={t(actionData.error)} /> : null}
      <dl className="details-list">
        <dt>{t("staff.field.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("staff.field.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("staff.users.role")}</dt>
        <dd>{t(`staff.role.${user.role}`)}</dd>
      </dl>

      <h2>{t("staff.account.twoFactor")}</h2>
      <p>{twoFactor ? t("staff.account.twoFactorOn", { count: recoveryCodesLeft }) : t("staff.account.twoFactorOff")}</p>
      {actionData?.codes ? (
        <>
          <p>{t("staff.recoveryCodes.explain")}</p>
          <ul className="recovery-codes" aria-label={t("staff.recoveryCodes.title")}>
            {actionData.codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="button-row">
        <Link className="button button-secondary" to="/login/two-factor-setup?redirectTo=%2Fstaff%2Faccount">
          {twoFactor ? t("staff.account.replaceTwoFactor") : t("staff.account.enableTwoFactor")}
        </Link>
      </p>
      {twoFactor ? (
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="recovery-codes" className="button button-secondary">
            {t("staff.account.newRecoveryCodes")}
          </button>{" "}
          {!required ? (
            <button type="submit" name="intent" value="disable-two-factor" className="button button-warning">
              {t("staff.account.disableTwoFactor")}
            </button>
          ) : null}
        </Form>
      ) : null}

      <h2>{t("staff.account.changePassword")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <CurrentPasswordField meta={fields.currentPassword} label={t("staff.field.currentPassword")} />
        <NewPasswordFields fields={fields} />
        <button type="submit" name="intent" value="change-password" className="button button-primary">
          {t("staff.account.changePasswordSubmit")}
        </button>
      </Form>

      <h2>{t("staff.account.sessions")}</h2>
      <table className="table">
        <caption className="sr-only">{t("staff.account.sessionList")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.account.sessionStarted")}</th>
            <th scope="col">{t("staff.account.sessionFrom")}</th>
            <th scope="col">{t("staff.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.handle}>
              <td>{formatDateTime(new Date(session.createdAt))}</td>
              <td>
                {session.ip ?? "—"}
                {session.userAgent ? <span className="form-hint"> {session.userAgent}</span> : null}
              </td>
              <td>
                {session.current ? (
                  <strong>{t("staff.account.thisSession")}</strong>
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="handle" value={session.handle} />
                    <button type="submit" name="intent" value="end-session" className="button button-tertiary">
                      {t("staff.account.endSession", { started: formatDateTime(new Date(session.createdAt)) })}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t("staff.account.sessionsLead")}</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="scope" value="all" />
        <button type="submit" className="button button-secondary">
          {t("staff.account.logoutEverywhere")}
        </button>
      </Form>
    </>
  );
}
