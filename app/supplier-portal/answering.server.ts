/**
 * Answering (SPEC C4): the supplier's view of its assessment — which questions are shown, what
 * is answered, progress per theme and overall — and saving one answer with the revision check.
 */
import { getDb, type Db } from "#db/client";
import {
  listAnswers,
  runInTransaction,
  updateAssessmentProgress,
  writeAnswer,
  type AnswerRow,
} from "#db/repos/answers";
import { countEvidenceByQuestion } from "#db/repos/evidence";
import { openClarificationQuestionIds } from "#db/repos/supplier-submissions";
import type { AssessmentStatus } from "#db/schema";
import type { AnswerInput } from "~/questionnaire/answer-types";
import type { Question, Questionnaire, Theme } from "~/questionnaire/questionnaire-schema";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { isAnswerGiven, resolveVisibility } from "~/scoring/conditions";
import { newId } from "~/security/tokens.server";
import { checkAnswer, sameAnswer, type AnswerFieldError, type AnswerForm, type CleanAnswer } from "./answer-forms";
import type { SupplierContext } from "./supplier-session.server";

/** Sent versions never change, so the parsed questionnaire is kept per version id. */
const questionnaires = new Map<string, Questionnaire>();

export function questionnaireOf(versionId: string, db: Db = getDb()): Questionnaire {
  let q = questionnaires.get(versionId);
  if (!q) {
    q = loadQuestionnaireVersion(versionId, db);
    questionnaires.set(versionId, q);
  }
  return q;
}

export const ANSWERING_STATUSES: readonly AssessmentStatus[] = ["sent", "opened", "in_progress"];

export function isAnswering(status: AssessmentStatus): boolean {
  return ANSWERING_STATUSES.includes(status);
}

export interface ThemeProgress {
  themeId: string;
  required: number;
  done: number;
  percent: number;
}

export interface PortalState {
  questionnaire: Questionnaire;
  answers: Map<string, AnswerRow>;
  evidenceCounts: Map<string, number>;
  visible: ReadonlySet<string>;
  themes: ThemeProgress[];
  overallPercent: number;
  /** Questions the supplier may change now: all while answering; after submit, only those reopened by a clarification. */
  editable: ReadonlySet<string> | "all";
}

export function toAnswerInput(row: AnswerRow, evidenceCount: number): AnswerInput {
  return {
    questionId: row.questionId,
    value: row.value ?? null,
    notApplicable: row.notApplicable,
    notApplicableReason: row.notApplicableReason,
    comment: row.comment,
    evidenceCount,
  };
}

export function answerInputs(answers: Map<string, AnswerRow>, evidenceCounts: Map<string, number>, questionnaire: Questionnaire): AnswerInput[] {
  const inputs: AnswerInput[] = [];
  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) {
      const row = answers.get(question.id);
      const count = evidenceCounts.get(question.id) ?? 0;
      if (row) inputs.push(toAnswerInput(row, count));
      else if (count > 0) inputs.push({ questionId: question.id, value: null, evidenceCount: count });
    }
  }
  return inputs;
}

function computeProgress(questionnaire: Questionnaire, inputs: AnswerInput[], now: Date) {
  const map = new Map(inputs.map((a) => [a.questionId, a]));
  const { visible } = resolveVisibility(questionnaire, map, now);
  let required = 0;
  let done = 0;
  const themes = questionnaire.themes.map((theme) => {
    let r = 0;
    let d = 0;
    for (const question of theme.questions) {
      if (!visible.has(question.id) || !question.required) continue;
      r++;
      const answer = map.get(question.id);
      if ((answer?.notApplicable && question.allowNotApplicable) || isAnswerGiven(answer)) d++;
    }
    required += r;
    done += d;
    return { themeId: theme.id, required: r, done: d, percent: r === 0 ? 100 : Math.floor((d / r) * 100) };
  });
  return { visible, themes, overallPercent: required === 0 ? 100 : Math.floor((done / required) * 100) };
}

export function loadPortalState(ctx: SupplierContext, options: { now?: Date; db?: Db } = {}): PortalState {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { orgId, id: assessmentId, questionnaireVersionId, status } = ctx.assessment;
  const questionnaire = questionnaireOf(questionnaireVersionId, db);
  const answers = new Map(listAnswers(db, orgId, assessmentId).map((a) => [a.questionId, a]));
  const evidenceCounts = countEvidenceByQuestion(db, orgId, assessmentId);
  const progress = computeProgress(questionnaire, answerInputs(answers, evidenceCounts, questionnaire), now);
  const editable = isAnswering(status) ? ("all" as const) : openClarificationQuestionIds(db, orgId, assessmentId);
  return { questionnaire, answers, evidenceCounts, editable, ...progress };
}

export function findTheme(questionnaire: Questionnaire, themeId: string): { theme: Theme; index: number } | null {
  const index = questionnaire.themes.findIndex((t) => t.id === themeId);
  return index === -1 ? null : { theme: questionnaire.themes[index]!, index };
}

export function findQuestion(questionnaire: Questionnaire, questionId: string): { question: Question; theme: Theme } | null {
  for (const theme of questionnaire.themes) {
    const question = theme.questions.find((q) => q.id === questionId);
    if (question) return { question, theme };
  }
  return null;
}

export function canEdit(state: Pick<PortalState, "editable">, questionId: string): boolean {
  return state.editable === "all" || state.editable.has(questionId);
}

export interface StoredAnswerView {
  value: CleanAnswer["value"];
  comment: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  revision: number;
  updatedAt: string;
  updatedBySomeoneElse: boolean;
}

export function storedAnswerView(row: AnswerRow, contactId: string): StoredAnswerView {
  return {
    value: row.value ?? null,
    comment: row.comment,
    notApplicable: row.notApplicable,
    notApplicableReason: row.notApplicableReason,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    updatedBySomeoneElse: row.updatedByContactId !== contactId,
  };
}

export type SaveResult =
  | { kind: "saved"; questionId: string; revision: number; visible: string[]; themes: ThemeProgress[]; overallPercent: number }
  | { kind: "conflict"; questionId: string; current: StoredAnswerView }
  | { kind: "invalid"; questionId: string; errors: AnswerFieldError[] }
  | { kind: "locked"; questionId: string }
  | { kind: "unknown-question"; questionId: string };

export function todayIso(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Saves one answer if the supplier may change it, it is valid, and `form.revision` is still the
 * stored revision. A stale revision writes nothing and returns the stored answer (unless it says
 * exactly the same, which is no conflict). Progress and status follow in the same transaction.
 */
export function saveAnswer(
  ctx: SupplierContext,
  form: AnswerForm,
  options: { now?: Date; db?: Db; state?: PortalState } = {},
): SaveResult {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { orgId, id: assessmentId } = ctx.assessment;
  const state = options.state ?? loadPortalState(ctx, { now, db });
  const found = findQuestion(state.questionnaire, form.questionId);
  if (!found) return { kind: "unknown-question", questionId: form.questionId };
  if (!canEdit(state, form.questionId)) return { kind: "locked", questionId: form.questionId };
  const checked = checkAnswer(found.question, form, todayIso(now));
  if (!checked.ok) return { kind: "invalid", questionId: form.questionId, errors: checked.errors };
  const answer = checked.answer;

  return runInTransaction(db, () => {
    const existing = state.answers.get(form.questionId);
    let revision: number;
    const unchanged =
      existing !== undefined &&
      sameAnswer(
        { value: existing.value ?? null, comment: existing.comment, notApplicable: existing.notApplicable, notApplicableReason: existing.notApplicableReason },
        answer,
      );
    if (unchanged) {
      // Saying the same again is neither a write nor a conflict.
      revision = existing.revision;
    } else if (existing && existing.revision !== form.revision) {
      return { kind: "conflict" as const, questionId: form.questionId, current: storedAnswerView(existing, ctx.session.contactId) };
    } else {
      const result = writeAnswer(
        db,
        {
          id: newId(),
          orgId,
          assessmentId,
          questionId: form.questionId,
          ...answer,
          contactId: ctx.session.contactId,
          now,
        },
        existing ? form.revision : 0,
      );
      if (result.kind === "conflict") {
        return { kind: "conflict" as const, questionId: form.questionId, current: storedAnswerView(result.current, ctx.session.contactId) };
      }
      revision = result.revision;
    }
    const updatedRow: AnswerRow = {
      id: existing?.id ?? "",
      orgId,
      assessmentId,
      questionId: form.questionId,
      value: answer.value,
      notApplicable: answer.notApplicable,
      notApplicableReason: answer.notApplicableReason,
      comment: answer.comment,
      revision,
      carriedForward: false,
      updatedByContactId: ctx.session.contactId,
      updatedAt: now,
    };
    state.answers.set(form.questionId, updatedRow);
    const progress = computeProgress(state.questionnaire, answerInputs(state.answers, state.evidenceCounts, state.questionnaire), now);
    if (isAnswering(ctx.assessment.status)) updateAssessmentProgress(db, orgId, assessmentId, progress.overallPercent, now);
    const visible = found.theme.questions.filter((q) => progress.visible.has(q.id)).map((q) => q.id);
    return { kind: "saved" as const, questionId: form.questionId, revision, visible, themes: progress.themes, overallPercent: progress.overallPercent };
  });
}

/** Recomputes progress after evidence changed (an evidence question counts as answered through its files). */
export function refreshProgress(ctx: SupplierContext, options: { now?: Date; db?: Db } = {}): void {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (!isAnswering(ctx.assessment.status)) return;
  const state = loadPortalState(ctx, { now, db });
  updateAssessmentProgress(db, ctx.assessment.orgId, ctx.assessment.id, state.overallPercent, now);
}
