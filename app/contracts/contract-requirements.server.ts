/**
 * The contract requirements page of one assessment (own organisation; another's is a 404): the
 * rules applied to the supplier's answers, its unresolved flags and its tier, each requirement in
 * the reader's language with what prompted it; also as plain text to paste and as a DOCX.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { getDb, type Db } from "#db/client";
import { listFlags } from "#db/repos/flags";
import { findAssessmentForReview, listAnswers } from "#db/repos/reviews";
import type { StaffContext } from "~/auth/staff-session.server";
import { notFound } from "~/http/errors.server";
import type { Locale } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/messages";
import { getTranslator } from "~/i18n/translate";
import { formatAnswerValue } from "~/questionnaire/answer-format";
import type { Question } from "~/questionnaire/questionnaire-schema";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { effectiveFlagStatus } from "~/review/review.server";
import { todayIso } from "~/review/forms";
import { CONTRACT_TOPICS, deriveContractRequirements, type RequirementPrompt } from "./contract-requirements";
import { loadContractRequirements } from "./contract-requirements-file.server";

export interface RequirementGroup {
  topic: string;
  title: string;
  requirements: { id: string; topic: string; text: string; prompts: string[] }[];
}

export function loadContractRequirementsPage(staff: StaffContext, assessmentId: string, locale: Locale, options: { db?: Db; now?: Date } = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = staff.organisation.id;
  const found = findAssessmentForReview(db, orgId, assessmentId);
  if (!found) notFound();
  const { assessment, supplier } = found;
  const questionnaire = loadQuestionnaireVersion(assessment.questionnaireVersionId, db);
  const questions = new Map<string, Question>(questionnaire.themes.flatMap((theme) => theme.questions.map((q) => [q.id, q] as const)));
  const today = todayIso(now);
  const flags = listFlags(db, orgId, assessmentId).filter((flag) => effectiveFlagStatus(flag, today) !== "resolved");
  const answers = new Map(
    listAnswers(db, orgId, assessmentId).map((a) => [a.questionId, { questionId: a.questionId, value: a.value ?? null, notApplicable: a.notApplicable, comment: a.comment }]),
  );
  const tier = supplier.tier ?? assessment.tier;
  const rules = loadContractRequirements();
  const derived = deriveContractRequirements(rules, { answers, flags, tier }, now);

  const t = getTranslator(locale);
  const answerText = (questionId: string, value: unknown) => {
    const question = questions.get(questionId);
    return `${question?.text[locale] ?? questionId}: ${question ? formatAnswerValue(question, value as never, locale) : String(value)}`;
  };
  const flagTitle = (flagType: string) => questionnaire.flags.find((f) => f.id === flagType)?.title[locale] ?? flagType;
  const promptText = (prompt: RequirementPrompt): string => {
    if (prompt.kind === "answer") return t("contracts.prompt.answer", { answer: answerText(prompt.questionId, prompt.value) });
    if (prompt.kind === "flag")
      return t("contracts.prompt.flag", { flag: flagTitle(prompt.flagType), answers: prompt.triggers.map((trigger) => answerText(trigger.questionId, trigger.value)).join("; ") });
    return t("contracts.prompt.tier", { tier: t(`tier.${prompt.tier}`) });
  };
  const requirements = derived.map((requirement) => ({
    id: requirement.id,
    topic: requirement.topic,
    text: requirement.text[locale],
    prompts: requirement.prompts.map(promptText),
  }));
  const topics: RequirementGroup[] = CONTRACT_TOPICS.map((topic) => ({
    topic,
    title: t(`contracts.topic.${topic}` as MessageKey),
    requirements: requirements.filter((r) => r.topic === topic),
  })).filter((group) => group.requirements.length > 0);
  const title = t("contracts.title", { supplier: supplier.name });
  return {
    assessmentId,
    supplierName: supplier.name,
    title,
    rulesVersion: rules.version,
    topics,
    plainText: contractRequirementsText(title, topics, t("contracts.promptLabel")),
  };
}

export type ContractRequirementsPage = ReturnType<typeof loadContractRequirementsPage>;

/** The requirements as plain text to paste into a contract draft: numbered, grouped by topic, each with its reason. */
export function contractRequirementsText(title: string, topics: readonly RequirementGroup[], promptLabel: string): string {
  const lines = [title, ""];
  let number = 0;
  for (const group of topics) {
    lines.push(group.title);
    for (const requirement of group.requirements) {
      number += 1;
      lines.push(`${number}. ${requirement.text}`);
      for (const prompt of requirement.prompts) lines.push(`   ${promptLabel}: ${prompt}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The same requirements as a Word document. */
export async function contractRequirementsDocx(page: ContractRequirementsPage, promptLabel: string): Promise<Uint8Array<ArrayBuffer>> {
  const children: Paragraph[] = [new Paragraph({ text: page.title, heading: HeadingLevel.TITLE })];
  for (const group of page.topics) {
    children.push(new Paragraph({ text: group.title, heading: HeadingLevel.HEADING_1 }));
    for (const requirement of group.requirements) {
      children.push(new Paragraph({ text: requirement.text, numbering: { reference: "requirements", level: 0 } }));
      for (const prompt of requirement.prompts)
        children.push(new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text: `${promptLabel}: `, italics: true }), new TextRun({ text: prompt, italics: true })] }));
    }
  }
  const document = new Document({
    creator: "Leverandørtjek",
    title: page.title,
    numbering: { config: [{ reference: "requirements", levels: [{ level: 0, format: "decimal", text: "%1.", alignment: "left" }] }] },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
