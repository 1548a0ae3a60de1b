import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ChoiceGroup, FormErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { AGREEMENT_CONTAINS, CLAUSE_IDS, REVIEW_CHECKLIST, REVIEW_OUTCOMES } from "./contract-review";
import { ContractReviewFormSchema } from "./forms";

/** The yearly agreement review's form: checklist, per clause what the signed agreement contains, outcome, next date. */
export function ContractReviewForm({
  accepted,
  agreements,
  proposedNext,
  lastResult,
}: {
  accepted: Record<string, boolean | null> | null;
  agreements: { id: string; name: string }[];
  proposedNext: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(ContractReviewFormSchema, lastResult, {
    id: "contract-review",
    defaultValue: { nextDueOn: proposedNext, documentId: agreements[0]?.id ?? "" },
  });
  const checklist = fields.checklist.getFieldset();
  const clauses = fields.clauses.getFieldset();
  const acceptedText = (clause: string) => {
    const value = accepted?.[clause];
    return t(value === true ? "relationship.review.supplierAccepted" : value === false ? "relationship.review.supplierDidNotAccept" : "relationship.review.supplierNoAnswer");
  };
  return (
    <>
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <h2>{t("relationship.review.checklist")}</h2>
        {REVIEW_CHECKLIST.map((item) => (
          <ChoiceGroup
            key={item}
            meta={errors.field(checklist[item])}
            legend={t(`relationship.review.check.${item}`)}
            choices={[
              { value: "yes", label: t("form.yes") },
              { value: "no", label: t("form.no") },
            ]}
          />
        ))}
        <h2>{t("relationship.review.clauses")}</h2>
        <p>{t("relationship.review.clausesLead")}</p>
        {CLAUSE_IDS.map((clause) => (
          <ChoiceGroup
            key={clause}
            meta={errors.field(clauses[clause]!)}
            legend={t(`relationship.clause.${clause}` as "relationship.clause.contract-audit-right")}
            hint={acceptedText(clause)}
            choices={AGREEMENT_CONTAINS.map((value) => ({ value, label: t(`relationship.review.contains.${value}`) }))}
          />
        ))}
        <h2>{t("relationship.review.conclusion")}</h2>
        {agreements.length > 0 ? (
          <SelectField
            meta={errors.field(fields.documentId)}
            label={t("relationship.review.document")}
            required={false}
            options={agreements.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t("relationship.review.noDocument")}
          />
        ) : (
          <p>{t("relationship.review.uploadFirst")}</p>
        )}
        <ChoiceGroup
          meta={errors.field(fields.outcome)}
          legend={t("relationship.review.outcome")}
          choices={REVIEW_OUTCOMES.map((value) => ({ value, label: t(`relationship.review.outcome.${value}`) }))}
        />
        <TextField meta={errors.field(fields.nextDueOn)} label={t("relationship.review.nextDueOn")} hint={t("relationship.review.nextDueOnHint")} type="date" className="input-width-s" />
        <TextAreaField meta={errors.field(fields.notes)} label={t("relationship.review.notes")} required={false} rows={3} />
        <button type="submit" className="button button-primary">
          {t("relationship.review.record")}
        </button>
      </Form>
    </>
  );
}
