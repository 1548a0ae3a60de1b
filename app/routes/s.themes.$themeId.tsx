import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ErrorSummary } from "~/components/forms";
import { themeCarryView } from "~/reassessment/portal.server";
import { CarryMarkBadge, ThemeCarryPanel } from "~/reassessment/theme-carry-panel";
import { evidencePolicy } from "~/evidence/evidence.server";
import { listEvidenceForSupplier } from "~/evidence/evidence.server";
import { notFound } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { findTheme, isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { overallStatus, useAutosave, type Entry, type SavedPayload } from "~/supplier-portal/components/autosave";
import { EvidencePanel } from "~/supplier-portal/components/evidence-panel";
import { fieldName, inputBeforeHydration, QuestionField } from "~/supplier-portal/components/question-field";
import { ProgressLine, SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { openClarifications } from "~/supplier-portal/submission.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { saveThemeForm } from "~/supplier-portal/theme-form.server";
import { requirementOf, type QuestionView } from "~/supplier-portal/view-types";
import { evidencePolicyView, questionView } from "~/supplier-portal/views.server";

const EVIDENCE_NOTES = ["ok", "removed", "type", "mismatch", "markup", "zip", "empty", "too-large", "too-many-parts", "malformed", "storage", "no-file", "question", "locked"] as const;

export function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const locale = getLocale(request);
  const state = loadPortalState(ctx);
  const found = findTheme(state.questionnaire, params.themeId ?? "");
  if (!found) notFound();
  const { theme, index } = found;
  const files = listEvidenceForSupplier(ctx);
  const answering = isAnswering(ctx.assessment.status);
  const clarifications = answering ? [] : openClarifications(ctx);
  const url = new URL(request.url);
  const note = url.searchParams.get("ev");
  const evidenceNote =
    note && (EVIDENCE_NOTES as readonly string[]).includes(note)
      ? { questionId: url.searchParams.get("uq") ?? "", code: note, name: (url.searchParams.get("name") ?? "").slice(0, 160) }
      : null;
  const noticeParam = url.searchParams.get("notice");
  const progress = state.themes[index]!;
  return {
    organisationName: ctx.organisationName,
    storageKey: `lt-unsaved:${ctx.assessment.id}`,
    answering,
    clarifications: clarifications.length,
    theme: {
      id: theme.id,
      title: theme.title[locale],
      intro: theme.intro?.[locale] ?? null,
      number: index + 1,
      total: state.questionnaire.themes.length,
      previousId: state.questionnaire.themes[index - 1]?.id ?? null,
      nextId: state.questionnaire.themes[index + 1]?.id ?? null,
    },
    progress: { done: progress.done, required: progress.required, percent: progress.percent, overall: state.overallPercent },
    questions: theme.questions.map((q) =>
      questionView(q, state, files, locale, clarifications.find((c) => c.clarification.questionId === q.id)),
    ),
    policy: evidencePolicyView(evidencePolicy(), locale),
    notice: noticeParam === "saved" || noticeParam === "new" ? noticeParam : null,
    evidenceNote,
    carry: themeCarryView(ctx, state, theme, url.searchParams.get("confirmed"), locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const outcome = saveThemeForm(ctx, params.themeId ?? "", await request.formData());
  if (outcome.kind === "not-found") notFound();
  if (outcome.kind === "redirect") return redirect(outcome.to, 303);
  return data({ feedback: outcome.feedback }, { status: outcome.feedback.some((f) => f.conflict) ? 409 : 400 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function initialEntries(questions: LoaderData["questions"]): Record<string, Entry> {
  return Object.fromEntries(
    questions.map((q) => [q.id, { ...q.answer, status: "saved" as const, errors: [], conflict: null }]),
  );
}

export default function ThemePage() {
  const data = useLoaderData<typeof loader>();
  // A new theme is a new form: its state starts from its own loader data.
  return <ThemeForm key={data.theme.id} data={data} />;
}

function ThemeForm({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const questions = data.questions as QuestionView[];
  const [visible, setVisible] = useState(() => new Set(questions.filter((q) => q.visible).map((q) => q.id)));
  const [progress, setProgress] = useState(data.progress);
  useEffect(() => setProgress(data.progress), [data.progress]);

  const translateError = useCallback((key: string, params?: Record<string, string | number>) => t(key as MessageKey, params), [t]);
  const onSaved = useCallback(
    (saved: SavedPayload) => {
      setVisible((prev) => {
        const next = new Set(prev);
        for (const q of questions) {
          if (saved.visible.includes(q.id)) next.add(q.id);
          else next.delete(q.id);
        }
        return next;
      });
      const theme = saved.themes.find((th) => th.themeId === data.theme.id);
      if (theme) setProgress({ done: theme.done, required: theme.required, percent: theme.percent, overall: saved.overallPercent });
    },
    [questions, data.theme.id],
  );

  const initial = useMemo(() => {
    const entries = initialEntries(questions);
    for (const f of actionData?.feedback ?? []) {
      const current = entries[f.questionId];
      if (!current) continue;
      entries[f.questionId] = {
        ...current,
        ...f.posted,
        status: f.conflict ? "conflict" : "invalid",
        errors: f.errors.map((e) => ({ field: e.field, message: t(e.key as MessageKey, e.params) })),
        conflict: f.conflict
          ? {
              value: f.conflict.value === null ? "" : Array.isArray(f.conflict.value) ? f.conflict.value : String(f.conflict.value),
              comment: f.conflict.comment ?? "",
              notApplicable: f.conflict.notApplicable,
              notApplicableReason: f.conflict.notApplicableReason ?? "",
              revision: f.conflict.revision,
              updatedAt: f.conflict.updatedAt,
            }
          : null,
      };
    }
    return entries;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionData]);

  // On a slow connection the supplier may type or choose before the JavaScript has loaded. This
  // first render is the hydrating one, before React resets those fields to the server-rendered
  // values, so their input is read from the page now and autosaved once mounted. (A form mounted
  // by a client-side navigation finds none of its fields on the page yet, so nothing.)
  const [early] = useState(() => inputBeforeHydration(questions));
  const autosave = useAutosave({ storageKey: data.storageKey, initial, early, translateError, onSaved });
  const { replace } = autosave;
  useEffect(() => {
    if (actionData) replace(initial);
  }, [actionData, initial, replace]);

  const entries = autosave.entries;
  const status = overallStatus(entries);
  const summary = questions.flatMap((q) =>
    (entries[q.id]?.errors ?? []).map((e) => ({
      fieldId: e.field === "value" ? (q.type === "text" || q.type === "date" || q.type === "number" ? `q-${q.id}-value` : `q-${q.id}-opt-0`) : e.field === "comment" ? `q-${q.id}-comment` : `q-${q.id}-reason`,
      message: `${q.text}: ${e.message}`,
    })),
  );
  const conflicts = questions.filter((q) => entries[q.id]?.conflict);
  const formId = `theme-${data.theme.id}`;
  const submitting = navigation.state !== "idle";
  const submit = useSubmit();
  const { flush } = autosave;
  // With JavaScript, pending autosaves finish first, so the post carries current revisions. A
  // question those saves revealed was not on the page the supplier clicked on: it is posted as
  // unseen (no revision), so the server keeps the supplier on this theme to answer it.
  const onSubmit = useCallback(
    async (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
      const intent = submitter?.name === "intent" ? submitter.value : "save";
      const seen = visible;
      await flush();
      await new Promise((resolve) => window.setTimeout(resolve, 0));
      const formData = new FormData(form);
      formData.set("intent", intent);
      for (const question of questions) if (!seen.has(question.id)) formData.delete(fieldName(question.id, "rev"));
      submit(formData, { method: "post" });
    },
    [flush, submit, visible, questions],
  );

  return (
    <SupplierLayout organisationName={data.organisationName} submitted={!data.answering} clarifications={data.clarifications}>
      <p className="supplier-step">{t("supplier.theme.step", { number: data.theme.number, total: data.theme.total })}</p>
      <h1>{data.theme.title}</h1>
      {data.theme.intro ? <p className="font-lead">{data.theme.intro}</p> : null}
      <ThemeCarryPanel carry={data.carry} />
      <ProgressLine
        id="theme-progress"
        percent={progress.percent}
        label={t("supplier.progress.themeCount", { done: progress.done, total: progress.required })}
      />
      <ProgressLine id="overall-progress" percent={progress.overall} label={t("supplier.theme.overall", { percent: progress.overall })} />
      <ErrorSummary errors={summary} formErrors={conflicts.length > 0 ? [t("supplier.conflict.title")] : []} />
      {data.notice === "saved" && !actionData ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.theme.saved")}</p>
          </div>
        </div>
      ) : null}
      {data.notice === "new" && !actionData ? (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.theme.newQuestions")}</p>
          </div>
        </div>
      ) : null}
      {!data.answering ? (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.theme.readOnly")}</p>
          </div>
        </div>
      ) : null}
      {autosave.restored ? (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <p className="alert-text">{t("supplier.autosave.restored")}</p>
          </div>
        </div>
      ) : null}
      {hydrated ? (
        <div className={`supplier-autosave supplier-autosave-${status}`} role="status" aria-live="polite">
          {autosave.sessionEnded
            ? t("supplier.session.ended.title")
            : status === "saved"
              ? t("supplier.autosave.saved")
              : status === "saving"
                ? t("supplier.autosave.saving")
                : status === "dirty"
                  ? t("supplier.autosave.pending")
                  : status === "invalid"
                    ? t("supplier.autosave.invalid")
                    : status === "conflict"
                      ? t("supplier.conflict.title")
                      : t("supplier.autosave.failed")}
          {status === "error" && !autosave.sessionEnded ? (
            <button type="button" className="button button-tertiary" onClick={autosave.retryAll}>
              {t("supplier.autosave.retry")}
            </button>
          ) : null}
        </div>
      ) : null}
      <ol className="supplier-questions">
        {questions.map((question) => {
          const entry = entries[question.id]!;
          const shown = visible.has(question.id);
          const evidenceRequirement = requirementOf(question.evidenceRule, entry.value);
          const evidenceNote = data.evidenceNote && data.evidenceNote.questionId === question.id ? data.evidenceNote : null;
          const evidenceMessages = evidenceNote
            ? [
                {
                  kind: evidenceNote.code === "ok" || evidenceNote.code === "removed" ? ("success" as const) : ("error" as const),
                  text:
                    evidenceNote.code === "ok"
                      ? t("supplier.evidence.uploaded", { name: evidenceNote.name })
                      : evidenceNote.code === "removed"
                        ? t("supplier.evidence.removed")
                        : t(`supplier.evidence.error.${evidenceNote.code}` as MessageKey, { name: evidenceNote.name, types: data.policy.types, size: data.policy.maxSize }),
                },
              ]
            : [];
          const takesEvidence = question.takesEvidence;
          const showEvidence = takesEvidence && (evidenceRequirement !== "none" || question.files.length > 0 || !hydrated);
          return (
            <li key={question.id} id={`q-${question.id}`} hidden={!shown} className="supplier-question-item">
              <CarryMarkBadge mark={data.carry.marks[question.id]} />
              <fieldset disabled={!shown} className="supplier-question-wrapper">
                <QuestionField
                  question={question}
                  entry={entry}
                  formId={formId}
                  hydrated={hydrated}
                  handlers={autosave}
                  evidence={
                    showEvidence ? (
                      <EvidencePanel
                        question={question}
                        required={evidenceRequirement === "required"}
                        policy={data.policy}
                        hydrated={hydrated}
                        messages={evidenceMessages}
                        onChanged={() => revalidator.revalidate()}
                      />
                    ) : null
                  }
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Form method="post" id={formId} className="supplier-actions" onSubmit={hydrated ? (event) => void onSubmit(event) : undefined}>
        {data.answering || questions.some((q) => q.editable) ? (
          <>
            <button type="submit" name="intent" value="continue" className="button button-primary" disabled={submitting}>
              {data.theme.nextId ? t("supplier.theme.saveAndContinue") : t("supplier.theme.saveAndSubmit")}
            </button>
            <button type="submit" name="intent" value="save" className="button button-secondary" disabled={submitting}>
              {t("supplier.theme.save")}
            </button>
          </>
        ) : null}
        {data.theme.previousId ? (
          <Link to={`/s/themes/${data.theme.previousId}`} className="button button-tertiary">
            {t("supplier.theme.previous")}
          </Link>
        ) : null}
        <Link to="/s" className="button button-tertiary">
          {t("supplier.theme.backToStart")}
        </Link>
      </Form>
    </SupplierLayout>
  );
}
