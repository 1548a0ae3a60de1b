import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert } from "~/components/forms";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { RaciFormSchema, toRaciRows } from "~/relationship/forms";
import { RaciEditor } from "~/relationship/raci-editor";
import { orgRaci, raciIssueText, saveOrgRaci } from "~/relationship/raci.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.raci.defaultTitle")];

/** The organisation's default RACI matrix (admin); every supplier starts from it. */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  return orgRaci(staff.organisation.id, getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const submission = parseWithZod(await request.formData(), { schema: RaciFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const locale = getLocale(request);
  const outcome = saveOrgRaci(staff, toRaciRows(submission.value), clientIp(context), { locale });
  if (outcome.kind !== "ok") {
    const t = getTranslator(locale);
    const issues = outcome.kind === "invalid" ? outcome.issues : [];
    return data({ result: submission.reply({ formErrors: issues.map((issue) => raciIssueText(t, issue)) }), saved: false }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), saved: true };
}

export default function DefaultRaci() {
  const { rows, seeded } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to="/staff/settings">{t("relationship.raci.backToSettings")}</Link>
      </p>
      <h1>{t("relationship.raci.defaultTitle")}</h1>
      <p className="font-lead">{t("relationship.raci.defaultLead")}</p>
      {seeded ? <p>{t("relationship.raci.seeded")}</p> : null}
      {actionData?.saved ? <Alert kind="success" heading={t("relationship.raci.saved")} /> : null}
      <RaciEditor key={JSON.stringify(rows)} rows={rows} lastResult={actionData?.result} />
    </>
  );
}
