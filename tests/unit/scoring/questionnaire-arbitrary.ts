/**
 * Small random questionnaires for property tests: every question type, points, weights, showIf on
 * earlier questions, not-applicable, evidence requirements and flag rules. Built from a seed by a
 * deterministic generator and validated by the real loader, so they are always valid files.
 */
import fc from "fast-check";
import type { Condition, Question, Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { fixedAnswerValues, QuestionSchema } from "../../../app/questionnaire/questionnaire-schema";
import { parseQuestionnaire } from "../../../app/questionnaire/load-questionnaire";

/**
 * - `any`: flag rules use every condition form, `not` and `answered` included.
 * - `monotone`: only leaves that hold for "more" answers (`in`, `includes`, `lessThan`,
 *   `greaterThan`, `olderThanMonths`, `answered: true`) under `all`/`any`; no `not`.
 * - `avoidable`: monotone, and every leaf names an answer that is not the question's best, so the
 *   best answers raise no flag.
 */
export type FlagStyle = "any" | "monotone" | "avoidable";

type Rng = {
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  subset<T>(items: readonly T[], min: number): T[];
};

function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)]!,
    subset: (items, min) => {
      const chosen = items.filter(() => next() < 0.5);
      for (const item of items) if (chosen.length < min && !chosen.includes(item)) chosen.push(item);
      return chosen;
    },
  };
}

const text = (label: string) => ({ da: `${label} (da)`, en: `${label} (en)` });

const TYPES = ["yes_no", "yes_partly_no", "single_choice", "multiple_choice", "text", "date", "number", "evidence"] as const;

function randomQuestion(r: Rng, id: string): Record<string, unknown> {
  const type = r.pick(TYPES);
  const base: Record<string, unknown> = {
    id,
    type,
    text: text(`Question ${id}`),
    help: text(`Help ${id}`),
    required: r.chance(0.7),
    weight: r.pick([0, 0.5, 1, 1, 2, 3]),
    allowNotApplicable: r.chance(0.3),
  };
  switch (type) {
    case "yes_no":
      // A weighted yes/no question must give points (the loader refuses it otherwise).
      if (r.chance(0.8)) base.points = { yes: r.int(1, 3), no: r.pick([0, 0, 1]) };
      else base.weight = 0;
      base.evidence = r.pick(["none", "required", { default: "none", byAnswer: { yes: "required" } }]);
      break;
    case "yes_partly_no":
      base.points = { yes: r.int(2, 4), partly: 1, no: 0 };
      base.evidence = r.pick(["none", "optional", { default: "optional", byAnswer: { partly: "required" } }]);
      break;
    case "single_choice": {
      const options = Array.from({ length: r.int(2, 4) }, (_, i) => ({ value: `o${i}`, label: text(`Option ${i}`), points: r.int(0, 4) }));
      if (options.every((o) => o.points === 0)) options[0]!.points = 2;
      base.options = options;
      base.evidence = r.pick(["none", { default: "none", byAnswer: { o0: "required" } }]);
      break;
    }
    case "multiple_choice": {
      const options: { value: string; label: unknown; points: number; exclusive?: boolean }[] = Array.from(
        { length: r.int(2, 5) },
        (_, i) => ({ value: `m${i}`, label: text(`Option ${i}`), points: r.int(0, 3) }),
      );
      if (options.every((o) => o.points === 0)) options[0]!.points = 1;
      if (r.chance(0.4)) options.push({ value: "none", label: text("None of these"), points: 0, exclusive: true });
      const sum = options.reduce((s, o) => s + o.points, 0);
      if (r.chance(0.4)) base.maxPoints = r.int(1, sum);
      base.options = options;
      base.evidence = r.pick(["none", "required", { default: "none", byAnswer: { m0: "required" } }]);
      break;
    }
    case "text":
      base.evidence = r.pick(["none", "optional"]);
      break;
    case "date":
      if (r.chance(0.6)) base.recentWithinMonths = r.pick([3, 6, 12, 24]);
      base.evidence = r.pick(["none", "required"]);
      break;
    case "number":
      base.min = 0;
      base.max = r.pick([10, 100, 1000]);
      break;
    case "evidence":
      base.evidence = r.pick(["optional", "required"]);
      break;
  }
  return base;
}

/** The value the best answers give a fixed-value question (mirrors `bestAnswers`), used to keep avoidable flags avoidable. */
function bestFixedValues(question: Question): Set<string> {
  const scored = question.weight > 0;
  switch (question.type) {
    case "yes_no":
    case "yes_partly_no": {
      const values = fixedAnswerValues(question)!;
      if (!question.points || !scored) return new Set(values.slice(0, 1));
      const points = question.points as Record<string, number>;
      const max = Math.max(...values.map((v) => points[v]!));
      return new Set(values.filter((v) => points[v] === max));
    }
    case "single_choice": {
      if (!scored) return new Set([question.options[0]!.value]);
      const max = Math.max(...question.options.map((o) => o.points ?? 0));
      return new Set(question.options.filter((o) => (o.points ?? 0) === max).map((o) => o.value));
    }
    default:
      return new Set();
  }
}

function randomLeaf(r: Rng, question: Question, style: FlagStyle | "show"): Condition | null {
  const id = question.id;
  const values = fixedAnswerValues(question);
  if (style === "avoidable") {
    if (question.type === "multiple_choice") {
      if (question.weight === 0) return null;
      const avoidable = question.options.filter((o) => (o.points ?? 0) === 0).map((o) => o.value);
      return avoidable.length > 0 ? { question: id, includes: r.pick(avoidable) } : null;
    }
    if (values !== null) {
      const best = bestFixedValues(question);
      const bad = values.filter((v) => !best.has(v));
      return bad.length > 0 ? { question: id, in: r.subset(bad, 1) } : null;
    }
    if (question.type === "date") return { question: id, olderThanMonths: r.pick([1, 6, 12, 36]) };
    if (question.type === "number") return { question: id, lessThan: r.int(question.min ?? 0, question.max ?? 100) };
    return null;
  }
  const forms: (() => Condition)[] = [];
  if (values !== null) forms.push(() => ({ question: id, in: r.subset(values, 1) }));
  if (question.type === "multiple_choice") forms.push(() => ({ question: id, includes: r.pick(values!) }));
  if (question.type === "date") forms.push(() => ({ question: id, olderThanMonths: r.pick([1, 6, 12, 36]) }));
  if (question.type === "number") {
    forms.push(() => ({ question: id, lessThan: r.int(0, 50) }));
    forms.push(() => ({ question: id, greaterThan: r.int(0, 50) }));
  }
  forms.push(() => ({ question: id, answered: style === "monotone" ? true : r.chance(0.5) }));
  const leaf = r.pick(forms)();
  return style === "any" || style === "show" ? (r.chance(0.15) ? { not: leaf } : leaf) : leaf;
}

function randomCondition(r: Rng, questions: readonly Question[], style: FlagStyle, depth = 0): Condition | null {
  if (depth < 2 && r.chance(0.3)) {
    const children = Array.from({ length: r.int(1, 3) }, () => randomCondition(r, questions, style, depth + 1)).filter(
      (c): c is Condition => c !== null,
    );
    if (children.length === 0) return null;
    return r.chance(0.5) ? { all: children } : { any: children };
  }
  return randomLeaf(r, r.pick(questions), style);
}

export function randomQuestionnaire(seed: number, style: FlagStyle): Questionnaire {
  const r = rng(seed);
  let counter = 0;
  const themes: Record<string, unknown>[] = [];
  const parsedSoFar: Question[] = [];
  for (let t = 0, themeCount = r.int(1, 3); t < themeCount; t++) {
    const questions: Record<string, unknown>[] = [];
    for (let q = 0, questionCount = r.int(1, 6); q < questionCount; q++) {
      const raw = randomQuestion(r, `q${++counter}`);
      if (parsedSoFar.length > 0 && r.chance(0.35)) {
        const showIf = randomLeaf(r, r.pick(parsedSoFar), "show");
        if (showIf) raw.showIf = showIf;
      }
      questions.push(raw);
      parsedSoFar.push(QuestionSchema.parse(raw));
    }
    themes.push({ id: `theme-${t + 1}`, title: text(`Theme ${t + 1}`), weight: r.pick([0, 1, 1, 2, 3]), questions });
  }
  const flags = Array.from({ length: r.int(1, 4) }, (_, i) => ({
    id: `flag-${i + 1}`,
    severity: r.pick(["critical", "high", "medium"] as const),
    warning: r.chance(0.2),
    title: text(`Flag ${i + 1}`),
    explanation: text(`Why flag ${i + 1}`),
  }));
  const flagRules = flags.flatMap((flag) => {
    const rules: { flag: string; when: Condition }[] = [];
    for (let attempt = 0; rules.length < r.int(1, 2) && attempt < 10; attempt++) {
      const when = randomCondition(r, parsedSoFar, style);
      if (when) rules.push({ flag: flag.id, when });
    }
    return rules;
  });
  const usedFlags = flags.filter((f) => flagRules.some((rule) => rule.flag === f.id));
  const id = "random";
  return parseQuestionnaire(
    {
      id,
      version: 1,
      title: text("Random questionnaire"),
      description: text("Generated for property tests"),
      estimatedMinutes: 5,
      intendedTiers: ["medium"],
      themes,
      flags: usedFlags,
      flagRules,
    },
    `${id}.v1.json`,
  );
}

export const questionnaireArbitrary = (style: FlagStyle): fc.Arbitrary<Questionnaire> =>
  fc.noShrink(fc.integer({ min: 1, max: 0x7fffffff })).map((seed) => randomQuestionnaire(seed, style));
