/**
 * Reusable supplier answers: the supplier's submitted answers as a JSON file (and a readable PDF),
 * and importing such a file into another invitation. The import prefills only questions with the
 * same stable id that are visible-or-not, editable and still unanswered, each checked like a typed
 * answer, stored as carried forward (to review before submitting); evidence is never carried, the
 * result lists which to attach again. A bad or foreign file changes nothing.
 */
import { getDb, type Db } from "#db/client";
import { insertImportedAnswers } from "#db/repos/answer-imports";
import { refreshProgress } from "~/supplier-portal/answering.server";
import { recordAudit } from "~/audit/audit.server";
import { listEvidenceForSupplier } from "~/evidence/evidence.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/translate";
import { formatAnswerValue } from "~/questionnaire/answer-format";
import type { ReportDocument } from "~/reports/report-document";
import { newId } from "~/security/tokens.server";
import { checkAnswer, valueForForm } from "~/supplier-portal/answer-forms";
import { canEdit, findQuestion, loadPortalState, todayIso } from "~/supplier-portal/answering.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { ANSWER_FILE_FORMAT, AnswerFileSchema, type AnswerFile } from "./answer-file";

/** The supplier's answers (visible and given) and its evidence file names, as the file holds them. */
export function exportAnswerFile(ctx: SupplierContext, options: { db?: Db; now?: Date } = {}): AnswerFile {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const state = loadPortalState(ctx, { db, now });
  const order = state.questionnaire.themes.flatMap((theme) => theme.questions.map((q) => q.id));
  return {
    format: ANSWER_FILE_FORMAT,
    formatVersion: 1,
    questionnaire: { id: state.questionnaire.id, version: state.questionnaire.version },
    exportedAt: now.toISOString(),
    supplier: ctx.supplierName,
    answers: order
      .filter((id) => state.visible.has(id) && state.answers.has(id))
      .map((id) => {
        const row = state.answers.get(id)!;
        return { questionId: id, value: row.value ?? null, notApplicable: row.notApplicable, notApplicableReason: row.notApplicableReason, comment: row.comment };
      }),
    evidence: listEvidenceForSupplier(ctx, db).map((file) => ({ questionId: file.questionId, fileName: file.originalName })),
  };
}

/** The same answers as a readable document (rendered to PDF by the report renderer). */
export function answersDocument(ctx: SupplierContext, locale: Locale, options: { db?: Db; now?: Date } = {}): ReportDocument {
  const db = options.db ?? getDb();
  const t = getTranslator(locale);
  const state = loadPortalState(ctx, { db, now: options.now });
  const files = listEvidenceForSupplier(ctx, db);
  return {
    assessmentId: ctx.assessment.id,
    supplierName: ctx.supplierName,
    title: t("answers.file.pdfTitle", { supplier: ctx.supplierName }),
    summary: [
      `${state.questionnaire.title[locale]} · ${ctx.organisationName}`,
      ctx.assessment.submittedAt ? t("answers.file.submittedAt", { date: formatDateTime(ctx.assessment.submittedAt, locale) }) : "",
    ].filter(Boolean),
    sections: state.questionnaire.themes.map((theme) => ({
      id: theme.id,
      heading: theme.title[locale],
      blocks: [
        {
          kind: "table" as const,
          layout: "records" as const,
          columns: [t("review.report.question"), t("review.question.answer")],
          rows: theme.questions
            .filter((q) => state.visible.has(q.id))
            .map((q) => {
              const answer = state.answers.get(q.id);
              const shown = answer?.notApplicable
                ? t("review.question.notApplicable", { reason: answer.notApplicableReason ?? "" })
                : answer
                  ? formatAnswerValue(q, answer.value ?? null, locale)
                  : t("review.question.unanswered");
              const evidence = files.filter((f) => f.questionId === q.id).map((f) => t("answers.file.evidence", { name: f.originalName }));
              return [q.text[locale], [shown, answer?.comment ? `— ${answer.comment}` : "", ...evidence].filter(Boolean).join("\n")];
            }),
        },
      ],
    })),
  };
}

export type ImportResult =
  | { ok: false; error: "answers.import.error.notJson" | "answers.import.error.format" | "answers.import.error.notAnswering" | "answers.import.error.tooLarge" }
  | {
      ok: true;
      imported: { questionId: string; themeId: string }[];
      skipped: { questionId: string; reason: "unknown" | "answered" | "locked" | "invalid" }[];
      evidence: { questionId: string; themeId: string | null; fileName: string }[];
    };

/** Imports an answer file's text into the supplier's current assessment (see the module comment). */
export function importAnswerFile(ctx: SupplierContext, text: string, options: { db?: Db; now?: Date; ip?: string | null } = {}): ImportResult {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, error: "answers.import.error.notJson" };
  }
  const parsed = AnswerFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: "answers.import.error.format" };
  const state = loadPortalState(ctx, { db, now });
  if (state.editable !== "all") return { ok: false, error: "answers.import.error.notAnswering" };

  const today = todayIso(now);
  const imported: { questionId: string; themeId: string }[] = [];
  const skipped: { questionId: string; reason: "unknown" | "answered" | "locked" | "invalid" }[] = [];
  const rows: Parameters<typeof insertImportedAnswers>[1] = [];
  for (const answer of parsed.data.answers) {
    const found = findQuestion(state.questionnaire, answer.questionId);
    if (!found) skipped.push({ questionId: answer.questionId, reason: "unknown" });
    else if (state.answers.has(answer.questionId)) skipped.push({ questionId: answer.questionId, reason: "answered" });
    else if (!canEdit(state, answer.questionId)) skipped.push({ questionId: answer.questionId, reason: "locked" });
    else {
      const checked = checkAnswer(
        found.question,
        { value: valueForForm(answer.value), comment: answer.comment ?? "", notApplicable: answer.notApplicable, notApplicableReason: answer.notApplicableReason ?? "" },
        today,
      );
      if (!checked.ok) skipped.push({ questionId: answer.questionId, reason: "invalid" });
      else {
        imported.push({ questionId: answer.questionId, themeId: found.theme.id });
        rows.push({
          id: newId(),
          orgId: ctx.assessment.orgId,
          assessmentId: ctx.assessment.id,
          questionId: answer.questionId,
          ...checked.answer,
          updatedByContactId: ctx.session.contactId,
          updatedAt: now,
        });
      }
    }
  }
  const evidence = parsed.data.evidence.map((file) => ({
    questionId: file.questionId,
    themeId: findQuestion(state.questionnaire, file.questionId)?.theme.id ?? null,
    fileName: file.fileName,
  }));
  db.transaction(() => {
    insertImportedAnswers(db, rows);
    recordAudit(
      {
        orgId: ctx.assessment.orgId,
        actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
        action: "answers.imported",
        target: { type: "assessment", id: ctx.assessment.id },
        ip: options.ip ?? null,
        details: { from: parsed.data.questionnaire, imported: imported.map((i) => i.questionId), skipped },
        at: now,
      },
      db,
    );
  });
  refreshProgress(ctx, { db, now });
  return { ok: true, imported, skipped, evidence };
}
