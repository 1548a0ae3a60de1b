import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, FormErrorSummary } from "~/components/forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { isAnswering } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { DatedEvidenceFields } from "~/supervision/components/dated-evidence-fields";
import { EvidenceKindLabel } from "~/supervision/components/dated-evidence-table";
import { DocumentFileField } from "~/supervision/components/document-file-field";
import { addAssuranceReportBySupplier, portalDatedEvidence } from "~/supervision/dated-evidence.server";
import { documentReply } from "~/supervision/document-reply";
import { SupplierAssuranceFormSchema } from "~/supervision/forms";

/** The supplier's assurance reports and other dated evidence, each with its document (SPEC C11). */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  return { organisationName: ctx.organisationName, submitted: !isAnswering(ctx.assessment.status), items: portalDatedEvidence(ctx) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const outcome = await addAssuranceReportBySupplier(ctx, request, context.ip);
  if (outcome.kind !== "ok") return data(documentReply(outcome), { status: outcome.kind === "file" ? outcome.status : 400 });
  return redirect("/s/assurance?added=1", 303);
}

export default function PortalAssurance() {
  const { organisationName, submitted, items } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, formatDate } = useTranslation();
  const [form, fields] = useValidatedForm(SupplierAssuranceFormSchema, lastResult, { defaultValue: { qualified: "no", bridgeLetter: "no" } });
  return (
    <SupplierLayout organisationName={organisationName} submitted={submitted}>
      <h1>{t("supervision.portal.assurance.title")}</h1>
      <p className="font-lead">{t("supervision.portal.assurance.lead", { organisation: organisationName })}</p>
      {params.get("added") === "1" ? <Alert kind="success" heading={t("supervision.portal.assurance.added")} /> : null}
      <h2>{t("supervision.portal.assurance.yours")}</h2>
      {items.length === 0 ? (
        <p>{t("supervision.evidence.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("supervision.evidence.kind")}</th>
              <th scope="col">{t("supervision.evidence.periodEnd")}</th>
              <th scope="col">{t("supervision.evidence.expiresOn")}</th>
              <th scope="col">{t("supervision.renewal.file")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <EvidenceKindLabel kind={item.kind} reportType={item.reportType} />
                </td>
                <td>{formatDate(item.periodEnd)}</td>
                <td>{formatDate(item.expiresOn)}</td>
                <td>{item.fileName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("supervision.portal.assurance.add")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <DatedEvidenceFields fields={fields as never} supplier />
        <DocumentFileField id="assurance-file" />
        <button type="submit" className="button button-primary">
          {t("supervision.portal.assurance.submit")}
        </button>
      </Form>
    </SupplierLayout>
  );
}
