import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { hasRole, requireStaff } from "~/auth/staff-session.server";
import { TIERS } from "#db/schema";
import { Alert, ChoiceGroup, ErrorSummary, FormErrorSummary, SelectField, TextAreaField, TextField, yesNoChoices } from "~/components/forms";
import { notFound } from "~/http/errors.server";
import { StartReassessmentForm } from "~/reassessment/start-reassessment-form";
import { RemediationList } from "~/remediation/remediation-list";
import { getLocale } from "~/i18n/locale.server";
import { ArchivedNotice, RelationshipSections } from "~/relationship/relationship-sections";
import { loadRelationship } from "~/relationship/relationship.server";
import { loadSupplierRemediation } from "~/remediation/remediation.server";
import { DatedEvidenceTable } from "~/supervision/components/dated-evidence-table";
import { SupplierTimeline } from "~/supervision/components/supplier-timeline";
import { supplierDatedEvidence } from "~/supervision/dated-evidence.server";
import { supplierTimeline } from "~/supervision/events.server";
import type { MessageKey } from "~/i18n/messages";
import { auditActionLabel } from "~/audit/actions";
import { useTranslation } from "~/i18n/use-translation";
import { countryName, countryOptions } from "~/staff/countries";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTierReasonText } from "~/staff/risk-profile-fields";
import { clientIp } from "~/staff/route-helpers.server";
import { ContactFields } from "~/staff/supplier-detail-fields";
import { ContactFormSchema, SubSupplierFormSchema, TierOverrideFormSchema } from "~/staff/supplier-forms";
import {
  addSubSupplier,
  overrideTier,
  removeContact,
  removeSubSupplier,
  saveContact,
  supplierPage,
  type SupplierOutcome,
} from "~/suppliers/suppliers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.supplier.name ?? ""} · Leverandørtjek` }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  const page = supplierPage(staff.organisation.id, params.supplierId ?? "", staff.organisation.settings);
  if (!page) notFound();
  return {
    ...page,
    canEdit: hasRole(staff.user, "reviewer"),
    remediation: loadSupplierRemediation(staff, page.supplier.id),
    timeline: supplierTimeline(staff.organisation.id, page.supplier.id),
    datedEvidence: supplierDatedEvidence(staff.organisation.id, page.supplier.id),
    relationship: loadRelationship(staff.organisation.id, page.supplier, getLocale(request)),
  };
}

const RemoveSchema = z.object({
  intent: z.enum(["remove-contact", "remove-sub-supplier", "make-security-contact"]),
  id: z.string().min(1).max(40),
});

type ActionResult = { intent: string; result: SubmissionResult<string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const supplierId = params.supplierId ?? "";
  const ip = clientIp(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const finish = (outcome: SupplierOutcome, reply: (options?: { fieldErrors?: Record<string, string[]>; resetForm?: boolean }) => SubmissionResult<string[]>) => {
    if (outcome.kind === "not-found") notFound();
    if (outcome.kind === "field") return data<ActionResult>({ intent, result: reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
    return data<ActionResult>({ intent, result: reply({ resetForm: true }) });
  };
  if (intent === "override-tier" || intent === "clear-override") {
    const submission = parseWithZod(formData, { schema: TierOverrideFormSchema });
    if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    const value = submission.value;
    return finish(overrideTier(staff, supplierId, { tier: value.intent === "override-tier" ? value.tier : null, reason: value.reason }, ip), submission.reply);
  }
  if (intent === "save-contact") {
    const submission = parseWithZod(formData, { schema: ContactFormSchema });
    if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    return finish(saveContact(staff, supplierId, submission.value, ip), submission.reply);
  }
  if (intent === "add-sub-supplier") {
    const submission = parseWithZod(formData, { schema: SubSupplierFormSchema });
    if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    return finish(addSubSupplier(staff, supplierId, submission.value, ip), submission.reply);
  }
  const submission = parseWithZod(formData, { schema: RemoveSchema });
  if (submission.status !== "success") return data<ActionResult>({ intent, result: submission.reply({ formErrors: ["error.badRequest.title"] }) }, { status: 400 });
  const { id } = submission.value;
  if (submission.value.intent === "remove-contact") {
    const outcome = removeContact(staff, supplierId, id, ip);
    if (outcome.kind === "field") return data<ActionResult>({ intent, result: submission.reply({ formErrors: [outcome.message] }) }, { status: 400 });
    return finish(outcome, submission.reply);
  }
  if (submission.value.intent === "make-security-contact") {
    const page = supplierPage(staff.organisation.id, supplierId, staff.organisation.settings);
    const contact = page?.contacts.find((c) => c.id === id);
    if (!page || !contact) notFound();
    return finish(
      saveContact(
        staff,
        supplierId,
        { id, name: contact.name, email: contact.email, phone: contact.phone ?? undefined, role: contact.role ?? undefined, locale: contact.locale, isSecurityContact: "yes" },
        ip,
      ),
      submission.reply,
    );
  }
  return finish(removeSubSupplier(staff, supplierId, id, ip), submission.reply);
}

export default function SupplierPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, formatDate, formatDateTime } = useTranslation();
  const reasonText = useTierReasonText();
  const auditLabel = (action: string) => auditActionLabel(t, action);
  const errors = useFieldErrors();
  const [params] = useSearchParams();
  const { supplier, canEdit } = page;
  const resultFor = (...intents: string[]) => (actionData && intents.includes(actionData.intent) ? actionData.result : undefined);
  const [overrideForm, overrideFields] = useValidatedForm<typeof TierOverrideFormSchema, { intent: string; tier: string; reason: string }>(
    TierOverrideFormSchema,
    resultFor("override-tier", "clear-override"),
    { id: "override", defaultValue: { tier: supplier.tier ?? "" } },
  );
  const [contactForm, contactFields] = useValidatedForm(ContactFormSchema, resultFor("save-contact"), {
    id: "contact",
    defaultValue: { locale: "da", isSecurityContact: "no" },
  });
  const [subForm, subFields] = useValidatedForm(SubSupplierFormSchema, resultFor("add-sub-supplier"), {
    id: "sub-supplier",
    defaultValue: { country: "DK", critical: "no" },
  });
  const listErrors =
    actionData && ["remove-contact", "remove-sub-supplier", "make-security-contact"].includes(actionData.intent)
      ? errors.formErrors(actionData.result.error?.[""] ?? undefined)
      : [];
  const openAssessment = page.assessments.find((a) => ["sent", "opened", "in_progress", "clarification_requested"].includes(a.status));
  return (
    <>
      <p>
        <Link to="/staff/suppliers">{t("staff.suppliers.back")}</Link>
      </p>
      <h1>{supplier.name}</h1>
      {params.get("notice") === "created" ? <Alert kind="success" heading={t("staff.supplier.created")} /> : null}
      {params.get("notice") === "sent" ? <Alert kind="success" heading={t("staff.send.done")} /> : null}
      {listErrors.length > 0 ? <ErrorSummary errors={[]} formErrors={listErrors} /> : null}
      <ArchivedNotice relationship={page.relationship} supplierId={supplier.id} />

      <section aria-labelledby="tier-heading">
        <h2 id="tier-heading">{t("staff.tier.title")}</h2>
        {supplier.tier ? (
          <p className="font-lead">
            {t("staff.tier.current")}: <strong className={`tier-badge tier-${supplier.tier}`}>{t(`tier.${supplier.tier}`)}</strong>
            {supplier.tierOverride && supplier.computedTier ? ` (${t("staff.tier.overriddenFrom", { tier: t(`tier.${supplier.computedTier}`) })})` : null}
          </p>
        ) : (
          <p>{t("staff.tier.noProfile")}</p>
        )}
        {supplier.tierOverride ? (
          <p>
            {t("staff.tier.overrideReason")}: {supplier.tierOverrideReason}
          </p>
        ) : null}
        {page.tierResult ? (
          <>
            <h3>{t("staff.tier.reasons", { points: page.tierResult.points })}</h3>
            <ul className="tier-reasons">
              {page.tierResult.reasons.map((reason, index) => (
                <li key={`${reason.code}-${index}`}>{reasonText(reason)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {canEdit ? (
          <p>
            <Link className="button button-secondary" to={`/staff/suppliers/${supplier.id}/risk`}>
              {page.profile ? t("staff.risk.edit") : t("staff.risk.add")}
            </Link>
          </p>
        ) : null}
        {canEdit && supplier.computedTier ? (
          <details className="override-details">
            <summary>{t("staff.tier.override")}</summary>
            <FormErrorSummary form={overrideForm} />
            <Form method="post" {...getFormProps(overrideForm)}>
              <SelectField meta={errors.field(overrideFields.tier)} label={t("staff.tier.overrideTo")} options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))} />
              <TextAreaField meta={errors.field(overrideFields.reason)} label={t("staff.tier.overrideReasonLabel")} hint={t("staff.tier.overrideReasonHint")} rows={3} />
              <button type="submit" name="intent" value="override-tier" className="button button-primary">
                {t("staff.tier.overrideSubmit")}
              </button>{" "}
              {supplier.tierOverride ? (
                <button type="submit" name="intent" value="clear-override" className="button button-secondary">
                  {t("staff.tier.clearOverride")}
                </button>
              ) : null}
            </Form>
          </details>
        ) : null}
      </section>

      {page.plan ? (
        <section aria-labelledby="plan-heading">
          <h2 id="plan-heading">{t("staff.plan.title")}</h2>
          <p>{t("staff.plan.lead")}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.plan.control")}</th>
                <th scope="col">{t("staff.plan.frequency")}</th>
              </tr>
            </thead>
            <tbody>
              {page.plan.map((control) => (
                <tr key={control.control}>
                  <td>{t(`staff.plan.control.${control.control}` as MessageKey)}</td>
                  <td>{t("staff.plan.everyMonths", { months: control.frequencyMonths })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {supplier.nextAssessmentDue ? <p>{t("staff.plan.nextAssessment", { date: formatDate(supplier.nextAssessmentDue) })}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">{t("staff.assessments.title")}</h2>
        {canEdit && supplier.tier && !openAssessment && !supplier.archivedAt ? (
          <p>
            <Link className="button button-primary" to={`/staff/suppliers/${supplier.id}/send`}>
              {t("staff.send.button")}
            </Link>
          </p>
        ) : null}
        {canEdit && supplier.tier && !openAssessment && !supplier.archivedAt && page.assessments.some((a) => a.status === "approved" || a.status === "approved_with_conditions") ? (
          <StartReassessmentForm supplierId={supplier.id} />
        ) : null}
        {page.assessments.length === 0 ? (
          <p>{t("staff.assessments.none")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.assessments.sent")}</th>
                <th scope="col">{t("staff.assessments.questionnaire")}</th>
                <th scope="col">{t("staff.suppliers.col.status")}</th>
                <th scope="col">{t("staff.assessments.due")}</th>
                <th scope="col">{t("staff.assessments.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {page.assessments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/staff/suppliers/${supplier.id}/assessments/${a.id}`}>{formatDate(a.sentAt ?? a.createdAt)}</Link>
                  </td>
                  <td>
                    {a.questionnaireTitle[locale]} (v{a.questionnaireVersion})
                  </td>
                  <td>{t(`status.${a.status}` as MessageKey)}</td>
                  <td>{formatDate(a.dueDate)}</td>
                  <td>{a.progressPercent} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <RemediationList items={page.remediation.items} canClose={page.remediation.canClose} returnTo={`/staff/suppliers/${supplier.id}`} />

      <SupplierTimeline supplierId={supplier.id} timeline={page.timeline} canEdit={canEdit} />
      <DatedEvidenceTable supplierId={supplier.id} items={page.datedEvidence} canEdit={canEdit} />

      {page.latestTimeline.length > 0 ? (
        <section aria-labelledby="latest-timeline-heading">
          <h3 id="latest-timeline-heading">{t("staff.assessments.latestTimeline")}</h3>
          <ol className="timeline">
            {page.latestTimeline.map((entry) => (
              <li key={entry.id}>
                <span className="nowrap">{formatDateTime(new Date(entry.at))}</span> — {auditLabel(entry.action)}
                {entry.actor ? ` (${entry.actor})` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("staff.supplier.details")}</h2>
        <dl className="details-list">
          <dt>{t("staff.supplier.cvr")}</dt>
          <dd>{supplier.cvr ?? "—"}</dd>
          <dt>{t("staff.supplier.country")}</dt>
          <dd>{countryName(supplier.country, locale)}</dd>
          <dt>{t("staff.supplier.services")}</dt>
          <dd>{supplier.services || "—"}</dd>
          <dt>{t("staff.supplier.owner")}</dt>
          <dd>{page.owner?.name ?? "—"}</dd>
          <dt>{t("staff.supplier.notes")}</dt>
          <dd className="preserve-lines">{supplier.notes || "—"}</dd>
        </dl>
        {canEdit ? (
          <p>
            <Link className="button button-secondary" to={`/staff/suppliers/${supplier.id}/edit`}>
              {t("staff.supplier.edit")}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">{t("staff.contacts.title")}</h2>
        {page.contacts.length === 0 ? (
          <p>{t("staff.contacts.none")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.contacts.name")}</th>
                <th scope="col">{t("staff.contacts.email")}</th>
                <th scope="col">{t("staff.contacts.role")}</th>
                <th scope="col">{t("staff.contacts.locale")}</th>
                {canEdit ? <th scope="col">{t("staff.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {page.contacts.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    {contact.name}
                    {contact.isSecurityContact ? <strong> ({t("staff.contacts.isSecurity")})</strong> : null}
                  </td>
                  <td>{contact.email}</td>
                  <td>{contact.role ?? "—"}</td>
                  <td>{t(`staff.locale.${contact.locale}`)}</td>
                  {canEdit ? (
                    <td>
                      <Link to={`/staff/suppliers/${supplier.id}/contacts/${contact.id}`}>{t("staff.contacts.editNamed", { name: contact.name })}</Link>{" "}
                      {!contact.isSecurityContact ? (
                        <>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="id" value={contact.id} />
                            <button type="submit" name="intent" value="make-security-contact" className="button button-tertiary">
                              {t("staff.contacts.makeSecurity", { name: contact.name })}
                            </button>
                          </Form>{" "}
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="id" value={contact.id} />
                            <button type="submit" name="intent" value="remove-contact" className="button button-tertiary">
                              {t("staff.contacts.removeNamed", { name: contact.name })}
                            </button>
                          </Form>
                        </>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit ? (
          <details className="add-details">
            <summary>{t("staff.contacts.add")}</summary>
            <FormErrorSummary form={contactForm} />
            <Form method="post" {...getFormProps(contactForm)}>
              <ContactFields fields={contactFields} />
              <ChoiceGroup
                meta={errors.field(contactFields.isSecurityContact)}
                legend={t("staff.contacts.securityContact")}
                required={false}
                choices={yesNoChoices(t)}
              />
              <button type="submit" name="intent" value="save-contact" className="button button-primary">
                {t("staff.contacts.save")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="subs-heading">
        <h2 id="subs-heading">{t("staff.subSuppliers.title")}</h2>
        {page.subSuppliers.length === 0 ? (
          <p>{t("staff.subSuppliers.none")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.subSuppliers.name")}</th>
                <th scope="col">{t("staff.subSuppliers.service")}</th>
                <th scope="col">{t("staff.subSuppliers.country")}</th>
                <th scope="col">{t("staff.subSuppliers.critical")}</th>
                {canEdit ? <th scope="col">{t("staff.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {page.subSuppliers.map((sub) => (
                <tr key={sub.id}>
                  <td>{sub.name}</td>
                  <td>{sub.service}</td>
                  <td>{countryName(sub.country, locale)}</td>
                  <td>{sub.critical ? t("form.yes") : t("form.no")}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="id" value={sub.id} />
                        <button type="submit" name="intent" value="remove-sub-supplier" className="button button-tertiary">
                          {t("staff.contacts.removeNamed", { name: sub.name })}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit ? (
          <details className="add-details">
            <summary>{t("staff.subSuppliers.add")}</summary>
            <FormErrorSummary form={subForm} />
            <Form method="post" {...getFormProps(subForm)}>
              <TextField meta={errors.field(subFields.name)} label={t("staff.subSuppliers.name")} autoComplete="off" />
              <TextField meta={errors.field(subFields.service)} label={t("staff.subSuppliers.service")} autoComplete="off" />
              <SelectField meta={errors.field(subFields.country)} label={t("staff.subSuppliers.country")} options={countryOptions(locale)} />
              <ChoiceGroup
                meta={errors.field(subFields.critical)}
                legend={t("staff.subSuppliers.critical")}
                choices={yesNoChoices(t)}
              />
              <button type="submit" name="intent" value="add-sub-supplier" className="button button-primary">
                {t("staff.subSuppliers.save")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <RelationshipSections relationship={page.relationship} supplierId={supplier.id} canEdit={canEdit} />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("staff.history.title")}</h2>
        {page.history.length === 0 ? (
          <p>—</p>
        ) : (
          <ul className="timeline">
            {page.history.map((entry) => (
              <li key={entry.id}>
                <span className="nowrap">{formatDateTime(new Date(entry.at))}</span> — {auditLabel(entry.action)}
                {entry.actor ? ` (${entry.actor})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
