import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasRole, refuseStaff, requireRecentAuthentication, requireStaff } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import { useTranslation } from "~/i18n/use-translation";
import { OffboardingFormSchema } from "~/relationship/forms";
import { OffboardingPanel } from "~/relationship/offboarding-panel";
import {
  completeOffboarding,
  offboardingState,
  reactivateSupplier,
  requestDeletionConfirmation,
  saveOffboardingChecklist,
  startOffboarding,
  type OffboardingOutcome,
} from "~/relationship/offboarding.server";
import { findRelationshipSupplier } from "~/relationship/relationship.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.offboarding.title")];

/** Ending the relationship (CFCS 6.1): the checklist, the supplier's deletion confirmation, archiving and reactivation. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  return {
    supplier: { id: supplier.id, name: supplier.name },
    state: offboardingState(staff.organisation.id, supplier),
    canEdit: hasRole(staff.user, "reviewer") && !supplier.archivedAt,
    canReactivate: hasRole(staff.user, "admin"),
  };
}

type ActionResult = { intent: string; result: SubmissionResult<string[]>; formError?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  const ip = clientIp(context);
  const submission = parseWithZod(await request.formData(), { schema: OffboardingFormSchema });
  if (submission.status !== "success") {
    return data<ActionResult>({ intent: String(submission.payload.intent ?? ""), result: submission.reply(), formError: "validation.invalidChoice" }, { status: 400 });
  }
  const value = submission.value;
  let outcome: OffboardingOutcome;
  if (value.intent === "start") outcome = startOffboarding(staff, supplier.id, ip);
  else if (value.intent === "checklist") outcome = saveOffboardingChecklist(staff, supplier.id, { done: value.done ?? [], notes: value.notes }, ip);
  else if (value.intent === "request") outcome = await requestDeletionConfirmation(staff, supplier.id, value.contactId, ip);
  else if (value.intent === "complete") outcome = completeOffboarding(staff, supplier.id, ip);
  else {
    if (!hasRole(staff.user, "admin")) throw refuseStaff(request, staff, "admin");
    requireRecentAuthentication(request, staff);
    outcome = reactivateSupplier(staff, supplier.id, ip);
  }
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data<ActionResult>({ intent: value.intent, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  if (outcome.kind === "form") return data<ActionResult>({ intent: value.intent, result: submission.reply({ formErrors: [outcome.message] }), formError: outcome.message }, { status: 400 });
  return redirect(value.intent === "reactivate" ? `/staff/suppliers/${supplier.id}` : `/staff/suppliers/${supplier.id}/offboarding`, 303);
}

export default function OffboardingPage() {
  const { supplier, state, canEdit, canReactivate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("relationship.offboarding.pageTitle", { name: supplier.name })}</h1>
      <p className="font-lead">{t("relationship.offboarding.lead")}</p>
      <OffboardingPanel
        supplierId={supplier.id}
        archivedAt={state.archivedAt}
        offboarding={state.offboarding}
        confirmations={state.confirmations}
        contacts={state.contacts}
        canEdit={canEdit}
        canReactivate={canReactivate}
        result={actionData}
        formError={actionData?.formError}
      />
    </>
  );
}
