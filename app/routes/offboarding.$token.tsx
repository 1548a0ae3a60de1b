import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Layout } from "~/components/layout";
import { linkErrorBoundary } from "~/components/link-error-boundary";
import { evidencePolicy } from "~/evidence/evidence.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { DocumentUploadForm } from "~/relationship/document-upload";
import { DELETION_LINK_HEADERS, inspectDeletionLink, uploadDeletionConfirmation } from "~/relationship/offboarding.server";
import { evidencePolicyView } from "~/supplier-portal/views.server";

/** The token must not leak through the Referer header of anything this page loads. */
export const headers: HeadersFunction = () => DELETION_LINK_HEADERS;

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }, { name: "referrer", content: "no-referrer" }];

/** The supplier's link for the written deletion confirmation (CFCS 6.1). Looks only. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return { ...inspectDeletionLink(params.token ?? "", context.ip), policy: evidencePolicyView(evidencePolicy(), getLocale(request)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const upload = await uploadDeletionConfirmation(params.token ?? "", request, context.ip);
  return data({ upload }, { status: upload.status, headers: upload.status === 413 ? { ...DELETION_LINK_HEADERS, Connection: "close" } : DELETION_LINK_HEADERS });
}

export default function DeletionConfirmationPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const received = page.received || actionData?.upload.ok;
  return (
    <Layout organisationName={page.organisationName}>
      <h1>{t("relationship.deletion.heading", { organisation: page.organisationName })}</h1>
      <p className="font-lead">{t("relationship.deletion.lead", { organisation: page.organisationName, supplier: page.supplierName })}</p>
      {received && !actionData ? <p>{t("relationship.deletion.received")}</p> : null}
      <DocumentUploadForm
        label={t("relationship.deletion.fileLabel")}
        hint={t("relationship.deletion.fileHint")}
        accept={page.policy.accept}
        rules={{ types: page.policy.types, size: page.policy.maxSize }}
        notice={actionData?.upload ?? null}
        button={t("relationship.deletion.upload")}
      />
    </Layout>
  );
}

export const ErrorBoundary = linkErrorBoundary({ title: "relationship.deletion.unusable", lead: "relationship.deletion.unusableBody" });
