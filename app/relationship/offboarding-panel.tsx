import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ChoiceGroup, ErrorSummary, FormErrorSummary, SelectField, TextAreaField } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { OffboardingFormSchema } from "./forms";
import { OFFBOARDING_CHECKLIST, type OffboardingBlocker } from "./offboarding";

interface OffboardingView {
  id: string;
  status: "open" | "completed";
  checklist: Record<string, boolean>;
  notes: string;
  requestedAt: Date | string | null;
  requestContactId: string | null;
  confirmationDocumentId: string | null;
  completedAt: Date | string | null;
  blockers: OffboardingBlocker[];
}

type Fields = { intent: string; done: string[]; notes: string; contactId: string };

/** The termination checklist (CFCS 6.1) with its notes. */
function ChecklistForm({ offboarding, lastResult, disabled }: { offboarding: OffboardingView; lastResult?: SubmissionResult<string[]>; disabled: boolean }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm<typeof OffboardingFormSchema, Fields>(OffboardingFormSchema, lastResult, {
    id: "offboarding-checklist",
    defaultValue: { done: OFFBOARDING_CHECKLIST.filter((item) => offboarding.checklist[item]), notes: offboarding.notes },
  });
  return (
    <>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceGroup
          meta={errors.field(fields.done)}
          legend={t("relationship.offboarding.checklist")}
          hint={t("relationship.offboarding.checklistHint")}
          required={false}
          multiple
          disabled={disabled}
          choices={OFFBOARDING_CHECKLIST.map((item) => ({ value: item, label: t(`relationship.offboarding.item.${item}`), hint: t(`relationship.offboarding.itemHint.${item}`) }))}
        />
        <TextAreaField meta={errors.field(fields.notes)} label={t("relationship.offboarding.notes")} required={false} rows={3} disabled={disabled} />
        {disabled ? null : (
          <button type="submit" name="intent" value="checklist" className="button button-secondary">
            {t("relationship.offboarding.saveChecklist")}
          </button>
        )}
      </Form>
    </>
  );
}

/** Asking the supplier's contact for the written deletion confirmation (a link of its own). */
function RequestForm({ contacts, offboarding, lastResult }: { contacts: { id: string; name: string; email: string; isSecurityContact: boolean }[]; offboarding: OffboardingView; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const security = contacts.find((c) => c.isSecurityContact) ?? contacts[0];
  const [form, fields] = useValidatedForm<typeof OffboardingFormSchema, Fields>(OffboardingFormSchema, lastResult, {
    id: "deletion-request",
    defaultValue: { contactId: offboarding.requestContactId ?? security?.id ?? "" },
  });
  if (contacts.length === 0) return <p>{t("relationship.offboarding.noContacts")}</p>;
  return (
    <>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField meta={errors.field(fields.contactId)} label={t("relationship.offboarding.requestTo")} options={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))} />
        <button type="submit" name="intent" value="request" className="button button-secondary">
          {offboarding.requestedAt ? t("relationship.offboarding.requestAgain") : t("relationship.offboarding.request")}
        </button>
      </Form>
    </>
  );
}

export function OffboardingPanel({
  supplierId,
  archivedAt,
  offboarding,
  confirmations,
  contacts,
  canEdit,
  canReactivate,
  result,
  formError,
}: {
  supplierId: string;
  archivedAt: Date | string | null;
  offboarding: OffboardingView | null;
  confirmations: { id: string; name: string; createdAt: Date | string }[];
  contacts: { id: string; name: string; email: string; isSecurityContact: boolean }[];
  canEdit: boolean;
  canReactivate: boolean;
  result?: { intent: string; result: SubmissionResult<string[]> };
  formError?: string;
}) {
  const { t, formatDateTime } = useTranslation();
  const resultFor = (intent: string) => (result?.intent === intent ? result.result : undefined);
  const open = offboarding?.status === "open";
  return (
    <>
      {formError ? <ErrorSummary errors={[]} formErrors={[formError]} /> : null}
      {archivedAt ? (
        <p className="font-lead">
          <strong>{t("relationship.archived.since", { date: formatDateTime(new Date(archivedAt)) })}</strong>
        </p>
      ) : null}
      {!offboarding && !archivedAt ? (
        <>
          <p>{t("relationship.offboarding.notStartedLead")}</p>
          {canEdit ? (
            <Form method="post">
              <button type="submit" name="intent" value="start" className="button button-primary">
                {t("relationship.offboarding.start")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
      {offboarding ? (
        <>
          <ChecklistForm offboarding={offboarding} lastResult={resultFor("checklist")} disabled={!open || !canEdit} />
          <section aria-labelledby="deletion-heading">
            <h2 id="deletion-heading">{t("relationship.offboarding.deletionTitle")}</h2>
            {confirmations.length === 0 ? <p>{t("relationship.offboarding.noConfirmation")}</p> : null}
            <ul>
              {confirmations.map((c) => (
                <li key={c.id}>
                  <a href={`/staff/suppliers/${supplierId}/documents/${c.id}`} download>
                    {c.name}
                  </a>{" "}
                  ({t("relationship.offboarding.uploadedBySupplier", { date: formatDateTime(new Date(c.createdAt)) })})
                </li>
              ))}
            </ul>
            {offboarding.requestedAt ? <p>{t("relationship.offboarding.requestedAt", { date: formatDateTime(new Date(offboarding.requestedAt)) })}</p> : null}
            {open && canEdit ? <RequestForm contacts={contacts} offboarding={offboarding} lastResult={resultFor("request")} /> : null}
          </section>
          {open ? (
            <section aria-labelledby="complete-heading">
              <h2 id="complete-heading">{t("relationship.offboarding.completeTitle")}</h2>
              {offboarding.blockers.length > 0 ? (
                <>
                  <p>{t("relationship.offboarding.blockers")}</p>
                  <ul>
                    {offboarding.blockers.map((b) => (
                      <li key={b}>{b === "deletion-confirmation" ? t("relationship.offboarding.blocker.confirmation") : t(`relationship.offboarding.item.${b}`)}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{t("relationship.offboarding.ready")}</p>
              )}
              {canEdit ? (
                <Form method="post">
                  <button type="submit" name="intent" value="complete" className="button button-primary">
                    {t("relationship.offboarding.complete")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : null}
        </>
      ) : null}
      {archivedAt && canReactivate ? (
        <section aria-labelledby="reactivate-heading">
          <h2 id="reactivate-heading">{t("relationship.offboarding.reactivateTitle")}</h2>
          <p>{t("relationship.offboarding.reactivateLead")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="reactivate" className="button button-secondary">
              {t("relationship.offboarding.reactivate")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
