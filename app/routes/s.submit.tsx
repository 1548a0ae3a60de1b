import type { FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { isMessageKey } from "~/i18n/translate";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { AttestationFormSchema } from "~/supplier-portal/answer-forms";
import { isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { submissionSummary, submitAssessment } from "~/supplier-portal/submission.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (!isAnswering(ctx.assessment.status)) throw redirect("/s/receipt");
  const locale = getLocale(request);
  const state = loadPortalState(ctx);
  const { missing } = submissionSummary(state, new Date());
  const text = new Map<string, string>();
  const themeTitle = new Map<string, string>();
  for (const theme of state.questionnaire.themes) {
    themeTitle.set(theme.id, theme.title[locale]);
    for (const q of theme.questions) text.set(q.id, q.text[locale]);
  }
  return {
    organisationName: ctx.organisationName,
    contactName: ctx.contactName,
    missing: missing.map((m) => ({ ...m, question: text.get(m.questionId) ?? m.questionId, theme: themeTitle.get(m.themeId) ?? m.themeId })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const submission = parseWithZod(await request.formData(), { schema: AttestationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = submitAssessment(ctx, { name: submission.value.name, title: submission.value.title }, { ip: context.ip });
  if (outcome.kind === "incomplete") return data(submission.reply({ formErrors: ["supplier.submit.missing.intro"] }), { status: 400 });
  if (outcome.kind === "not-open") return redirect("/s/receipt", 303);
  return redirect("/s/receipt", 303);
}

type AnyField = FieldMetadata<any, any, any>;

/**
 * Validated on the server only (the page works the same without JavaScript); keeping Conform's
 * client and zod off this page keeps the JavaScript sent to suppliers small.
 */
export default function SubmitPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const translate = (message: string) => (isMessageKey(message) ? t(message) : message);
  const errors = (lastResult?.error ?? {}) as Record<string, string[] | null | undefined>;
  const initial = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  const field = (name: "name" | "title" | "confirm", fallback = ""): AnyField =>
    ({
      id: `attest-${name}`,
      name,
      errorId: `attest-${name}-error`,
      initialValue: typeof initial[name] === "string" ? initial[name] : fallback,
      errors: errors[name]?.map(translate),
    }) as unknown as AnyField;
  const fields = { name: field("name", data.contactName), title: field("title"), confirm: field("confirm") };
  const confirm = fields.confirm;
  const summary = Object.values(fields).flatMap((f) => (f.errors ?? []).map((message: string) => ({ fieldId: f.id, message })));
  const formErrors = (errors[""] ?? []).map(translate);
  const byTheme = new Map<string, typeof data.missing>();
  for (const m of data.missing) byTheme.set(m.theme, [...(byTheme.get(m.theme) ?? []), m]);
  return (
    <SupplierLayout organisationName={data.organisationName} submitted={false}>
      <h1>{t("supplier.submit.title")}</h1>
      <p className="font-lead">{t("supplier.submit.lead")}</p>
      {data.missing.length > 0 ? (
        <section aria-labelledby="missing-title" className="alert alert-warning">
          <div className="alert-body">
            <h2 className="alert-heading" id="missing-title">
              {t("supplier.submit.missing.title")}
            </h2>
            <p className="alert-text">{t("supplier.submit.missing.intro")}</p>
            {[...byTheme.entries()].map(([theme, items]) => (
              <div key={theme}>
                <h3 className="h5">{theme}</h3>
                <ul>
                  {items.map((m) => (
                    <li key={`${m.kind}:${m.questionId}`}>
                      <Link to={`/s/themes/${m.themeId}#q-${m.questionId}`}>
                        {t(`supplier.submit.missing.${m.kind}`, { question: m.question })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : (
        <>
          <p>{t("supplier.submit.ready")}</p>
          <ErrorSummary errors={summary} formErrors={formErrors} />
          <Form method="post" noValidate>
            <h2>{t("supplier.submit.attestation.title")}</h2>
            <TextField meta={fields.name} label={t("supplier.submit.attestation.name")} autoComplete="name" />
            <TextField meta={fields.title} label={t("supplier.submit.attestation.jobTitle")} autoComplete="organization-title" />
            <div className={`form-group${confirm.errors?.length ? " form-error" : ""}`}>
              {confirm.errors?.length ? (
                <span className="form-error-message" id={confirm.errorId}>
                  <span className="sr-only">{t("form.errorPrefix")} </span>
                  {confirm.errors.join(" ")}
                </span>
              ) : null}
              <div className="form-group-checkbox">
                <input
                  type="checkbox"
                  id={confirm.id}
                  name={confirm.name}
                  value="on"
                  className="form-checkbox"
                  aria-invalid={confirm.errors?.length ? true : undefined}
                  aria-describedby={confirm.errors?.length ? confirm.errorId : undefined}
                />
                <label htmlFor={confirm.id}>{t("supplier.submit.attestation.confirm")}</label>
              </div>
            </div>
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
              {t("supplier.submit.button")}
            </button>
          </Form>
        </>
      )}
    </SupplierLayout>
  );
}
