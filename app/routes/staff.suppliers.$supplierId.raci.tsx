import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { RaciFormSchema, toRaciRows } from "~/relationship/forms";
import { RaciEditor } from "~/relationship/raci-editor";
import { raciIssueText, saveSupplierRaci, supplierRaci } from "~/relationship/raci.server";
import { findRelationshipSupplier } from "~/relationship/relationship.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.raci.title")];

/** One supplier's RACI matrix: starts as the organisation's default, may differ (reviewer). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  return { supplier: { id: supplier.id, name: supplier.name }, raci: supplierRaci(staff.organisation.id, supplier.id, getLocale(request)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  const submission = parseWithZod(await request.formData(), { schema: RaciFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const locale = getLocale(request);
  const input = submission.value.intent === "reset" ? { reset: true as const } : { rows: toRaciRows(submission.value) };
  const outcome = saveSupplierRaci(staff, supplier.id, input, clientIp(context), { locale });
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "invalid") {
    const t = getTranslator(locale);
    return data(submission.reply({ formErrors: outcome.issues.map((issue) => raciIssueText(t, issue)) }), { status: 400 });
  }
  return redirect(`/staff/suppliers/${supplier.id}#raci-heading`, 303);
}

export default function SupplierRaciPage() {
  const { supplier, raci } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("relationship.raci.supplierTitle", { name: supplier.name })}</h1>
      <p className="font-lead">{raci.inherited ? t("relationship.raci.inherited") : t("relationship.raci.own")}</p>
      <RaciEditor rows={raci.rows} lastResult={lastResult} resetLabel={raci.inherited ? undefined : t("relationship.raci.reset")} />
    </>
  );
}
