/**
 * Scoring throughput: full assessments of the shipped full questionnaire scored per second on one
 * core, next to a trivial loop over the same answers (looking up and summing their points), so
 * the figure can be read as a ratio that is less sensitive to the machine.
 *
 * Answer sets are random but fixed (seeded) and generated before timing starts.
 */
import { fileURLToPath } from "node:url";
import path from "node:path";
import fc from "fast-check";
import type { AnswerInput } from "../app/questionnaire/answer-types";
import type { Questionnaire } from "../app/questionnaire/questionnaire-schema";
import { loadQuestionnaireFile } from "../app/questionnaire/load-questionnaire";
import { scoreAssessment } from "../app/scoring/score-assessment";
import { answersArbitrary } from "../tests/unit/scoring/answer-generators";

import type { BenchFigure } from "./support";

const ANSWER_SETS = 256;
const SEED = 20250615;
const WARM_UP_MS = 1000;
const MEASURE_MS = 2500;
const NOW = new Date("2025-06-15T12:00:00Z");

const here = path.dirname(fileURLToPath(import.meta.url));
const FULL_QUESTIONNAIRE = path.join(here, "..", "questionnaires", "due-diligence.v1.json");

/** Runs `step` (which processes one answer set) for at least `ms` milliseconds; returns steps per second. */
function timed(ms: number, step: (index: number) => void): number {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < ANSWER_SETS; i++) step(i);
    count += ANSWER_SETS;
    elapsed = performance.now() - start;
  }
  return count / (elapsed / 1000);
}

export function answerSets(questionnaire: Questionnaire): AnswerInput[][] {
  return fc.sample(answersArbitrary(questionnaire, NOW), { seed: SEED, numRuns: ANSWER_SETS });
}

export function measure(questionnaire: Questionnaire): BenchFigure[] {
  const sets = answerSets(questionnaire);
  let sink = 0;

  const score = (i: number) => {
    const result = scoreAssessment(questionnaire, sets[i]!, { now: NOW });
    sink += result.overallScore ?? 0;
  };

  // The baseline does the least any scorer must: visit every answer and add up its points.
  const points = new Map<string, Map<string, number>>();
  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) {
      const byValue = new Map<string, number>();
      if (question.type === "single_choice" || question.type === "multiple_choice") {
        for (const option of question.options) byValue.set(option.value, option.points ?? 0);
      } else if ((question.type === "yes_no" || question.type === "yes_partly_no") && question.points) {
        for (const [value, p] of Object.entries(question.points)) byValue.set(value, p);
      }
      points.set(question.id, byValue);
    }
  }
  const baseline = (i: number) => {
    let total = 0;
    for (const answer of sets[i]!) {
      const byValue = points.get(answer.questionId);
      if (byValue === undefined) continue;
      const value = answer.value;
      if (typeof value === "string") total += byValue.get(value) ?? 0;
      else if (Array.isArray(value)) for (const v of value) total += byValue.get(v) ?? 0;
    }
    sink += total;
  };

  timed(WARM_UP_MS, score);
  timed(WARM_UP_MS / 4, baseline);
  const assessmentsPerSecond = timed(MEASURE_MS, score);
  const baselinePerSecond = timed(MEASURE_MS, baseline);
  if (Number.isNaN(sink)) throw new Error("unreachable: keeps the loops from being optimised away");

  return [
    { name: "scoring.assessments_per_s", value: assessmentsPerSecond, unit: "assessments/s" },
    { name: "scoring.baseline_loop_per_s", value: baselinePerSecond, unit: "answer sets/s" },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  return measure(loadQuestionnaireFile(FULL_QUESTIONNAIRE));
}
