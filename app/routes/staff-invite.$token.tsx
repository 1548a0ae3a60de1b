import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/forms";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";
import { AcceptStaffInvitationFormSchema } from "~/staff/auth-forms";
import { NewPasswordFields } from "~/staff/auth-fields";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit, withRateLimitPage } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { acceptStaffInvite, inspectStaffInvitationLink } from "~/staff/staff-invitations.server";
import { pageTitle } from "~/staff/page-title";

/** The token is in the URL: no Referer leaves this page. */
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.invite"), { name: "referrer", content: "no-referrer" }];

/** Reads only; unknown, expired, revoked and used links look the same. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const found = withRateLimitPage(() => inspectStaffInvitationLink(params.token ?? "", clientIp(context)));
  const headers = { "Referrer-Policy": "no-referrer" };
  if (!found) return data({ valid: false as const, organisationName: null, email: null, name: null }, { status: 404, headers });
  return data(
    { valid: true as const, organisationName: found.organisationName, email: found.invitation.email, name: found.invitation.name },
    { headers },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AcceptStaffInvitationFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  const outcome = await acceptStaffInvite(params.token ?? "", submission.value, request, clientIp(context)).catch(rethrowRateLimit);
  if (outcome.kind === "invalid-link") {
    return data(submission.reply({ formErrors: ["staff.invite.invalidLink"], hideFields: ["password", "confirmPassword"] }), { status: 404 });
  }
  if (outcome.kind === "field") {
    return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  return redirect(outcome.next, { status: 303, headers: { "Set-Cookie": outcome.cookie } });
}

export default function AcceptStaffInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(AcceptStaffInvitationFormSchema, lastResult, { defaultValue: { name: invitation.name ?? "" } });
  if (!invitation.valid) {
    return (
      <Layout>
        <h1>{t("staff.invite.invalidTitle")}</h1>
        <p className="font-lead">{t("staff.invite.invalidLink")}</p>
      </Layout>
    );
  }
  return (
    <Layout organisationName={invitation.organisationName}>
      <h1>{t("staff.invite.title", { organisation: invitation.organisationName })}</h1>
      <p className="font-lead">{t("staff.invite.lead", { email: invitation.email })}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={errors.field(fields.name)} label={t("staff.field.name")} autoComplete="name" />
        <NewPasswordFields fields={fields} />
        <button type="submit" className="button button-primary">
          {t("staff.invite.submit")}
        </button>
      </Form>
    </Layout>
  );
}
