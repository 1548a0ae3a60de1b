import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { ContractRequirementsView } from "~/contracts/contract-requirements-view";
import { loadContractRequirementsPage } from "~/contracts/contract-requirements.server";
import { badRequest } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { getLocale } from "~/i18n/locale.server";
import { reviewTitle } from "~/review/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => reviewTitle(matches, "contracts.title", { supplier: data?.supplierName ?? "" });

/** Security requirements for the contract, from one assessment's answers, flags and tier (every staff role, own organisation). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  return loadContractRequirementsPage(staff, params.assessmentId!, getLocale(request));
}

export default function ContractRequirements() {
  return <ContractRequirementsView page={useLoaderData<typeof loader>()} />;
}
