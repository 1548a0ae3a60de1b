import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasRole, requireStaff } from "~/auth/staff-session.server";
import { Alert } from "~/components/forms";
import { evidencePolicy } from "~/evidence/evidence.server";
import { notFound } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { ContractReviewForm } from "~/relationship/contract-review-form";
import { ContractReviewHistory } from "~/relationship/contract-review-history";
import { contractReviewState, recordContractReview } from "~/relationship/contract-review.server";
import { DocumentUploadForm } from "~/relationship/document-upload";
import { uploadAgreement } from "~/relationship/documents-staff.server";
import { ContractReviewFormSchema } from "~/relationship/forms";
import { findRelationshipSupplier } from "~/relationship/relationship.server";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";
import { evidencePolicyView } from "~/supplier-portal/views.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.review.title")];

/** The yearly agreement review (CFCS 5.5): history for everyone, the form for reviewers. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  return {
    supplier: { id: supplier.id, name: supplier.name, archived: Boolean(supplier.archivedAt) },
    state: contractReviewState(staff.organisation.id, supplier, new Date()),
    canEdit: hasRole(staff.user, "reviewer") && !supplier.archivedAt,
    policy: evidencePolicyView(evidencePolicy(), getLocale(request)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplier = findRelationshipSupplier(staff, params.supplierId);
  const ip = clientIp(context);
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await uploadAgreement(staff, supplier, request, ip);
    return data({ upload, result: undefined }, { status: upload.ok ? 200 : upload.status });
  }
  const submission = parseWithZod(await request.formData(), { schema: ContractReviewFormSchema });
  if (submission.status !== "success") return data({ upload: null, result: submission.reply() }, { status: 400 });
  const outcome = recordContractReview(staff, supplier.id, submission.value, ip);
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data({ upload: null, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  return redirect(`/staff/suppliers/${supplier.id}/contract-review?recorded=${outcome.findings}`, 303);
}

export default function ContractReviewPage() {
  const { supplier, state, canEdit, policy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, formatDate } = useTranslation();
  const recorded = params.get("recorded");
  const overdue = state.dueOn < state.today;
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("relationship.review.pageTitle", { name: supplier.name })}</h1>
      <p className="font-lead">{t("relationship.review.lead")}</p>
      {recorded !== null ? <Alert kind="success" heading={t("relationship.review.recorded", { count: Number(recorded) || 0 })} /> : null}
      {!supplier.archived ? (
        <p>
          <strong>{t(overdue ? "relationship.review.overdue" : "relationship.review.due", { date: formatDate(state.dueOn) })}</strong>
        </p>
      ) : null}
      <ContractReviewHistory supplierId={supplier.id} reviews={state.reviews} agreements={state.agreements} />
      {canEdit ? (
        <>
          <h2>{t("relationship.review.agreementTitle")}</h2>
          <DocumentUploadForm
            label={t("relationship.review.agreementLabel")}
            hint={t("relationship.review.agreementHint")}
            accept={policy.accept}
            rules={{ types: policy.types, size: policy.maxSize }}
            notice={actionData?.upload ?? null}
            button={t("relationship.document.upload")}
          />
          <h2>{t("relationship.review.newTitle")}</h2>
          <ContractReviewForm accepted={state.accepted} agreements={state.agreements} proposedNext={state.proposedNext} lastResult={actionData?.result} />
        </>
      ) : null}
    </>
  );
}
