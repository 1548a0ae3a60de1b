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
import type { CompiledCondition } from "./conditions";
import { compileCondition } from "./conditions";

/** Why a question does not contribute to the score even when answered. */
export type NotScoredReason = "type-not-scored" | "no-points" | "zero-weight";

export type QuestionScoring =
  | { kind: "choice"; pointsByValue: ReadonlyMap<string, number>; maxPoints: number }
  | { kind: "multiple-choice"; pointsByValue: ReadonlyMap<string, number>; maxPoints: number }
  | { kind: "date-recency"; withinMonths: number }
  | { kind: "none"; reason: NotScoredReason };

export interface CompiledQuestion {
  question: Question;
  /** Position in questionnaire order: the question's slot in `AnswerSlots`. */
  index: number;
  themeIndex: number;
  showIf: CompiledCondition | null;
  scoring: QuestionScoring;
  /** Valid answer values for the choice types; null for free-value types. */
  allowedValues: ReadonlySet<string> | null;
}

export interface CompiledFlag {
  definition: FlagDefinition;
  /** Position in the file, the tie-breaker when sorting raised flags. */
  order: number;
}

export interface CompiledFlagRule {
  rule: FlagRule;
  when: CompiledCondition;
}

export interface CompiledQuestionnaire {
  questionnaire: Questionnaire;
  /** Every question in questionnaire order (themes in order, questions in order). */
  questions: readonly CompiledQuestion[];
  byId: ReadonlyMap<string, CompiledQuestion>;
  flags: ReadonlyMap<string, CompiledFlag>;
  flagRules: readonly CompiledFlagRule[];
}

function pointsScoring(entries: [string, number][], maxPoints: number): QuestionScoring {
  return maxPoints > 0
    ? { kind: "choice", pointsByValue: new Map(entries), maxPoints }
    : { kind: "none", reason: "no-points" };
}

/**
 * Full marks for a multiple-choice question: the declared `maxPoints`, else the best answer that
 * can be given. The schema says "the sum of all options' points"; that is the same number unless
 * an exclusive option ("none of these") carries points, and then the sum could never be reached.
 */
function multipleChoiceScoring(question: Extract<Question, { type: "multiple_choice" }>): QuestionScoring {
  const points = (o: { points?: number | undefined }) => o.points ?? 0;
  const combinable = question.options.filter((o) => !o.exclusive).reduce((sum, o) => sum + points(o), 0);
  const maxPoints =
    question.maxPoints ?? Math.max(combinable, ...question.options.filter((o) => o.exclusive).map(points));
  if (maxPoints <= 0) return { kind: "none", reason: "no-points" };
  return {
    kind: "multiple-choice",
    pointsByValue: new Map(question.options.map((o) => [o.value, points(o)])),
    maxPoints,
  };
}

function questionScoring(question: Question): QuestionScoring {
  let scoring: QuestionScoring;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
      scoring = question.points
        ? pointsScoring(Object.entries(question.points), Math.max(...Object.values(question.points)))
        : { kind: "none", reason: "no-points" };
      break;
    case "single_choice":
      scoring = pointsScoring(
        question.options.map((o) => [o.value, o.points ?? 0]),
        Math.max(0, ...question.options.map((o) => o.points ?? 0)),
      );
      break;
    case "multiple_choice":
      scoring = multipleChoiceScoring(question);
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
  // Question ids are unique in a loaded questionnaire; should one repeat, conditions see the first.
  const indexById = new Map<string, number>();
  let position = 0;
  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) {
      if (!indexById.has(question.id)) indexById.set(question.id, position);
      position++;
    }
  }
  const indexOf = (questionId: string) => indexById.get(questionId);

  const questions: CompiledQuestion[] = [];
  const byId = new Map<string, CompiledQuestion>();
  questionnaire.themes.forEach((theme, themeIndex) => {
    for (const question of theme.questions) {
      const values = fixedAnswerValues(question);
      const compiled: CompiledQuestion = {
        question,
        index: questions.length,
        themeIndex,
        showIf: question.showIf === undefined ? null : compileCondition(question.showIf, indexOf),
        scoring: questionScoring(question),
        allowedValues: values === null ? null : new Set(values),
      };
      questions.push(compiled);
      byId.set(question.id, compiled);
    }
  });
  const flags = new Map<string, CompiledFlag>();
  questionnaire.flags.forEach((definition, order) => flags.set(definition.id, { definition, order }));
  const flagRules = questionnaire.flagRules.map((rule) => {
    if (!flags.has(rule.flag)) {
      throw new Error(
        `Questionnaire ${questionnaire.id}@${questionnaire.version}: flag rule names unknown flag '${rule.flag}'`,
      );
    }
    return { rule, when: compileCondition(rule.when, indexOf) };
  });
  return { questionnaire, questions, byId, flags, flagRules };
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
