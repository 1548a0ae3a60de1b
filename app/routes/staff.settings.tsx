import { LocaleSelect } from "~/staff/supplier-detail-fields";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, FormErrorSummary, SelectField, TextField } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { saveSettings, settingsFormDefaults } from "~/organisations/settings.server";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { clientIp } from "~/staff/route-helpers.server";
import { SettingsFormSchema } from "~/staff/settings-forms";
import { questionnaireChoices } from "~/suppliers/assessments.server";
import { MAX_REASSESSMENT_MONTHS, QUESTIONNAIRE_FOR_TIER, TIERS } from "~/suppliers/tiering";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "staff.title.settings")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  return { defaults: settingsFormDefaults(staff.organisation.settings), questionnaires: questionnaireChoices() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const submission = parseWithZod(await request.formData(), { schema: SettingsFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const outcome = saveSettings(staff, submission.value, clientIp(context));
  if (outcome.kind === "field") return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), saved: false }, { status: 400 });
  return { result: submission.reply(), saved: true };
}

export default function Settings() {
  const { defaults, questionnaires } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(SettingsFormSchema, actionData?.result, { defaultValue: defaults });
  const checkbox = (name: "onDueDate" | "requireTwoFactorForAll", label: string) => (
    <div className="form-group">
      <div className="form-group-checkbox">
        <input className="form-checkbox" type="checkbox" id={fields[name].id} name={fields[name].name} value="on" defaultChecked={fields[name].initialValue === "on"} />
        <label htmlFor={fields[name].id}>{label}</label>
      </div>
    </div>
  );
  return (
    <>
      <h1>{t("staff.settings.title")}</h1>
      <p>
        <Link to="/staff/settings/raci">{t("relationship.raci.settingsLink")}</Link>
      </p>
      {actionData?.saved ? <Alert kind="success" heading={t("staff.settings.saved")} /> : null}
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <h2>{t("staff.settings.general")}</h2>
        <LocaleSelect meta={fields.defaultLocale} label={t("staff.settings.defaultLocale")} />
        {checkbox("requireTwoFactorForAll", t("staff.settings.requireTwoFactor"))}

        <h2>{t("staff.settings.reminders")}</h2>
        <TextField meta={errors.field(fields.daysAfterSend)} label={t("staff.settings.daysAfterSend")} hint={t("staff.settings.dayListHint")} required={false} className="input-width-s" />
        <TextField meta={errors.field(fields.daysBeforeDue)} label={t("staff.settings.daysBeforeDue")} hint={t("staff.settings.dayListHint")} required={false} className="input-width-s" />
        {checkbox("onDueDate", t("staff.settings.onDueDate"))}
        <TextField meta={errors.field(fields.escalateAfterDays)} label={t("staff.settings.escalateAfterDays")} hint={t("staff.settings.escalateHint")} inputMode="numeric" className="input-width-xs" />

        <h2>{t("staff.settings.reassessment")}</h2>
        <p>{t("staff.settings.reassessmentLead")}</p>
        <p>
          <Link to="/staff/settings/events">{t("supervision.rules.link")}</Link>
        </p>
        {TIERS.map((tier) => (
          <TextField
            key={tier}
            meta={errors.field(fields[`months_${tier}`])}
            label={t("staff.settings.monthsFor", { tier: t(`tier.${tier}`) })}
            hint={t("staff.settings.monthsMax", { months: MAX_REASSESSMENT_MONTHS[tier] })}
            required={false}
            inputMode="numeric"
            className="input-width-xs"
          />
        ))}

        <h2>{t("staff.settings.questionnaires")}</h2>
        {TIERS.map((tier) => (
          <SelectField
            key={tier}
            meta={errors.field(fields[`questionnaire_${tier}`])}
            label={t("staff.settings.questionnaireFor", { tier: t(`tier.${tier}`) })}
            required={false}
            options={questionnaires.map((q) => ({ value: q.id, label: q.title[locale] }))}
            placeholder={t("staff.settings.questionnaireDefault", { id: QUESTIONNAIRE_FOR_TIER[tier] })}
          />
        ))}
        <button type="submit" className="button button-primary">
          {t("form.save")}
        </button>
      </Form>
    </>
  );
}
