import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { findRemediationItem } from "#db/repos/remediation";
import { requireStaff } from "~/auth/staff-session.server";
import { FormErrorSummary, TextAreaField } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { useTranslation } from "~/i18n/use-translation";
import { closeRemediation } from "~/remediation/remediation.server";
import { CloseRemediationFormSchema } from "~/review/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { reviewTitle } from "~/review/meta";
import { RECORD_ID } from "~/http/record-id";

export const meta: MetaFunction = ({ matches }) => reviewTitle(matches, "review.remediation.closeTitle");


export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  if (!RECORD_ID.test(params.itemId ?? "")) notFound();
  const item = findRemediationItem(getDb(), staff.organisation.id, params.itemId!);
  if (!item) notFound();
  const returnTo = safeRedirectPath(new URL(request.url).searchParams.get("returnTo"), `/staff/assessments/${item.assessmentId}`);
  return {
    item: { id: item.id, text: item.text, ownerName: item.ownerName, ownerSide: item.ownerSide, deadline: item.deadline, status: item.status },
    returnTo,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  if (!RECORD_ID.test(params.itemId ?? "")) notFound();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: CloseRemediationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = closeRemediation(staff, params.itemId!, submission.value.note, { ip: (context?.ip as string | undefined) ?? null });
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 });
  return redirect(safeRedirectPath(String(formData.get("returnTo") ?? ""), "/staff/review"), { status: 303 });
}

export default function CloseRemediation() {
  const { item, returnTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(CloseRemediationFormSchema, lastResult);
  return (
    <>
      <h1>{t("review.remediation.closeTitle")}</h1>
      <p>{item.text}</p>
      <p>
        {t("review.remediation.ownerAndDeadline", {
          owner: item.ownerName,
          deadline: formatDate(item.deadline),
        })}
      </p>
      {item.status === "closed" ? (
        <p>{t("review.remediation.closed")}</p>
      ) : (
        <>
          <FormErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="close-remediation" />
            <input type="hidden" name="itemId" value={item.id} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <TextAreaField meta={errors.field(fields.note)} label={t("review.remediation.closingNote")} hint={t("review.remediation.closingNoteHint")} rows={3} />
            <button type="submit" className="button button-primary">
              {t("review.remediation.closeSubmit")}
            </button>
          </Form>
        </>
      )}
      <p className="mt-5">
        <Link to={returnTo}>{t("form.back")}</Link>
      </p>
    </>
  );
}
