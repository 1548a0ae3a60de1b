import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { ClarificationReplyFormSchema } from "~/supplier-portal/answer-forms";
import { findQuestion, isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { answerOpenClarifications, openClarifications } from "~/supplier-portal/submission.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";

/**
 * The supplier's side of clarification requests: each reopened question with the reviewer's
 * question; the answers themselves are changed on the theme page (autosaved), the reply is sent
 * here, which submits the assessment again.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (isAnswering(ctx.assessment.status)) throw redirect("/s");
  const locale = getLocale(request);
  const state = loadPortalState(ctx);
  const open = openClarifications(ctx);
  const url = new URL(request.url);
  return {
    organisationName: ctx.organisationName,
    sent: url.searchParams.get("sent") === "1",
    items: open.map(({ clarification, messages }) => {
      const found = findQuestion(state.questionnaire, clarification.questionId);
      return {
        id: clarification.id,
        questionId: clarification.questionId,
        themeId: found?.theme.id ?? null,
        question: found?.question.text[locale] ?? clarification.questionId,
        messages: messages.map((m) => ({ id: m.id, from: m.authorType, body: m.body })),
      };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const form = await request.formData();
  const replies: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("reply.") && typeof value === "string") replies[key.slice("reply.".length)] = value;
  }
  const parsed = ClarificationReplyFormSchema.safeParse({ reply: replies });
  if (!parsed.success) return data({ missing: Object.keys(replies), replies }, { status: 400 });
  const outcome = answerOpenClarifications(ctx, parsed.data.reply, { ip: context.ip });
  if (outcome.kind === "missing-replies") return data({ missing: outcome.clarificationIds, replies }, { status: 400 });
  return redirect(outcome.kind === "resubmitted" ? "/s/clarifications?sent=1" : "/s", 303);
}

export default function Clarifications() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const missing = new Set(result?.missing ?? []);
  return (
    <SupplierLayout organisationName={data.organisationName} submitted clarifications={data.items.length}>
      <h1>{t("supplier.clarifications.title")}</h1>
      {data.sent ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.clarifications.sent")}</p>
          </div>
        </div>
      ) : null}
      {data.items.length === 0 ? (
        <p>{t("supplier.clarifications.none")}</p>
      ) : (
        <>
          <p className="font-lead">{t("supplier.clarifications.lead")}</p>
          <ErrorSummary
            errors={data.items
              .filter((item) => missing.has(item.id))
              .map((item) => ({ fieldId: `reply-${item.id}`, message: `${item.question}: ${t("supplier.validation.reply")}` }))}
          />
          <Form method="post">
            {data.items.map((item) => (
              <section key={item.id} className="supplier-question" aria-labelledby={`c-${item.id}`}>
                <h2 className="h3" id={`c-${item.id}`}>
                  {item.question}
                </h2>
                {item.messages.map((m) => (
                  <p key={m.id}>
                    <strong>{m.from === "staff" ? t("supplier.clarifications.reviewer") : t("supplier.clarifications.you")}:</strong> {m.body}
                  </p>
                ))}
                {item.themeId ? (
                  <p>
                    <Link to={`/s/themes/${item.themeId}#q-${item.questionId}`}>{item.question}</Link>
                  </p>
                ) : null}
                <div className={`form-group${missing.has(item.id) ? " form-error" : ""}`}>
                  <label className="form-label" htmlFor={`reply-${item.id}`}>
                    {t("supplier.clarifications.reply")}
                  </label>
                  {missing.has(item.id) ? (
                    <span className="form-error-message" id={`reply-${item.id}-error`}>
                      <span className="sr-only">{t("form.errorPrefix")} </span>
                      {t("supplier.validation.reply")}
                    </span>
                  ) : null}
                  <textarea
                    className="form-input"
                    id={`reply-${item.id}`}
                    name={`reply.${item.id}`}
                    rows={4}
                    defaultValue={result?.replies?.[item.id] ?? ""}
                    aria-invalid={missing.has(item.id) || undefined}
                    aria-describedby={missing.has(item.id) ? `reply-${item.id}-error` : undefined}
                  />
                </div>
              </section>
            ))}
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
              {t("supplier.clarifications.send")}
            </button>
          </Form>
        </>
      )}
    </SupplierLayout>
  );
}
