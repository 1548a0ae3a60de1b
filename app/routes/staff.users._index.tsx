import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRecentAuthentication, requireStaff } from "~/auth/staff-session.server";
import { STAFF_ROLES } from "#db/schema";
import { Alert, FormErrorSummary, SelectField, TextField } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { notFound } from "~/http/errors.server";
import { InviteStaffFormSchema } from "~/staff/auth-forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { inviteStaff, revokeStaffInvite } from "~/staff/staff-invitations.server";
import { staffOverview } from "~/staff/users.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.users")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  return { ...staffOverview(staff.organisation.id), me: staff.user.id };
}

const RevokeSchema = z.object({ intent: z.literal("revoke-invitation"), id: z.string().min(1).max(40) });

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  requireRecentAuthentication(request, staff);
  const formData = await request.formData();
  if (formData.get("intent") === "revoke-invitation") {
    const submission = parseWithZod(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
    if (!revokeStaffInvite(staff, submission.value.id, clientIp(context))) notFound();
    return { result: null, notice: "staff.users.invitationRevoked" as const };
  }
  const submission = parseWithZod(formData, { schema: InviteStaffFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const outcome = await inviteStaff(staff, submission.value, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "email-taken") return data({ result: submission.reply({ fieldErrors: { email: ["staff.users.emailTaken"] } }), notice: null }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), notice: "staff.users.invited" as const };
}

export default function Users() {
  const { users, invitations, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(InviteStaffFormSchema, actionData?.result ?? undefined, { id: "invite", defaultValue: { role: "reviewer" } });
  return (
    <>
      <h1>{t("staff.users.title")}</h1>
      {actionData?.notice ? <Alert kind="success" heading={t(actionData.notice)} /> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("staff.field.name")}</th>
            <th scope="col">{t("staff.field.email")}</th>
            <th scope="col">{t("staff.users.role")}</th>
            <th scope="col">{t("staff.users.twoFactor")}</th>
            <th scope="col">{t("staff.users.state")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.id === me ? user.name : <Link to={`/staff/users/${user.id}`}>{user.name}</Link>}</td>
              <td>{user.email}</td>
              <td>{t(`staff.role.${user.role}`)}</td>
              <td>{user.twoFactor ? t("form.yes") : t("form.no")}</td>
              <td>{user.disabled ? t("staff.users.disabled") : t("staff.users.active")}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("staff.users.openInvitations")}</h2>
      {invitations.length === 0 ? (
        <p>{t("staff.users.noInvitations")}</p>
      ) : (
        <ul>
          {invitations.map((invitation) => (
            <li key={invitation.id}>
              {invitation.name} &lt;{invitation.email}&gt; — {t(`staff.role.${invitation.role}`)} —{" "}
              {t("staff.users.expires", { date: formatDate(new Date(invitation.expiresAt)) })}{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={invitation.id} />
                <button type="submit" name="intent" value="revoke-invitation" className="button button-tertiary">
                  {t("staff.users.revokeInvitation", { email: invitation.email })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <h2>{t("staff.users.invite")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.name)} label={t("staff.field.name")} autoComplete="off" />
        <TextField meta={errors.field(fields.email)} label={t("staff.field.email")} type="email" autoComplete="off" />
        <SelectField meta={errors.field(fields.role)} label={t("staff.users.role")} options={STAFF_ROLES.map((role) => ({ value: role, label: t(`staff.role.${role}`) }))} />
        <button type="submit" name="intent" value="invite" className="button button-primary">
          {t("staff.users.inviteSubmit")}
        </button>
      </Form>
    </>
  );
}
