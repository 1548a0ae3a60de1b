/**
 * Answer sets for a questionnaire: the best answers, and answer sets that make a given condition
 * (such as a red-flag rule) hold, with the questions it needs made visible. Used by the demo seed
 * and by the tests (tests/unit/scoring/answer-generators.ts adds random answers on top).
 */
import type { AnswerInput } from "../../app/questionnaire/answer-types";
import { toAnswerMap } from "../../app/questionnaire/answer-types";
import type { Condition, Question, Questionnaire } from "../../app/questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "../../app/questionnaire/questionnaire-schema";
import { addMonths, dateKeyOf, formatDateKey, monthsBefore } from "../../app/scoring/calendar";
import { compileQuestionnaire } from "../../app/scoring/compile-questionnaire";
import { conditionHolds, isAnswerGiven, resolveVisibility } from "../../app/scoring/conditions";

export type LeafCondition = Extract<Condition, { question: string }>;

export const questionsOf = (questionnaire: Questionnaire): Question[] =>
  questionnaire.themes.flatMap((theme) => theme.questions);

export const isoDate = (date: Date): string => formatDateKey(dateKeyOf(date));

const answer = (question: Question, value: AnswerInput["value"]): AnswerInput => ({
  questionId: question.id,
  value,
  evidenceCount: 1,
});

/** Every leaf of a condition with its polarity: true when the leaf holding makes the whole more likely to hold. */
export function leavesWithPolarity(condition: Condition, positive = true): { leaf: LeafCondition; positive: boolean }[] {
  if ("all" in condition) return condition.all.flatMap((c) => leavesWithPolarity(c, positive));
  if ("any" in condition) return condition.any.flatMap((c) => leavesWithPolarity(c, positive));
  if ("not" in condition) return leavesWithPolarity(condition.not, !positive);
  return [{ leaf: condition, positive }];
}

function flagLeavesByQuestion(questionnaire: Questionnaire): Map<string, { leaf: LeafCondition; positive: boolean }[]> {
  const byQuestion = new Map<string, { leaf: LeafCondition; positive: boolean }[]>();
  for (const rule of questionnaire.flagRules) {
    for (const entry of leavesWithPolarity(rule.when)) {
      const list = byQuestion.get(entry.leaf.question) ?? [];
      list.push(entry);
      byQuestion.set(entry.leaf.question, list);
    }
  }
  return byQuestion;
}

/** Numbers worth trying for a number question: its bounds and the thresholds conditions use. */
export function numberCandidates(question: Extract<Question, { type: "number" }>, leaves: readonly LeafCondition[]): number[] {
  const thresholds = leaves.flatMap((leaf) =>
    "lessThan" in leaf ? [leaf.lessThan] : "greaterThan" in leaf ? [leaf.greaterThan] : [],
  );
  const raw = [
    question.min ?? 0,
    question.max ?? 100,
    0,
    ...thresholds.flatMap((t) => [t, t - 1, t + 1]),
  ];
  return [...new Set(raw)].filter(
    (n) => (question.min === undefined || n >= question.min) && (question.max === undefined || n <= question.max),
  );
}

function candidateValues(question: Question, leaves: readonly LeafCondition[], now: Date): AnswerInput["value"][] {
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no":
    case "single_choice":
      return [...fixedAnswerValues(question)!];
    case "multiple_choice": {
      const combinable = question.options.filter((o) => !o.exclusive);
      const earning = combinable.filter((o) => (o.points ?? 0) > 0).map((o) => o.value);
      const named = new Set(leaves.flatMap((l) => ("includes" in l ? [l.includes] : "in" in l ? l.in : [])));
      const sets = [
        earning,
        earning.filter((v) => !named.has(v)),
        combinable.map((o) => o.value),
        combinable.filter((o) => !named.has(o.value)).map((o) => o.value),
        ...question.options.map((o) => [o.value]),
      ];
      return sets.filter((set) => set.length > 0);
    }
    case "text":
      return ["Beskrevet i vores informationssikkerhedspolitik."];
    case "date": {
      const today = isoDate(now);
      const nextYear = isoDate(addMonths(now, 12));
      return question.evidenceDate?.kind === "valid-until" ? [nextYear, today] : [today, nextYear];
    }
    case "number":
      return numberCandidates(question, leaves);
    case "evidence":
      return [null];
  }
}

/** Points fraction 0–1 the scorer gives a value, or 0 for unscored questions. */
function pointsFraction(questionnaire: Questionnaire, question: Question, value: AnswerInput["value"], now: Date): number {
  const scoring = compileQuestionnaire(questionnaire).byId.get(question.id)!.scoring;
  switch (scoring.kind) {
    case "choice":
      return (scoring.pointsByValue.get(value as string) ?? 0) / scoring.maxPoints;
    case "multiple-choice": {
      const sum = (value as string[]).reduce((s, v) => s + (scoring.pointsByValue.get(v) ?? 0), 0);
      return Math.min(sum, scoring.maxPoints) / scoring.maxPoints;
    }
    case "date-recency":
      return conditionHolds({ question: question.id, olderThanMonths: scoring.withinMonths }, toAnswerMap([answer(question, value)]), now)
        ? 0
        : 1;
    case "none":
      return 0;
  }
}

/**
 * The best answer to every question (including ones the best answers hide): the value with the
 * most points, and among equals the one satisfying the fewest flag-rule leaves in the flag-raising
 * direction. Every answer carries one evidence file, so completeness is 100.
 */
export function bestAnswers(questionnaire: Questionnaire, now: Date): AnswerInput[] {
  const flagLeaves = flagLeavesByQuestion(questionnaire);
  return questionsOf(questionnaire).map((question) => {
    const leaves = flagLeaves.get(question.id) ?? [];
    const badness = (value: AnswerInput["value"]) => {
      const answers = toAnswerMap([answer(question, value)]);
      return leaves.filter(({ leaf, positive }) => conditionHolds(leaf, answers, now) === positive).length;
    };
    const ranked = candidateValues(
      question,
      leaves.map((l) => l.leaf),
      now,
    )
      .map((value, order) => ({ value, order, points: pointsFraction(questionnaire, question, value, now), bad: badness(value) }))
      .sort((a, b) => b.points - a.points || a.bad - b.bad || a.order - b.order);
    return answer(question, ranked[0]!.value);
  });
}

// ---------------------------------------------------------------------------------------------
// Satisfying a condition

type Answers = ReadonlyMap<string, AnswerInput>;

function withAnswer(answers: Answers, questionId: string, value: AnswerInput | undefined): Map<string, AnswerInput> {
  const next = new Map(answers);
  if (value === undefined) next.delete(questionId);
  else next.set(questionId, value);
  return next;
}

/** Answers (undefined = no answer) to `question` that make `leaf` hold (positive) or fail (negative). */
export function leafAnswers(
  question: Question,
  leaf: LeafCondition,
  positive: boolean,
  current: AnswerInput | undefined,
  best: AnswerInput,
  now: Date,
): (AnswerInput | undefined)[] {
  const given = isAnswerGiven(current) ? current : best;
  const values = fixedAnswerValues(question) ?? [];
  const multi = question.type === "multiple_choice";
  const exclusive = new Set(multi ? question.options.filter((o) => o.exclusive).map((o) => o.value) : []);
  const currentSet = Array.isArray(given.value) ? given.value.filter((v) => !exclusive.has(v)) : [];
  const number = question.type === "number" ? question : null;
  const inRange = (n: number) =>
    number !== null && (number.min === undefined || n >= number.min) && (number.max === undefined || n <= number.max);
  const of = (value: AnswerInput["value"]) => answer(question, value);
  const notApplicable: AnswerInput[] = question.allowNotApplicable
    ? [{ questionId: question.id, value: null, notApplicable: true }]
    : [];

  if ("answered" in leaf) {
    return leaf.answered === positive ? [given] : [undefined, ...notApplicable];
  }
  let candidates: AnswerInput["value"][];
  if ("in" in leaf) {
    const chosen = positive ? leaf.in : values.filter((v) => !leaf.in.includes(v));
    candidates = multi ? chosen.map((v) => [v]) : [...chosen];
    if (multi && !positive) candidates.unshift(currentSet.filter((v) => !leaf.in.includes(v)));
  } else if ("includes" in leaf) {
    if (positive) {
      candidates = exclusive.has(leaf.includes)
        ? [[leaf.includes]]
        : [[...currentSet.filter((v) => v !== leaf.includes), leaf.includes], [leaf.includes]];
    } else {
      candidates = [currentSet.filter((v) => v !== leaf.includes), ...values.filter((v) => v !== leaf.includes).map((v) => [v])];
    }
  } else if ("olderThanMonths" in leaf) {
    candidates = positive
      ? [formatDateKey(monthsBefore(now, leaf.olderThanMonths + 1))]
      : [isoDate(now), formatDateKey(monthsBefore(now, leaf.olderThanMonths))];
  } else if ("lessThan" in leaf) {
    const t = leaf.lessThan;
    candidates = (positive ? [t - 1, t - 0.5, number?.min ?? t - 1] : [t, t + 1, number?.max ?? t]).filter(inRange);
  } else {
    const t = leaf.greaterThan;
    candidates = (positive ? [t + 1, t + 0.5, number?.max ?? t + 1] : [t, t - 1, number?.min ?? t]).filter(inRange);
  }
  const result: (AnswerInput | undefined)[] = candidates
    .filter((v) => !Array.isArray(v) || v.length > 0)
    .map((v) => ({ ...of(v), evidenceCount: given.evidenceCount ?? 1 }))
    // Bounds (a number question's min and max) can rule a candidate out.
    .filter((a) => conditionHolds(leaf, toAnswerMap([a]), now) === positive);
  // Leaving the question unanswered makes every leaf but `answered: false` fail.
  if (!positive) result.push(undefined, ...notApplicable);
  return result;
}

interface SolveContext {
  questionnaire: Questionnaire;
  questions: ReadonlyMap<string, Question>;
  best: ReadonlyMap<string, AnswerInput>;
  now: Date;
}

function* solve(context: SolveContext, condition: Condition, answers: Answers, positive: boolean, depth: number): Generator<Answers> {
  if (depth > 20) return;
  if ("not" in condition) {
    yield* solve(context, condition.not, answers, !positive, depth + 1);
    return;
  }
  if ("all" in condition || "any" in condition) {
    const children = "all" in condition ? condition.all : condition.any;
    const conjunctive = "all" in condition === positive;
    if (conjunctive) yield* solveEach(context, children, 0, answers, positive, depth + 1);
    else for (const child of children) yield* solve(context, child, answers, positive, depth + 1);
    return;
  }
  const question = context.questions.get(condition.question);
  if (!question) return;
  const best = context.best.get(question.id)!;
  for (const value of leafAnswers(question, condition, positive, answers.get(question.id), best, context.now)) {
    const next = withAnswer(answers, question.id, value);
    // A leaf that must hold needs its question shown (except "not answered", which a hidden question satisfies).
    const needsVisible = positive && !("answered" in condition && !condition.answered);
    if (needsVisible && question.showIf !== undefined) yield* solve(context, question.showIf, next, true, depth + 1);
    else yield next;
  }
}

function* solveEach(
  context: SolveContext,
  children: readonly Condition[],
  index: number,
  answers: Answers,
  positive: boolean,
  depth: number,
): Generator<Answers> {
  if (index === children.length) {
    yield answers;
    return;
  }
  for (const partial of solve(context, children[index]!, answers, positive, depth)) {
    yield* solveEach(context, children, index + 1, partial, positive, depth);
  }
}

/**
 * Answer sets, starting from `base` (by default the best answers), under which `condition` holds
 * on the visible answers: each leaf is satisfied and the question it names made visible by
 * satisfying that question's showIf in turn. Alternatives come lazily, at most `limit` of them.
 */
export function* satisfyingAnswerSets(
  questionnaire: Questionnaire,
  condition: Condition,
  now: Date,
  options: { base?: readonly AnswerInput[]; limit?: number } = {},
): Generator<AnswerInput[]> {
  const best = toAnswerMap(bestAnswers(questionnaire, now));
  const context: SolveContext = {
    questionnaire,
    questions: new Map(questionsOf(questionnaire).map((q) => [q.id, q])),
    best,
    now,
  };
  const limit = options.limit ?? 500;
  const seen = new Set<string>();
  let tried = 0;
  for (const answers of solve(context, condition, options.base ? toAnswerMap(options.base) : best, true, 0)) {
    if (++tried > limit) return;
    const { visibleAnswers } = resolveVisibility(questionnaire, answers, now);
    if (!conditionHolds(condition, visibleAnswers, now)) continue;
    const key = JSON.stringify([...answers.values()]);
    if (seen.has(key)) continue;
    seen.add(key);
    yield [...answers.values()];
  }
}

export function satisfyCondition(
  questionnaire: Questionnaire,
  condition: Condition,
  now: Date,
  options: { base?: readonly AnswerInput[] } = {},
): AnswerInput[] | null {
  for (const answers of satisfyingAnswerSets(questionnaire, condition, now, options)) return answers;
  return null;
}
