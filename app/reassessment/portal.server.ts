/**
 * The supplier's side of a reassessment: which answers on a theme were carried forward and which
 * questions are new, and confirming a whole theme unchanged in one step (SPEC C7).
 */
import { getDb, type Db } from "#db/client";
import { confirmCarriedAnswer, findOrgAssessment } from "#db/repos/reassessment";
import { recordAudit } from "~/audit/audit.server";
import type { Questionnaire, Theme } from "~/questionnaire/questionnaire-schema";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { findTheme, isAnswering, loadPortalState, type PortalState } from "~/supplier-portal/answering.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import type { ConfirmUnchangedForm } from "./forms";

export type CarryMark = "carried" | "new";

export interface ThemeCarryView {
  themeId: string;
  /** Carried-forward answers not yet confirmed or changed, with the revision the page shows. */
  carried: { questionId: string; revision: number }[];
  /** Visible carried-forward answers (what the panel counts). */
  carriedVisible: number;
  newVisible: number;
  marks: Record<string, CarryMark>;
  answering: boolean;
  /** The theme the supplier just confirmed (from `?confirmed=`), for the notice. */
  confirmedTitle: string | null;
}

/** The question ids the previous assessment's questionnaire asked, or null when this is no reassessment. */
function previousQuestionIds(ctx: SupplierContext, db: Db): Set<string> | null {
  const assessment = findOrgAssessment(db, ctx.assessment.orgId, ctx.assessment.id);
  if (!assessment?.previousAssessmentId) return null;
  const previous = findOrgAssessment(db, ctx.assessment.orgId, assessment.previousAssessmentId);
  if (!previous) return null;
  const questionnaire: Questionnaire = loadQuestionnaireVersion(previous.questionnaireVersionId, db);
  return new Set(questionnaire.themes.flatMap((t) => t.questions.map((q) => q.id)));
}

export function themeCarryView(
  ctx: SupplierContext,
  state: PortalState,
  theme: Theme,
  confirmedThemeId: string | null,
  locale: "da" | "en",
  db: Db = getDb(),
): ThemeCarryView {
  const asked = previousQuestionIds(ctx, db);
  const marks: Record<string, CarryMark> = {};
  const carried: { questionId: string; revision: number }[] = [];
  let carriedVisible = 0;
  let newVisible = 0;
  for (const question of theme.questions) {
    const row = state.answers.get(question.id);
    const visible = state.visible.has(question.id);
    if (row?.carriedForward) {
      carried.push({ questionId: question.id, revision: row.revision });
      marks[question.id] = "carried";
      if (visible) carriedVisible++;
    } else if (asked && !asked.has(question.id)) {
      marks[question.id] = "new";
      if (visible) newVisible++;
    }
  }
  const confirmed = confirmedThemeId ? findTheme(state.questionnaire, confirmedThemeId) : null;
  return {
    themeId: theme.id,
    carried,
    carriedVisible,
    newVisible,
    marks,
    answering: isAnswering(ctx.assessment.status),
    confirmedTitle: confirmed ? confirmed.theme.title[locale] : null,
  };
}

export type ConfirmOutcome =
  | { kind: "confirmed"; themeId: string; next: string }
  | {
      kind: "refused";
      message: "reassessment.unchanged.unknownTheme" | "reassessment.unchanged.stale" | "reassessment.unchanged.notAnswering";
      themeId: string | null;
    };

class Stale extends Error {}

/**
 * Confirms every carried-forward answer of a theme unchanged, if each is still carried forward at
 * the revision the supplier saw, and no other answer the page posted has moved on. All or nothing.
 */
export function confirmThemeUnchanged(ctx: SupplierContext, form: ConfirmUnchangedForm, ip: string | null, options: { db?: Db; now?: Date } = {}): ConfirmOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (!isAnswering(ctx.assessment.status)) return { kind: "refused", message: "reassessment.unchanged.notAnswering", themeId: null };
  const state = loadPortalState(ctx, { db, now });
  const found = findTheme(state.questionnaire, form.themeId);
  if (!found) return { kind: "refused", message: "reassessment.unchanged.unknownTheme", themeId: null };
  const { theme, index } = found;
  const inTheme = new Set(theme.questions.map((q) => q.id));
  const carried = theme.questions.filter((q) => state.answers.get(q.id)?.carriedForward).map((q) => state.answers.get(q.id)!);
  const posted = Object.entries(form.rev);
  const stale =
    posted.some(([questionId]) => !inTheme.has(questionId)) ||
    carried.some((row) => form.rev[row.questionId] !== row.revision) ||
    posted.some(([questionId, revision]) => state.answers.get(questionId)?.revision !== revision);
  if (stale) return { kind: "refused", message: "reassessment.unchanged.stale", themeId: theme.id };
  try {
    db.$client.transaction(() => {
      for (const row of carried) {
        const ok = confirmCarriedAnswer(db, {
          orgId: ctx.assessment.orgId,
          assessmentId: ctx.assessment.id,
          questionId: row.questionId,
          revision: row.revision,
          contactId: ctx.session.contactId,
          now,
        });
        if (!ok) throw new Stale();
      }
      recordAudit(
        {
          orgId: ctx.assessment.orgId,
          actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
          action: "assessment.theme-confirmed-unchanged",
          target: { type: "assessment", id: ctx.assessment.id },
          ip,
          details: { themeId: theme.id, questions: carried.map((row) => row.questionId) },
          at: now,
        },
        db,
      );
    })();
  } catch (error) {
    if (error instanceof Stale) return { kind: "refused", message: "reassessment.unchanged.stale", themeId: theme.id };
    throw error;
  }
  const next = state.questionnaire.themes[index + 1];
  return { kind: "confirmed", themeId: theme.id, next: next ? `/s/themes/${next.id}?confirmed=${theme.id}` : `/s/submit` };
}
