import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { SubSupplierConfirmFormSchema } from "~/relationship/forms";
import { findRelationshipSupplier } from "~/relationship/relationship.server";
import { SubSupplierProposalForm } from "~/relationship/sub-supplier-proposals";
import { confirmSubSupplier, subSupplierProposalsFor } from "~/relationship/sub-suppliers.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.subSuppliers.title")];

/** The sub-suppliers the supplier named in its latest answers (theme 8), for staff to confirm (reviewer). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  return { supplier: { id: supplier.id, name: supplier.name }, found: subSupplierProposalsFor(staff.organisation.id, supplier.id) };
}

type ActionResult = { proposal: string; result: SubmissionResult<string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  const formData = await request.formData();
  const proposal = String(formData.get("proposal") ?? "");
  const submission = parseWithZod(formData, { schema: SubSupplierConfirmFormSchema });
  if (submission.status !== "success") return data<ActionResult>({ proposal, result: submission.reply() }, { status: 400 });
  const { assessmentId, sourceText, name, service, country, critical } = submission.value;
  const outcome = confirmSubSupplier(staff, supplier.id, { assessmentId, sourceText: sourceText ?? "", name, service, country, critical }, clientIp(context));
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data<ActionResult>({ proposal, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  return redirect(`/staff/suppliers/${supplier.id}/sub-suppliers?confirmed=1`, 303);
}

export default function SubSupplierProposalsPage() {
  const { supplier, found } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}#subs-heading`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("relationship.subSuppliers.pageTitle", { name: supplier.name })}</h1>
      <p className="font-lead">{t("relationship.subSuppliers.lead")}</p>
      {!found || found.proposals.length === 0 ? <p>{t("relationship.subSuppliers.noneToConfirm")}</p> : null}
      {found?.proposals.map((proposal, index) => (
        <SubSupplierProposalForm
          key={`${found.assessmentId}-${proposal.name}`}
          proposal={proposal}
          index={index}
          assessmentId={found.assessmentId}
          lastResult={actionData?.proposal === String(index) ? actionData.result : undefined}
        />
      ))}
    </>
  );
}
