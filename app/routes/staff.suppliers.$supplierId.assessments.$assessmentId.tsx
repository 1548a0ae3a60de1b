import { LocaleSelect } from "~/staff/supplier-detail-fields";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { z } from "zod";
import { hasRole, requireStaff } from "~/auth/staff-session.server";
import { Alert, ErrorSummary, FormErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import type { MessageKey } from "~/i18n/messages";
import { isMessageKey } from "~/i18n/translate";
import { auditActionLabel } from "~/audit/actions";
import { useTranslation } from "~/i18n/use-translation";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { rethrowRateLimit } from "~/http/errors.server";
import { clientIp } from "~/staff/route-helpers.server";
import { AddContactToAssessmentFormSchema, ExtendDueDateFormSchema, ResendFormSchema, RevokeAssessmentFormSchema } from "~/staff/supplier-forms";
import { assessmentPage, extendDueDate, resendInvitation, revokeAssessment, type AssessmentOutcome } from "~/suppliers/assessments.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.assessment")];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  const page = assessmentPage(staff.organisation.id, params.supplierId ?? "", params.assessmentId ?? "");
  if (!page) notFound();
  return { ...page, canEdit: hasRole(staff.user, "reviewer"), now: Date.now() };
}

type ActionResult = { intent: string; result: SubmissionResult<string[]>; done?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplierId = params.supplierId ?? "";
  const assessmentId = params.assessmentId ?? "";
  const ip = clientIp(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const schema =
    intent === "resend"
      ? ResendFormSchema
      : intent === "extend"
        ? ExtendDueDateFormSchema
        : intent === "revoke"
          ? RevokeAssessmentFormSchema
          : intent === "add-contact"
            ? AddContactToAssessmentFormSchema
            : null;
  if (!schema) return data<ActionResult>({ intent, result: { status: "error", error: { "": ["error.badRequest.title"] } } }, { status: 400 });
  const submission = parseWithZod(formData, { schema: schema as z.ZodTypeAny });
  if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
  const value = submission.value as Record<string, string>;
  let outcome: AssessmentOutcome;
  if (intent === "resend") outcome = await resendInvitation(staff, supplierId, assessmentId, { contactId: value.contactId! }, ip).catch(rethrowRateLimit);
  else if (intent === "add-contact")
    outcome = await resendInvitation(staff, supplierId, assessmentId, { contactId: value.contactId!, locale: value.locale as "da" | "en" }, ip, { action: "contact-added" }).catch(
      rethrowRateLimit,
    );
  else if (intent === "extend") outcome = extendDueDate(staff, supplierId, assessmentId, value.dueDate!, ip);
  else outcome = revokeAssessment(staff, supplierId, assessmentId, value.reason!, ip);
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "field") return data<ActionResult>({ intent, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  if (outcome.kind === "form") return data<ActionResult>({ intent, result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  return data<ActionResult>({ intent, result: submission.reply({ resetForm: true }), done: true });
}

export default function AssessmentPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, formatDate, formatDateTime } = useTranslation();
  const errors = useFieldErrors();
  const [params] = useSearchParams();
  const { assessment, supplier, canEdit } = page;
  const invitedContactIds = new Set(page.invitations.filter((i) => !i.revokedAt).map((i) => i.contactId));
  const uninvited = page.contacts.filter((c) => !invitedContactIds.has(c.id));
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [extendForm, extendFields] = useValidatedForm(ExtendDueDateFormSchema, resultFor("extend"), { id: "extend", defaultValue: { dueDate: assessment.dueDate } });
  const [revokeForm, revokeFields] = useValidatedForm(RevokeAssessmentFormSchema, resultFor("revoke"), { id: "revoke" });
  const [addForm, addFields] = useValidatedForm(AddContactToAssessmentFormSchema, resultFor("add-contact"), {
    id: "add-contact",
    defaultValue: { locale: uninvited[0]?.locale ?? "da" },
  });
  const resendErrors = actionData?.intent === "resend" && !actionData.done ? errors.formErrors(Object.values(actionData.result.error ?? {}).flat().filter((e): e is string => Boolean(e))) : [];
  const doneMessage: Record<string, MessageKey> = {} as Record<string, MessageKey>;
  Object.assign(doneMessage, {
    resend: "staff.assessment.resent",
    extend: "staff.assessment.extended",
    revoke: "staff.assessment.revokedNotice",
    "add-contact": "staff.assessment.contactAdded",
  });
  const invitationState = (i: (typeof page.invitations)[number]) =>
    i.revokedAt ? t("staff.invitation.revoked") : new Date(i.expiresAt).getTime() <= page.now ? t("staff.invitation.expired") : t("staff.invitation.active");
  return (
    <>
      <p>
        <Link to={`/staff/suppliers/${supplier.id}`}>{t("staff.supplier.backTo", { name: supplier.name })}</Link>
      </p>
      <h1>{t("staff.assessment.title", { name: supplier.name })}</h1>
      {params.get("notice") === "sent" && !actionData ? <Alert kind="success" heading={t("staff.send.done")} /> : null}
      {actionData?.done ? <Alert kind="success" heading={t(doneMessage[actionData.intent] ?? "staff.assessment.resent")} /> : null}
      {resendErrors.length > 0 ? <ErrorSummary errors={[]} formErrors={resendErrors} /> : null}
      <dl className="details-list">
        <dt>{t("staff.assessments.questionnaire")}</dt>
        <dd>{page.title[locale]}</dd>
        <dt>{t("staff.suppliers.col.status")}</dt>
        <dd>
          <strong>{t(`status.${assessment.status}` as MessageKey)}</strong>
        </dd>
        <dt>{t("staff.suppliers.col.tier")}</dt>
        <dd>{t(`tier.${assessment.tier}`)}</dd>
        <dt>{t("staff.assessments.due")}</dt>
        <dd>{formatDate(assessment.dueDate)}</dd>
        <dt>{t("staff.assessments.progress")}</dt>
        <dd>{assessment.progressPercent} %</dd>
        {(
          [
            ["status.sent", assessment.sentAt],
            ["status.opened", assessment.openedAt],
            ["status.submitted", assessment.submittedAt],
            ["staff.assessment.decidedAt", assessment.decidedAt],
          ] as const
        )
          .filter(([, at]) => at)
          .map(([key, at]) => (
            <Fragment key={key}>
              <dt>{t(key)}</dt>
              <dd>{formatDateTime(new Date(at!))}</dd>
            </Fragment>
          ))}
      </dl>

      <h2>{t("staff.invitation.title")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("staff.contacts.name")}</th>
            <th scope="col">{t("staff.invitation.sentAt")}</th>
            <th scope="col">{t("staff.invitation.state")}</th>
            <th scope="col">{t("staff.invitation.lastUsed")}</th>
            {canEdit && page.open ? <th scope="col">{t("staff.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td>
                {invitation.contactName} &lt;{invitation.contactEmail}&gt;
              </td>
              <td>{formatDateTime(new Date(invitation.createdAt))}</td>
              <td>{invitationState(invitation)}</td>
              <td>{invitation.lastUsedAt ? formatDateTime(new Date(invitation.lastUsedAt)) : "—"}</td>
              {canEdit && page.open ? (
                <td>
                  {!invitation.revokedAt ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="contactId" value={invitation.contactId} />
                      <button type="submit" name="intent" value="resend" className="button button-tertiary">
                        {t("staff.assessment.resend", { name: invitation.contactName })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      {canEdit && page.manageable ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{t("staff.assessment.manage")}</h2>
          {page.open && uninvited.length > 0 ? (
            <>
              <h3>{t("staff.assessment.addContact")}</h3>
              <FormErrorSummary form={addForm} />
              <Form method="post" {...getFormProps(addForm)}>
                <SelectField
                  meta={errors.field(addFields.contactId)}
                  label={t("staff.assessment.contact")}
                  options={uninvited.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
                  placeholder={t("staff.choose")}
                />
                <LocaleSelect meta={addFields.locale} label={t("staff.contacts.locale")} />
                <button type="submit" name="intent" value="add-contact" className="button button-secondary">
                  {t("staff.assessment.addContactSubmit")}
                </button>
              </Form>
            </>
          ) : null}
          <h3>{t("staff.assessment.extend")}</h3>
          <FormErrorSummary form={extendForm} />
          <Form method="post" {...getFormProps(extendForm)}>
            <TextField meta={errors.field(extendFields.dueDate)} label={t("staff.assessment.newDueDate")} type="date" className="input-width-s" />
            <button type="submit" name="intent" value="extend" className="button button-secondary">
              {t("staff.assessment.extendSubmit")}
            </button>
          </Form>
          <h3>{t("staff.assessment.revoke")}</h3>
          <p>{t("staff.assessment.revokeLead")}</p>
          <FormErrorSummary form={revokeForm} />
          <Form method="post" {...getFormProps(revokeForm)}>
            <TextAreaField meta={errors.field(revokeFields.reason)} label={t("staff.assessment.revokeReason")} rows={3} />
            <button type="submit" name="intent" value="revoke" className="button button-warning">
              {t("staff.assessment.revokeSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      <h2>{t("staff.timeline.title")}</h2>
      {page.timeline.length === 0 ? <p>—</p> : null}
      <ol className="timeline">
        {page.timeline.map((entry) => (
          <li key={`a${entry.id}`}>
            <span className="nowrap">{formatDateTime(new Date(entry.at))}</span> — {auditActionLabel(t, entry.action)}
            {entry.actor ? ` (${entry.actor})` : ""}
          </li>
        ))}
      </ol>
      <h2>{t("staff.emails.title")}</h2>
      {page.emails.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {page.emails.map((email) => (
            <li key={email.id}>
              {formatDateTime(new Date(email.createdAt))}: {isMessageKey(`staff.emailKind.${email.kind}`) ? t(`staff.emailKind.${email.kind}` as MessageKey) : email.kind} → {email.toAddress} ({t(`staff.emailStatus.${email.status}` as MessageKey)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
