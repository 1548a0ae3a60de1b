/**
 * Reads and validates questionnaire files: the zod schema first, then the cross-references a
 * schema cannot express (unique ids, conditions that name real, earlier questions and real answer
 * values, flag rules that name defined flags, ...). Every problem is reported, not just the first,
 * as `<file>: <path.inside.file>: <what is wrong>`.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { z } from "zod";
import { leafConditions, type LeafCondition } from "./condition";
import {
  ConditionSchema,
  FlagDefinitionSchema,
  FlagRuleSchema,
  QuestionnaireFileSchema,
  QuestionSchema,
  fixedAnswerValues,
  type AnswerDependentRequirement,
  type Condition,
  type Question,
  type Questionnaire,
} from "./questionnaire-schema";

export interface QuestionnaireIssue {
  /** The file name as given to the loader. */
  file: string;
  /** Where inside the file, e.g. `themes[2].questions[0].showIf.question`; `(file)` for the file as a whole. */
  path: string;
  message: string;
}

export const formatIssue = (issue: QuestionnaireIssue): string =>
  `${issue.file}: ${issue.path}: ${issue.message}`;

export class QuestionnaireValidationError extends Error {
  readonly issues: readonly QuestionnaireIssue[];

  constructor(issues: readonly QuestionnaireIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "QuestionnaireValidationError";
    this.issues = issues;
  }
}

export type ValidationResult =
  | { ok: true; questionnaire: Questionnaire; issues: [] }
  | { ok: false; questionnaire: null; issues: QuestionnaireIssue[] };

/** Validates parsed JSON without throwing. `fileName` may be a path; its base name is checked against id and version. */
export function validateQuestionnaire(json: unknown, fileName: string): ValidationResult {
  const parsed = QuestionnaireFileSchema.safeParse(json);
  const schemaIssues = parsed.success ? [] : zodIssues(parsed.error.issues, json);
  const issues = [...schemaIssues, ...crossReferenceIssues(json, fileName)].map((i) => ({ file: fileName, ...i }));
  if (parsed.success && issues.length === 0) return { ok: true, questionnaire: parsed.data, issues: [] };
  return { ok: false, questionnaire: null, issues };
}

/** Validates the text of a questionnaire file (JSON syntax included) without throwing. */
export function validateQuestionnaireText(text: string, fileName: string): ValidationResult {
  const source = withoutByteOrderMark(text);
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    return { ok: false, questionnaire: null, issues: [{ file: fileName, ...jsonSyntaxIssue(source, error) }] };
  }
  return validateQuestionnaire(json, fileName);
}

export function parseQuestionnaire(json: unknown, fileName: string): Questionnaire {
  const result = validateQuestionnaire(json, fileName);
  if (!result.ok) throw new QuestionnaireValidationError(result.issues);
  return result.questionnaire;
}

export function parseQuestionnaireText(text: string, fileName: string): Questionnaire {
  const result = validateQuestionnaireText(text, fileName);
  if (!result.ok) throw new QuestionnaireValidationError(result.issues);
  return result.questionnaire;
}

/**
 * Reads a questionnaire snapshot stored with sent assessments. The file was fully validated when
 * it was snapshotted; only its shape, which the engine relies on, is checked again. An authoring
 * rule added later must never make an assessment already sent unreadable.
 */
export function readQuestionnaireSnapshot(text: string): Questionnaire {
  return QuestionnaireFileSchema.parse(JSON.parse(withoutByteOrderMark(text)));
}

/** Some Windows editors save UTF-8 with a byte-order mark, which JSON.parse rejects. */
function withoutByteOrderMark(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** Reads and validates one file; errors name the file by its base name. */
export function loadQuestionnaireFile(path: string): Questionnaire {
  return parseQuestionnaireText(readFileSync(path, "utf8"), basename(path));
}

// ---------------------------------------------------------------------------------------------
// Paths and zod issues

type PathSegment = string | number;
type LocalIssue = Omit<QuestionnaireIssue, "file">;

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current = json;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * Turns zod issues into path + message pairs. A union whose input matches none of its forms is
 * resolved to the form the input was evidently meant to have (the one it has all the keys of),
 * so the message says what is wrong inside it instead of zod's bare "Invalid input".
 */
function zodIssues(issues: readonly z.core.$ZodIssue[], json: unknown, base: readonly PropertyKey[] = []): LocalIssue[] {
  return issues.flatMap((issue): LocalIssue[] => {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branch = intendedUnionBranch(issue.errors, json, path);
      if (branch) return zodIssues(branch, json, path);
      return [{ path: formatPath(path), message: unionMismatchMessage(valueAt(json, path)) }];
    }
    if (issue.code === "invalid_type" && valueAt(json, path) === undefined) {
      return [{ path: formatPath(path), message: `is missing (expected ${issue.expected})` }];
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}

function intendedUnionBranch(
  branches: readonly (readonly z.core.$ZodIssue[])[],
  json: unknown,
  path: readonly PropertyKey[],
): readonly z.core.$ZodIssue[] | null {
  const isShapeMismatch = (issue: z.core.$ZodIssue): boolean =>
    (issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "unrecognized_keys" || issue.code === "invalid_value")) ||
    (issue.path.length === 1 && issue.code === "invalid_type" && valueAt(json, [...path, ...issue.path]) === undefined);
  const candidates = branches.filter((branch) => !branch.some(isShapeMismatch));
  if (candidates.length === 0) return null;
  return candidates.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

const CONDITION_FORMS =
  "{question, in}, {question, includes}, {question, answered}, {question, olderThanMonths}, " +
  "{question, lessThan}, {question, greaterThan}, {all}, {any} or {not}";

function unionMismatchMessage(value: unknown): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.some((k) => ["question", "all", "any", "not"].includes(k))) {
      return `is not a valid condition (keys: ${keys.join(", ") || "none"}); a condition is one of ${CONDITION_FORMS}`;
    }
    return `does not match any allowed form (keys: ${keys.join(", ") || "none"})`;
  }
  return `does not match any allowed form (got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value})`;
}

function jsonSyntaxIssue(text: string, error: unknown): LocalIssue {
  const offset = jsonErrorOffset(text);
  if (offset === null) {
    return { path: "(file)", message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  const found = offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : "the file ends too early";
  return { path: `line ${line}, column ${column}`, message: `is not valid JSON: ${found}` };
}

/**
 * Where JSON.parse gives up. Node's messages do not always carry a position, so find the shortest
 * prefix that fails for a reason other than ending early: its last character is the culprit.
 */
function jsonErrorOffset(text: string): number | null {
  const failsBeforeEnd = (length: number): boolean => {
    const prefix = text.slice(0, length);
    try {
      JSON.parse(prefix);
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      if (/end of JSON input/i.test(message)) return false;
      const position = /at position (\d+)/.exec(message);
      return !(position && Number(position[1]) >= prefix.length) && !/^Unterminated string/.test(message);
    }
  };
  if (!failsBeforeEnd(text.length)) {
    try {
      JSON.parse(text);
      return null;
    } catch {
      return text.length;
    }
  }
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (failsBeforeEnd(mid)) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

// ---------------------------------------------------------------------------------------------
// Cross-reference checks. They run on the raw JSON, parsing each part with its own schema, so a
// structural error in one question does not hide a broken reference in another.

interface QuestionInfo {
  id: string;
  order: number;
  path: PathSegment[];
  /** The parsed question, or null when it does not pass its schema (zod reports why). */
  question: Question | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function crossReferenceIssues(json: unknown, fileName: string): LocalIssue[] {
  if (!isRecord(json)) return [];
  const issues: LocalIssue[] = [];
  const report = (path: readonly PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });

  checkFileName(json, fileName, report);

  const questions = new Map<string, QuestionInfo>();
  const themeIds = new Map<string, number>();
  const showIfs: { raw: unknown; info: QuestionInfo }[] = [];
  let order = 0;
  asArray(json.themes).forEach((theme, t) => {
    if (!isRecord(theme)) return;
    if (typeof theme.id === "string") {
      const first = themeIds.get(theme.id);
      if (first === undefined) themeIds.set(theme.id, t);
      else report(["themes", t, "id"], `duplicate theme id '${theme.id}' (also themes[${first}].id)`);
    }
    asArray(theme.questions).forEach((raw, q) => {
      const path: PathSegment[] = ["themes", t, "questions", q];
      const parsed = QuestionSchema.safeParse(raw);
      const id = isRecord(raw) && typeof raw.id === "string" ? raw.id : null;
      const info: QuestionInfo = { id: id ?? "", order: order++, path, question: parsed.success ? parsed.data : null };
      if (id !== null) {
        const first = questions.get(id);
        if (first) report([...path, "id"], `duplicate question id '${id}' (also ${formatPath([...first.path, "id"])})`);
        else questions.set(id, info);
      }
      if (info.question) checkQuestion(info.question, path, report);
      if (isRecord(raw) && raw.showIf !== undefined) showIfs.push({ raw: raw.showIf, info });
    });
  });
  // After all questions are known, so a forward reference is told apart from a typo.
  for (const { raw, info } of showIfs) {
    const condition = ConditionSchema.safeParse(raw);
    if (condition.success) checkCondition(condition.data, [...info.path, "showIf"], questions, report, { before: info.order });
  }

  const flagIds = new Map<string, number>();
  asArray(json.flags).forEach((raw, f) => {
    const flag = FlagDefinitionSchema.safeParse(raw);
    if (!flag.success) return;
    const first = flagIds.get(flag.data.id);
    if (first === undefined) flagIds.set(flag.data.id, f);
    else report(["flags", f, "id"], `duplicate flag id '${flag.data.id}' (also flags[${first}].id)`);
  });

  const flagsWithRules = new Set<string>();
  asArray(json.flagRules).forEach((raw, r) => {
    const rule = FlagRuleSchema.safeParse(raw);
    if (!rule.success) return;
    flagsWithRules.add(rule.data.flag);
    if (!flagIds.has(rule.data.flag)) {
      report(["flagRules", r, "flag"], `refers to flag '${rule.data.flag}', which is not defined in flags`);
    }
    checkCondition(rule.data.when, ["flagRules", r, "when"], questions, report, { before: null });
  });
  for (const [id, f] of flagIds) {
    if (!flagsWithRules.has(id)) report(["flags", f, "id"], `flag '${id}' has no rule in flagRules, so it can never be raised`);
  }
  return issues;
}

type Report = (path: readonly PropertyKey[], message: string) => void;

function checkFileName(json: Record<string, unknown>, fileName: string, report: Report) {
  const { id, version } = json;
  if (typeof id !== "string" || typeof version !== "number") return;
  const expected = `${id}.v${version}.json`;
  const actual = basename(fileName);
  if (actual === expected) return;
  const versionOnly = actual.startsWith(`${id}.v`);
  report(
    [versionOnly ? "version" : "id"],
    `file name '${actual}' does not match id '${id}' and version ${version}; the file must be named '${expected}'`,
  );
}

function checkQuestion(question: Question, path: PathSegment[], report: Report) {
  const values = fixedAnswerValues(question);

  if (question.type === "single_choice" || question.type === "multiple_choice") {
    const seen = new Map<string, number>();
    question.options.forEach((option, o) => {
      const first = seen.get(option.value);
      if (first !== undefined) {
        report([...path, "options", o, "value"], `duplicate option value '${option.value}' (also options[${first}].value)`);
      } else seen.set(option.value, o);
      if (question.type === "single_choice" && option.exclusive !== undefined) {
        report([...path, "options", o, "exclusive"], "only applies to multiple_choice options");
      }
    });
    const best = bestAchievablePoints(question);
    if (question.type === "multiple_choice" && question.maxPoints !== undefined && question.maxPoints > best) {
      report([...path, "maxPoints"], `is ${question.maxPoints}, but the best possible answer scores ${best}`);
    }
    if (question.weight > 0 && best === 0) {
      report([...path, "weight"], `is ${question.weight}, but no option earns points, so the question cannot be scored`);
    }
  }

  if ((question.type === "yes_no" || question.type === "yes_partly_no") && question.weight > 0) {
    const points = question.points ? Object.values(question.points) : [];
    if (points.length === 0) {
      report([...path, "weight"], `is ${question.weight}, but the question gives no points, so it cannot be scored: add points or set weight to 0`);
    } else if (Math.max(...points) === 0) {
      report([...path, "weight"], `is ${question.weight}, but no answer earns points, so the question cannot be scored`);
    }
  }

  for (const field of ["comment", "evidence"] as const) {
    checkRequirement(question[field], values, question, [...path, field], report);
  }

  const evidenceNeverAsked = neverAsks(question.evidence);
  if (question.evidenceHint && evidenceNeverAsked) {
    report([...path, "evidenceHint"], "is set, but the question never asks for evidence (evidence is 'none')");
  }
  if (question.type === "evidence" && evidenceNeverAsked) {
    report([...path, "evidence"], "an evidence question must ask for evidence: set evidence to 'optional' or 'required'");
  }

  if (question.type === "date" && question.evidenceDate) {
    const { kind, validityMonths } = question.evidenceDate;
    if (kind === "performed-on" && validityMonths === undefined) {
      report([...path, "evidenceDate", "validityMonths"], "is required for kind 'performed-on' (after how many months does it lapse?)");
    }
    if (kind === "valid-until" && validityMonths !== undefined) {
      report([...path, "evidenceDate", "validityMonths"], "only applies to kind 'performed-on'; a 'valid-until' date lapses on the date itself");
    }
  }

  if (question.type === "number" && question.min !== undefined && question.max !== undefined && question.min > question.max) {
    report([...path, "min"], `is ${question.min}, which is more than max (${question.max})`);
  }
}

/** The highest score an answer can reach, honouring exclusive options. */
function bestAchievablePoints(question: Extract<Question, { options: unknown }>): number {
  const points = (o: { points?: number | undefined }) => o.points ?? 0;
  if (question.type === "single_choice") return Math.max(0, ...question.options.map(points));
  const combinable = question.options.filter((o) => !o.exclusive).reduce((sum, o) => sum + points(o), 0);
  return Math.max(combinable, ...question.options.filter((o) => o.exclusive).map(points));
}

function neverAsks(requirement: AnswerDependentRequirement): boolean {
  if (typeof requirement === "string") return requirement === "none";
  return requirement.default === "none" && Object.values(requirement.byAnswer).every((r) => r === "none");
}

function checkRequirement(
  requirement: AnswerDependentRequirement,
  values: readonly string[] | null,
  question: Question,
  path: PathSegment[],
  report: Report,
) {
  if (typeof requirement === "string") return;
  if (values === null) {
    report([...path, "byAnswer"], `needs a question with fixed answer values, but '${question.id}' is a ${question.type} question`);
    return;
  }
  for (const key of Object.keys(requirement.byAnswer)) {
    if (!values.includes(key)) {
      report([...path, "byAnswer", key], `'${key}' is not an answer value of '${question.id}' (${values.join(", ")})`);
    }
  }
}

function checkCondition(
  condition: Condition,
  path: PathSegment[],
  questions: ReadonlyMap<string, QuestionInfo>,
  report: Report,
  scope: { before: number | null },
) {
  for (const { leaf, path: inner } of leafConditions(condition)) {
    const at = [...path, ...inner];
    const target = questions.get(leaf.question);
    if (!target) {
      report([...at, "question"], `refers to '${leaf.question}', which is not a question in this file`);
      continue;
    }
    if (scope.before !== null && target.order >= scope.before) {
      const where = target.order === scope.before ? "the question itself" : `at ${formatPath(target.path)}`;
      report(
        [...at, "question"],
        `refers to '${leaf.question}', which is not an earlier question (${where}); showIf may only depend on questions before it`,
      );
      continue;
    }
    if (target.question) checkLeafAgainstQuestion(leaf, target.question, at, report);
  }
}

function checkLeafAgainstQuestion(leaf: LeafCondition, question: Question, path: PathSegment[], report: Report) {
  const describe = `'${question.id}' is a ${question.type} question`;
  if ("in" in leaf) {
    const values = fixedAnswerValues(question);
    if (values === null) {
      report([...path, "in"], `needs a question with fixed answer values, but ${describe}`);
      return;
    }
    leaf.in.forEach((value, i) => {
      if (!values.includes(value)) {
        report([...path, "in", i], `'${value}' is not an answer value of '${question.id}' (${values.join(", ")})`);
      }
    });
  } else if ("includes" in leaf) {
    if (question.type !== "multiple_choice") {
      report([...path, "includes"], `only works on multiple_choice questions, but ${describe}`);
      return;
    }
    const values = question.options.map((o) => o.value);
    if (!values.includes(leaf.includes)) {
      report([...path, "includes"], `'${leaf.includes}' is not an option of '${question.id}' (${values.join(", ")})`);
    }
  } else if ("olderThanMonths" in leaf) {
    if (question.type !== "date") report([...path, "olderThanMonths"], `only works on date questions, but ${describe}`);
  } else if ("lessThan" in leaf) {
    if (question.type !== "number") report([...path, "lessThan"], `only works on number questions, but ${describe}`);
  } else if ("greaterThan" in leaf) {
    if (question.type !== "number") report([...path, "greaterThan"], `only works on number questions, but ${describe}`);
  }
}
