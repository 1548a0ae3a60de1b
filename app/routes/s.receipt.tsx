import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { listEvidenceForSupplier } from "~/evidence/evidence.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { openClarifications } from "~/supplier-portal/submission.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { formatAnswerValue } from "~/questionnaire/answer-format";
import { AnswerFileLinks } from "~/answer-files/answer-file-links";

/** The read-only receipt: what was submitted, when and by whom; printable. */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (isAnswering(ctx.assessment.status)) throw redirect("/s/submit");
  const locale = getLocale(request);
  const state = loadPortalState(ctx);
  const files = listEvidenceForSupplier(ctx);
  return {
    organisationName: ctx.organisationName,
    supplierName: ctx.supplierName,
    title: state.questionnaire.title[locale],
    submittedAt: ctx.assessment.submittedAt?.toISOString() ?? null,
    attestation: ctx.assessment.attestationName
      ? { name: ctx.assessment.attestationName, title: ctx.assessment.attestationTitle ?? "" }
      : null,
    clarifications: openClarifications(ctx).length,
    themes: state.questionnaire.themes.map((theme) => ({
      id: theme.id,
      title: theme.title[locale],
      questions: theme.questions
        .filter((q) => state.visible.has(q.id))
        .map((q) => {
          const answer = state.answers.get(q.id);
          return {
            id: q.id,
            text: q.text[locale],
            type: q.type,
            notApplicable: answer?.notApplicable ? (answer.notApplicableReason ?? "") : null,
            value: formatAnswerValue(q, answer?.value, locale),
            comment: answer?.comment ?? null,
            files: files.filter((f) => f.questionId === q.id).map((f) => ({ id: f.id, name: f.originalName })),
          };
        }),
    })),
  };
}

export default function Receipt() {
  const data = useLoaderData<typeof loader>();
  const { t, formatDateTime, formatDate } = useTranslation();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <SupplierLayout organisationName={data.organisationName} submitted clarifications={data.clarifications}>
      <h1>{t("supplier.receipt.title")}</h1>
      <p className="font-lead">
        {data.submittedAt
          ? t("supplier.receipt.lead", { date: formatDateTime(new Date(data.submittedAt)), organisation: data.organisationName })
          : t("supplier.receipt.notSubmitted")}
      </p>
      <p>
        <strong>{data.supplierName}</strong> · {data.title}
      </p>
      {data.attestation ? <p>{t("supplier.receipt.attestedBy", { name: data.attestation.name, title: data.attestation.title })}</p> : null}
      <AnswerFileLinks />
      <p className="no-print">
        {canPrint ? (
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t("supplier.receipt.print")}
          </button>
        ) : (
          t("supplier.receipt.printHint")
        )}
      </p>
      {data.themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`r-${theme.id}`} className="supplier-receipt-theme">
          <h2 id={`r-${theme.id}`}>{theme.title}</h2>
          <dl className="supplier-receipt">
            {theme.questions.map((q) => (
              <div key={q.id} className="supplier-receipt-row">
                <dt>{q.text}</dt>
                <dd>
                  {q.notApplicable !== null
                    ? t("supplier.conflict.notApplicable", { reason: q.notApplicable })
                    : q.value === null
                      ? t("supplier.conflict.noValue")
                      : q.type === "date"
                        ? formatDate(q.value)
                        : q.value}
                  {q.comment ? (
                    <span className="supplier-receipt-comment">
                      {t("supplier.receipt.comment")}: {q.comment}
                    </span>
                  ) : null}
                  {q.files.length > 0 ? (
                    <span className="supplier-receipt-comment">
                      {t("supplier.receipt.evidence")}:{" "}
                      {q.files.map((f, i) => (
                        <span key={f.id}>
                          {i > 0 ? ", " : null}
                          <a href={`/s/evidence/${f.id}`} download>
                            {f.name}
                          </a>
                        </span>
                      ))}
                    </span>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </SupplierLayout>
  );
}
