/**
 * Contract requirements from a supplier's answers, flags and tier (CFCS guide phase 2 and 4,
 * bilag 5: SMART requirements). The rules are data — `questionnaires/contract-requirements/
 * contract-requirements.v<version>.json`, validated by the schema below and by
 * `npm run questionnaires:check` — and `deriveContractRequirements` applies them; it is pure (no
 * I/O; the clock is a parameter).
 */
import { z } from "zod";
import type { Tier } from "#db/schema";
import type { AnswerMap, AnswerValue } from "~/questionnaire/answer-types";
import { ConditionSchema, LocalisedTextSchema, SlugSchema, type Condition, type Questionnaire } from "~/questionnaire/questionnaire-schema";
import { evaluateCondition } from "~/scoring/conditions";
import { TIERS, tierRank } from "~/suppliers/tiering";

export const CONTRACT_TOPICS = ["data-processing", "breach-notification", "audit", "privileged-access", "sub-suppliers", "exit", "insurance"] as const;
export type ContractTopic = (typeof CONTRACT_TOPICS)[number];

/** When a requirement applies: a condition on the answers, an open flag, the tier, or a combination. */
export type RuleCondition =
  | { answers: Condition }
  | { flag: string }
  | { tierAtLeast: Tier }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export const RuleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({ answers: ConditionSchema }).strict(),
    z.object({ flag: SlugSchema }).strict(),
    z.object({ tierAtLeast: z.enum(TIERS) }).strict(),
    z.object({ all: z.array(RuleConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(RuleConditionSchema).min(1) }).strict(),
    z.object({ not: RuleConditionSchema }).strict(),
  ]),
);

export const ContractRequirementsFileSchema = z
  .object({
    id: z.literal("contract-requirements"),
    version: z.number().int().positive(),
    title: LocalisedTextSchema,
    requirements: z
      .array(
        z
          .object({
            id: SlugSchema,
            topic: z.enum(CONTRACT_TOPICS),
            when: RuleConditionSchema,
            text: LocalisedTextSchema,
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.requirements.forEach((requirement, index) => {
      if (seen.has(requirement.id)) ctx.addIssue({ code: "custom", path: ["requirements", index, "id"], message: `duplicate requirement id '${requirement.id}'` });
      seen.add(requirement.id);
    });
    for (const topic of CONTRACT_TOPICS) {
      if (!file.requirements.some((r) => r.topic === topic)) ctx.addIssue({ code: "custom", path: ["requirements"], message: `no requirement for topic '${topic}'` });
    }
  });
export type ContractRequirementsFile = z.infer<typeof ContractRequirementsFileSchema>;

/** Question and flag ids a rules file names that no questionnaire defines (a typo would silently never apply). */
export function unknownReferences(file: ContractRequirementsFile, questionnaires: readonly Questionnaire[]): string[] {
  const questions = new Set(questionnaires.flatMap((q) => q.themes.flatMap((t) => t.questions.map((question) => question.id))));
  const flags = new Set(questionnaires.flatMap((q) => q.flags.map((f) => f.id)));
  const problems: string[] = [];
  const visitAnswers = (condition: Condition, where: string) => {
    if ("all" in condition) condition.all.forEach((c) => visitAnswers(c, where));
    else if ("any" in condition) condition.any.forEach((c) => visitAnswers(c, where));
    else if ("not" in condition) visitAnswers(condition.not, where);
    else if (!questions.has(condition.question)) problems.push(`${where}: unknown question '${condition.question}'`);
  };
  const visit = (condition: RuleCondition, where: string) => {
    if ("answers" in condition) visitAnswers(condition.answers, where);
    else if ("flag" in condition) {
      if (!flags.has(condition.flag)) problems.push(`${where}: unknown flag '${condition.flag}'`);
    } else if ("all" in condition) condition.all.forEach((c) => visit(c, where));
    else if ("any" in condition) condition.any.forEach((c) => visit(c, where));
    else if ("not" in condition) visit(condition.not, where);
  };
  for (const requirement of file.requirements) visit(requirement.when, `requirements.${requirement.id}`);
  return problems;
}

/** Why a requirement applies: an answer, an open flag (with the answers that raised it), or the tier. */
export type RequirementPrompt =
  | { kind: "answer"; questionId: string; value: AnswerValue }
  | { kind: "flag"; flagType: string; triggers: { questionId: string; value: unknown }[] }
  | { kind: "tier"; tier: Tier };

export interface DerivedRequirement {
  id: string;
  topic: ContractTopic;
  text: { da: string; en: string };
  prompts: RequirementPrompt[];
}

export interface RequirementInput {
  answers: AnswerMap;
  /** Flags not resolved (open, accepted or lapsed): an accepted risk still belongs in the contract. */
  flags: readonly { flagType: string; triggers: { questionId: string; value: unknown }[] }[];
  tier: Tier;
}

function evaluate(condition: RuleCondition, input: RequirementInput, now: Date): { holds: boolean; prompts: RequirementPrompt[] } {
  if ("answers" in condition) {
    const result = evaluateCondition(condition.answers, input.answers, now);
    return { holds: result.holds, prompts: result.triggers.map((t) => ({ kind: "answer", questionId: t.questionId, value: t.value })) };
  }
  if ("flag" in condition) {
    const flag = input.flags.find((f) => f.flagType === condition.flag);
    return flag ? { holds: true, prompts: [{ kind: "flag", flagType: flag.flagType, triggers: flag.triggers }] } : { holds: false, prompts: [] };
  }
  if ("tierAtLeast" in condition) {
    const holds = tierRank(input.tier) >= tierRank(condition.tierAtLeast);
    return { holds, prompts: holds ? [{ kind: "tier", tier: input.tier }] : [] };
  }
  if ("all" in condition) {
    const prompts: RequirementPrompt[] = [];
    for (const child of condition.all) {
      const result = evaluate(child, input, now);
      if (!result.holds) return { holds: false, prompts: [] };
      prompts.push(...result.prompts);
    }
    return { holds: true, prompts };
  }
  if ("any" in condition) {
    // Every child that holds is a reason: the reader sees all that prompted the requirement.
    const held = condition.any.map((child) => evaluate(child, input, now)).filter((r) => r.holds);
    return { holds: held.length > 0, prompts: held.flatMap((r) => r.prompts) };
  }
  return { holds: !evaluate(condition.not, input, now).holds, prompts: [] };
}

/** The requirements that apply, in the file's order, each with what prompted it (duplicates removed). */
export function deriveContractRequirements(file: ContractRequirementsFile, input: RequirementInput, now: Date): DerivedRequirement[] {
  const derived: DerivedRequirement[] = [];
  for (const requirement of file.requirements) {
    const result = evaluate(requirement.when, input, now);
    if (!result.holds) continue;
    const seen = new Set<string>();
    const prompts = result.prompts.filter((prompt) => {
      const key = prompt.kind === "answer" ? `a:${prompt.questionId}` : prompt.kind === "flag" ? `f:${prompt.flagType}` : "t";
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    derived.push({ id: requirement.id, topic: requirement.topic, text: requirement.text, prompts });
  }
  return derived;
}
