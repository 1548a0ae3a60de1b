/**
 * A questionnaire turned, once, into the lookup tables scoring needs: per question how it is
 * scored and which answer values are valid, flags by id. Cached per questionnaire object, so
 * scoring a batch of assessments against one version pays for this once.
 */
import type {
  FlagDefinition,
  FlagRule,
  Question,
  Questionnaire,
} from "../questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "../questionnaire/questionnaire-schema";

/** Why a question does not contribute to the score even when answered. */
export type NotScoredReason = "type-not-scored" | "no-points" | "zero-weight";

export type QuestionScoring =
  | { kind: "choice"; pointsByValue: ReadonlyMap<string, number>; maxPoints: number }
  | { kind: "multiple-choice"; pointsByValue: ReadonlyMap<string, number>; maxPoints: number }
  | { kind: "date-recency"; withinMonths: number }
  | { kind: "none"; reason: NotScoredReason };

export interface CompiledQuestion {
  question: Question;
  themeIndex: number;
  scoring: QuestionScoring;
  /** Valid answer values for the choice types; null for free-value types. */
  allowedValues: ReadonlySet<string> | null;
}

export interface CompiledFlag {
  definition: FlagDefinition;
  /** Position in the file, the tie-breaker when sorting raised flags. */
  order: number;
}

export interface CompiledQuestionnaire {
  questionnaire: Questionnaire;
  /** Every question in questionnaire order (themes in order, questions in order). */
  questions: readonly CompiledQuestion[];
  byId: ReadonlyMap<string, CompiledQuestion>;
  flags: ReadonlyMap<string, CompiledFlag>;
  flagRules: readonly FlagRule[];
}

function pointsScoring(
  kind: "choice" | "multiple-choice",
  entries: [string, number][],
  declaredMax: number | undefined,
): QuestionScoring {
  const pointsByValue = new Map(entries);
  const maxPoints =
    declaredMax ??
    (kind === "choice"
      ? Math.max(0, ...pointsByValue.values())
      : [...pointsByValue.values()].reduce((sum, p) => sum + p, 0));
  if (maxPoints <= 0) return { kind: "none", reason: "no-points" };
  return { kind, pointsByValue, maxPoints };
}

function questionScoring(question: Question): QuestionScoring {
  let scoring: QuestionScoring;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
      scoring = question.points
        ? pointsScoring("choice", Object.entries(question.points), undefined)
        : { kind: "none", reason: "no-points" };
      break;
    case "single_choice":
      scoring = pointsScoring(
        "choice",
        question.options.map((o) => [o.value, o.points ?? 0]),
        undefined,
      );
      break;
    case "multiple_choice":
      scoring = pointsScoring(
        "multiple-choice",
        question.options.map((o) => [o.value, o.points ?? 0]),
        question.maxPoints,
      );
      break;
    case "date":
      scoring =
        question.recentWithinMonths !== undefined
          ? { kind: "date-recency", withinMonths: question.recentWithinMonths }
          : { kind: "none", reason: "no-points" };
      break;
    case "text":
    case "number":
    case "evidence":
      scoring = { kind: "none", reason: "type-not-scored" };
      break;
  }
  if (scoring.kind !== "none" && question.weight === 0) return { kind: "none", reason: "zero-weight" };
  return scoring;
}

function compile(questionnaire: Questionnaire): CompiledQuestionnaire {
  const questions: CompiledQuestion[] = [];
  const byId = new Map<string, CompiledQuestion>();
  questionnaire.themes.forEach((theme, themeIndex) => {
    for (const question of theme.questions) {
      const values = fixedAnswerValues(question);
      const compiled: CompiledQuestion = {
        question,
        themeIndex,
        scoring: questionScoring(question),
        allowedValues: values === null ? null : new Set(values),
      };
      questions.push(compiled);
      byId.set(question.id, compiled);
    }
  });
  const flags = new Map<string, CompiledFlag>();
  questionnaire.flags.forEach((definition, order) => flags.set(definition.id, { definition, order }));
  for (const rule of questionnaire.flagRules) {
    if (!flags.has(rule.flag)) {
      throw new Error(
        `Questionnaire ${questionnaire.id}@${questionnaire.version}: flag rule names unknown flag '${rule.flag}'`,
      );
    }
  }
  return { questionnaire, questions, byId, flags, flagRules: questionnaire.flagRules };
}

const cache = new WeakMap<Questionnaire, CompiledQuestionnaire>();

/** The compiled form of a questionnaire; questionnaires are immutable once parsed, so it is cached. */
export function compileQuestionnaire(questionnaire: Questionnaire): CompiledQuestionnaire {
  let compiled = cache.get(questionnaire);
  if (compiled === undefined) {
    compiled = compile(questionnaire);
    cache.set(questionnaire, compiled);
  }
  return compiled;
}
