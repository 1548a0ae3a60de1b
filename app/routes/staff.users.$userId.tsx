import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRecentAuthentication, requireStaff } from "~/auth/staff-session.server";
import { STAFF_ROLES } from "#db/schema";
import { Alert, FormErrorSummary, SelectField } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { ChangeRoleFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { clientIp } from "~/staff/route-helpers.server";
import { changeRole, findStaffMember, publicUser, setDisabled, type UserChangeOutcome } from "~/staff/users.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.user")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const user = findStaffMember(staff.organisation.id, params.userId ?? "");
  if (!user) notFound();
  return { user: publicUser(user), self: user.id === staff.user.id };
}

const MESSAGES: Record<Exclude<UserChangeOutcome, "ok" | "not-found">, string> = {
  self: "staff.users.notSelf",
  "last-admin": "staff.users.lastAdmin",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const userId = params.userId ?? "";
  if (!findStaffMember(staff.organisation.id, userId)) notFound();
  requireRecentAuthentication(request, staff);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let outcome: UserChangeOutcome;
  let reply: (o?: { formErrors?: string[] }) => unknown;
  if (intent === "disable" || intent === "enable") {
    outcome = setDisabled(staff, userId, intent === "disable", clientIp(context));
    reply = (o) => ({ status: o?.formErrors ? "error" : "success", error: o?.formErrors ? { "": o.formErrors } : undefined });
  } else {
    const submission = parseWithZod(formData, { schema: ChangeRoleFormSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
    outcome = changeRole(staff, userId, submission.value.role, clientIp(context));
    reply = (o) => submission.reply(o);
  }
  if (outcome === "not-found") notFound();
  if (outcome !== "ok") return data({ result: reply({ formErrors: [MESSAGES[outcome]] }) as never, notice: null }, { status: 409 });
  return { result: null, notice: "staff.users.saved" as const };
}

export default function UserPage() {
  const { user, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ChangeRoleFormSchema, actionData?.result ?? undefined, { defaultValue: { role: user.role } });
  return (
    <>
      <p>
        <Link to="/staff/users">{t("staff.users.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      {actionData?.notice ? <Alert kind="success" heading={t(actionData.notice)} /> : null}
      <FormErrorSummary form={form} />
      <dl className="details-list">
        <dt>{t("staff.field.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("staff.users.role")}</dt>
        <dd>{t(`staff.role.${user.role}`)}</dd>
        <dt>{t("staff.users.twoFactor")}</dt>
        <dd>{user.twoFactor ? t("form.yes") : t("form.no")}</dd>
        <dt>{t("staff.users.state")}</dt>
        <dd>{user.disabled ? t("staff.users.disabled") : t("staff.users.active")}</dd>
      </dl>
      {self ? null : (
        <>
          <h2>{t("staff.users.changeRole")}</h2>
          <p>{t("staff.users.changeRoleLead")}</p>
          <Form method="post" {...getFormProps(form)}>
            <SelectField meta={errors.field(fields.role)} label={t("staff.users.role")} options={STAFF_ROLES.map((role) => ({ value: role, label: t(`staff.role.${role}`) }))} />
            <button type="submit" name="intent" value="change-role" className="button button-primary">
              {t("staff.users.changeRoleSubmit")}
            </button>
          </Form>
          <h2>{user.disabled ? t("staff.users.enable") : t("staff.users.disable")}</h2>
          <Form method="post">
            <button type="submit" name="intent" value={user.disabled ? "enable" : "disable"} className={user.disabled ? "button button-secondary" : "button button-warning"}>
              {user.disabled ? t("staff.users.enableSubmit") : t("staff.users.disableSubmit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
