import {
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ANSWER_FILE_MAX_BYTES } from "~/answer-files/answer-file";
import { importAnswerFile, type ImportResult } from "~/answer-files/answer-file.server";
import { ImportAnswersForm, ImportAnswersResult } from "~/answer-files/import-view";
import { getLocale } from "~/i18n/locale.server";
import { isAnswering, loadPortalState } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (!isAnswering(ctx.assessment.status)) throw redirect("/s/receipt");
  return { organisationName: ctx.organisationName };
}

/** Imports an answer file (multipart, one small file); the result names each prefilled question and the evidence to attach again. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  let text: string | null = null;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: ANSWER_FILE_MAX_BYTES }));
    const file = form.get("file");
    text = file instanceof File && file.size > 0 ? await file.text() : null;
  } catch {
    return data({ result: { ok: false, error: "answers.import.error.tooLarge" } satisfies ImportResult, questions: {}, themes: {} }, { status: 400 });
  }
  if (text === null) return data({ result: { ok: false, error: "answers.import.error.noFile" } as const, questions: {}, themes: {} }, { status: 400 });
  const result = importAnswerFile(ctx, text, { ip: context.ip as string | undefined });
  const locale = getLocale(request);
  const questionnaire = loadPortalState(ctx).questionnaire;
  const questions: Record<string, string> = {};
  const themes: Record<string, string> = {};
  for (const theme of questionnaire.themes) {
    themes[theme.id] = theme.title[locale];
    for (const q of theme.questions) questions[q.id] = q.text[locale];
  }
  return data({ result, questions, themes }, { status: result.ok ? 200 : 400 });
}

export default function ImportAnswers() {
  const { organisationName } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <SupplierLayout organisationName={organisationName} submitted={false}>
      {outcome?.result.ok ? (
        <ImportAnswersResult result={outcome.result} questions={outcome.questions} themes={outcome.themes} />
      ) : (
        <ImportAnswersForm error={outcome && !outcome.result.ok ? outcome.result.error : null} />
      )}
    </SupplierLayout>
  );
}
