import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary } from "~/components/forms";
import { useValidatedForm } from "~/components/use-validated-form";
import { notFound } from "~/http/errors.server";
import { RECORD_ID } from "~/http/record-id";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";
import { DatedEvidenceFields } from "~/supervision/components/dated-evidence-fields";
import { evidenceFormDefaults, findEvidenceForEditing, saveDatedEvidence } from "~/supervision/dated-evidence.server";
import { supplierHeading } from "~/supervision/events.server";
import { DatedEvidenceFormSchema } from "~/supervision/forms";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "supervision.evidence.title")];

/** The supplier and, with `?edit=<id>`, the evidence being edited; anything not in the staff member's organisation is 404. */
function lookUp(orgId: string, supplierId: string | undefined, editId: string | null) {
  const supplier = RECORD_ID.test(supplierId ?? "") ? supplierHeading(orgId, supplierId!) : undefined;
  if (!supplier) notFound();
  if (editId === null || editId === "") return { supplier, editing: null };
  const editing = RECORD_ID.test(editId) ? findEvidenceForEditing(orgId, supplier.id, editId) : undefined;
  if (!editing) notFound();
  return { supplier, editing };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const { supplier, editing } = lookUp(staff.organisation.id, params.supplierId, new URL(request.url).searchParams.get("edit"));
  return { supplier, editingId: editing?.id ?? null, defaults: editing ? evidenceFormDefaults(editing) : { qualified: "no", bridgeLetter: "no" } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const formData = await request.formData();
  const { supplier, editing } = lookUp(staff.organisation.id, params.supplierId, String(formData.get("id") ?? ""));
  const submission = parseWithZod(formData, { schema: DatedEvidenceFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = saveDatedEvidence(staff, supplier.id, editing?.id ?? null, submission.value, clientIp(context));
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data(submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), { status: 400 });
  return redirect(`/staff/suppliers/${supplier.id}?notice=evidence#evidence-heading`, 303);
}

export default function DatedEvidencePage() {
  const { supplier, editingId, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(DatedEvidenceFormSchema, lastResult, { defaultValue: defaults });
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{editingId ? t("supervision.evidence.editHeading", { name: supplier.name }) : t("supervision.evidence.addHeading", { name: supplier.name })}</h1>
      <p className="font-lead">{t("supervision.evidence.lead")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        {editingId ? <input type="hidden" name="id" value={editingId} /> : null}
        <DatedEvidenceFields fields={fields as never} />
        <button type="submit" name="intent" value="save-evidence" className="button button-primary">
          {t("supervision.evidence.save")}
        </button>
      </Form>
    </>
  );
}
