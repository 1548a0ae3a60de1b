/**
 * The theme page's plain form post ("save" / "save and continue"), which is how answers are
 * saved without JavaScript. Every posted question is checked on its own: valid changes are
 * saved, unchanged answers are left alone (so a stale tab does not trip over answers it did not
 * touch), and invalid or conflicting ones come back with the supplier's input intact.
 */
import { z } from "zod";
import { getDb, type Db } from "#db/client";
import type { Theme } from "~/questionnaire/questionnaire-schema";
import { AnswerFormSchema, answerFingerprint, checkAnswer, valueForForm, type AnswerFieldError } from "./answer-forms";
import { canEdit, findTheme, loadPortalState, saveAnswer, todayIso, type PortalState, type StoredAnswerView } from "./answering.server";
import type { SupplierContext } from "./supplier-session.server";

export const ThemeIntentSchema = z.enum(["save", "continue", "submit"]).catch("save");

export interface PostedAnswer {
  value: string | string[];
  comment: string;
  notApplicable: boolean;
  notApplicableReason: string;
  revision: number;
  base: string;
}

export interface ThemeFeedback {
  questionId: string;
  posted: PostedAnswer;
  errors: AnswerFieldError[];
  conflict: StoredAnswerView | null;
}

export type ThemePostOutcome =
  | { kind: "redirect"; to: string }
  | { kind: "problems"; feedback: ThemeFeedback[] }
  | { kind: "not-found" };

function posted(form: FormData, questionId: string, multiple: boolean): PostedAnswer | null {
  const rev = form.get(`q.${questionId}.rev`);
  if (typeof rev !== "string") return null;
  const values = form.getAll(`q.${questionId}.value`).filter((v): v is string => typeof v === "string");
  const text = (name: string) => {
    const v = form.get(`q.${questionId}.${name}`);
    return typeof v === "string" ? v : "";
  };
  return {
    value: multiple ? values : (values[0] ?? ""),
    comment: text("comment"),
    notApplicable: text("na") === "on",
    notApplicableReason: text("naReason"),
    revision: Number.parseInt(rev, 10) || 0,
    base: text("base"),
  };
}

export function saveThemeForm(
  ctx: SupplierContext,
  themeId: string,
  form: FormData,
  options: { now?: Date; db?: Db } = {},
): ThemePostOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const state: PortalState = loadPortalState(ctx, { now, db });
  const found = findTheme(state.questionnaire, themeId);
  if (!found) return { kind: "not-found" };
  const { theme, index } = found;
  const intent = ThemeIntentSchema.parse(form.get("intent"));
  const useSaved = form.get("useSaved");
  const feedback: ThemeFeedback[] = [];

  for (const question of theme.questions) {
    if (!canEdit(state, question.id) || question.id === useSaved) continue;
    const answer = posted(form, question.id, question.type === "multiple_choice");
    if (!answer) continue;
    const parsed = AnswerFormSchema.safeParse({ questionId: question.id, ...answer, notApplicable: answer.notApplicable ? "on" : "" });
    if (!parsed.success) {
      feedback.push({ questionId: question.id, posted: answer, errors: [{ field: "value", key: "supplier.validation.choice" }], conflict: null });
      continue;
    }
    const checked = checkAnswer(question, parsed.data, todayIso(now));
    if (checked.ok && answerFingerprint(checked.answer) === answer.base) continue;
    const result = saveAnswer(ctx, parsed.data, { now, db, state });
    if (result.kind === "invalid") feedback.push({ questionId: question.id, posted: answer, errors: result.errors, conflict: null });
    else if (result.kind === "conflict") {
      feedback.push({ questionId: question.id, posted: { ...answer, revision: result.current.revision }, errors: [], conflict: result.current });
    }
  }
  if (feedback.length > 0) return { kind: "problems", feedback };

  // A question shown now that was not on the page the supplier posted (its condition became true
  // with these answers, or with an autosave the page had not caught up with) keeps them here.
  const after = loadPortalState(ctx, { now, db });
  const opened = theme.questions.find(
    (q) => after.visible.has(q.id) && form.get(`q.${q.id}.rev`) === null && !after.answers.has(q.id) && (after.evidenceCounts.get(q.id) ?? 0) === 0,
  );
  if (opened) return { kind: "redirect", to: `/s/themes/${theme.id}?notice=new#q-${opened.id}` };
  if (useSaved) return { kind: "redirect", to: `/s/themes/${theme.id}#q-${String(useSaved)}` };
  if (intent === "submit") return { kind: "redirect", to: "/s/submit" };
  if (intent === "continue") {
    const next: Theme | undefined = state.questionnaire.themes[index + 1];
    return { kind: "redirect", to: next ? `/s/themes/${next.id}` : "/s/submit" };
  }
  return { kind: "redirect", to: `/s/themes/${theme.id}?notice=saved` };
}

export function postedFromStored(view: StoredAnswerView): Omit<PostedAnswer, "base"> {
  return {
    value: valueForForm(view.value),
    comment: view.comment ?? "",
    notApplicable: view.notApplicable,
    notApplicableReason: view.notApplicableReason ?? "",
    revision: view.revision,
  };
}
