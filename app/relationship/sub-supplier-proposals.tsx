import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ChoiceGroup, FormErrorSummary, SelectField, TextField, yesNoChoices } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { countryOptions } from "~/staff/countries";
import { SubSupplierConfirmFormSchema } from "./forms";
import type { ReportedSubSupplier } from "./sub-suppliers";

/** One line of the supplier's answer as a form staff check and confirm. */
export function SubSupplierProposalForm({
  proposal,
  index,
  assessmentId,
  lastResult,
}: {
  proposal: ReportedSubSupplier;
  index: number;
  assessmentId: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, locale } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(SubSupplierConfirmFormSchema, lastResult, {
    id: `proposal-${index}`,
    defaultValue: { name: proposal.name, service: proposal.service, country: proposal.country ?? "", critical: "no", assessmentId, sourceText: proposal.line, proposal: String(index) },
  });
  return (
    <section aria-labelledby={`proposal-${index}-heading`} className="sub-supplier-proposal">
      <h2 id={`proposal-${index}-heading`}>{proposal.name}</h2>
      <p>
        {t("relationship.subSuppliers.answered")}: <q>{proposal.line}</q>
      </p>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name={fields.assessmentId.name} value={assessmentId} />
        <input type="hidden" name={fields.sourceText.name} value={proposal.line} />
        <input type="hidden" name={fields.proposal.name} value={String(index)} />
        <TextField meta={errors.field(fields.name)} label={t("staff.subSuppliers.name")} autoComplete="off" />
        <TextField meta={errors.field(fields.service)} label={t("staff.subSuppliers.service")} autoComplete="off" />
        <SelectField
          meta={errors.field(fields.country)}
          label={t("staff.subSuppliers.country")}
          hint={proposal.where ? t("relationship.subSuppliers.where", { where: proposal.where }) : undefined}
          options={countryOptions(locale)}
          placeholder={t("relationship.subSuppliers.chooseCountry")}
        />
        <ChoiceGroup meta={errors.field(fields.critical)} legend={t("relationship.subSuppliers.critical")} hint={t("relationship.subSuppliers.criticalHint")} choices={yesNoChoices(t)} />
        <button type="submit" className="button button-primary">
          {t("relationship.subSuppliers.confirm", { name: proposal.name })}
        </button>
      </Form>
    </section>
  );
}
