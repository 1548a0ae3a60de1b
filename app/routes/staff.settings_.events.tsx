import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SUPPLIER_EVENT_KINDS } from "#db/schema";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, ChoiceGroup, FormErrorSummary, TextField } from "~/components/forms";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";
import { clientIp } from "~/staff/route-helpers.server";
import { eventRulesFormDefaults, saveEventRules } from "~/supervision/event-rules.server";
import { EventRulesFormSchema } from "~/supervision/forms";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "supervision.rules.title")];

export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  return { defaults: eventRulesFormDefaults(staff.organisation.settings) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const submission = parseWithZod(await request.formData(), { schema: EventRulesFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  saveEventRules(staff, submission.value, clientIp(context));
  return { result: submission.reply(), saved: true };
}

export default function EventRulesSettings() {
  const { defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm<typeof EventRulesFormSchema, Record<string, string>>(EventRulesFormSchema, actionData?.result, { defaultValue: defaults });
  return (
    <>
      <p>
        <Link to="/staff/settings">{t("supervision.rules.back")}</Link>
      </p>
      <h1>{t("supervision.rules.title")}</h1>
      <p className="font-lead">{t("supervision.rules.lead")}</p>
      {actionData?.saved ? <Alert kind="success" heading={t("staff.settings.saved")} /> : null}
      <FormErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        {SUPPLIER_EVENT_KINDS.map((kind) => (
          <fieldset key={kind} className="event-rule">
            <legend className="h3">{t(`supervision.event.kind.${kind}`)}</legend>
            <ChoiceGroup
              meta={errors.field(fields[`action_${kind}`]!)}
              legend={t("supervision.rules.action")}
              choices={[
                { value: "move", label: t("supervision.rules.move") },
                { value: "reassess", label: t("supervision.rules.reassess") },
              ]}
            />
            <TextField
              meta={errors.field(fields[`days_${kind}`]!)}
              label={t("supervision.rules.days")}
              hint={t("supervision.rules.daysHint")}
              required={false}
              inputMode="numeric"
              className="input-width-xs"
            />
          </fieldset>
        ))}
        <button type="submit" className="button button-primary">
          {t("supervision.rules.save")}
        </button>
      </Form>
    </>
  );
}
