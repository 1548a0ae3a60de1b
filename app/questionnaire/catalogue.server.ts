/**
 * The questionnaire catalogue: every `<id>.v<version>.json` in the questionnaires directory,
 * validated once and kept in memory. A broken file stops the whole catalogue from loading (with
 * every problem in every file listed), so a bad deploy fails at start-up, not when a supplier
 * opens a form.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { QuestionnaireValidationError, validateQuestionnaireText, type QuestionnaireIssue } from "./load-questionnaire";
import { questionnaireKey, type Questionnaire, type QuestionnaireKey } from "./questionnaire-schema";

export interface CatalogueEntry {
  key: QuestionnaireKey;
  questionnaire: Questionnaire;
  fileName: string;
  path: string;
  /** The exact file content, to snapshot a version when it is first sent. */
  text: string;
  /** SHA-256 (hex) of the file's bytes. */
  contentHash: string;
}

/** Questionnaire data files: `<id>.v<version>.json` (the generated JSON Schema does not match). */
export const QUESTIONNAIRE_FILE_PATTERN = /^[^.]+\.v[^.]*\.json$/;

export function defaultQuestionnairesDir(): string {
  return resolve(process.cwd(), "questionnaires");
}

export function hashQuestionnaireContent(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export function questionnaireFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => QUESTIONNAIRE_FILE_PATTERN.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Reads and validates the given files, including the checks that span files. Never throws on bad content. */
export function readQuestionnaireFiles(paths: readonly string[]): { entries: CatalogueEntry[]; issues: QuestionnaireIssue[] } {
  const entries: CatalogueEntry[] = [];
  const issues: QuestionnaireIssue[] = [];
  for (const path of paths) {
    const fileName = basename(path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      issues.push({ file: fileName, path: "(file)", message: `cannot be read: ${(error as Error).message}` });
      continue;
    }
    const text = bytes.toString("utf8");
    const result = validateQuestionnaireText(text, fileName);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const { questionnaire } = result;
    entries.push({
      key: questionnaireKey(questionnaire),
      questionnaire,
      fileName,
      path,
      text,
      contentHash: hashQuestionnaireContent(bytes),
    });
  }
  issues.push(...crossFileIssues(entries));
  entries.sort((a, b) => a.questionnaire.id.localeCompare(b.questionnaire.id) || a.questionnaire.version - b.questionnaire.version);
  return { entries, issues };
}

/**
 * Answers carry across questionnaires and versions by question id, and reports group flags by
 * flag id, so an id must mean the same thing in every file: the same question type, the same
 * flag severity and warning status.
 */
export function crossFileIssues(entries: readonly CatalogueEntry[]): QuestionnaireIssue[] {
  const issues: QuestionnaireIssue[] = [];
  const questionTypes = new Map<string, { type: string; fileName: string }>();
  const flags = new Map<string, { severity: string; warning: boolean; fileName: string }>();
  for (const { questionnaire, fileName } of entries) {
    questionnaire.themes.forEach((theme, t) =>
      theme.questions.forEach((question, q) => {
        const first = questionTypes.get(question.id);
        if (!first) questionTypes.set(question.id, { type: question.type, fileName });
        else if (first.type !== question.type) {
          issues.push({
            file: fileName,
            path: `themes[${t}].questions[${q}].type`,
            message: `question '${question.id}' is ${question.type} here but ${first.type} in ${first.fileName}; a question id must keep its type in every questionnaire`,
          });
        }
      }),
    );
    questionnaire.flags.forEach((flag, f) => {
      const first = flags.get(flag.id);
      if (!first) flags.set(flag.id, { severity: flag.severity, warning: flag.warning, fileName });
      else if (first.severity !== flag.severity || first.warning !== flag.warning) {
        issues.push({
          file: fileName,
          path: `flags[${f}]`,
          message: `flag '${flag.id}' is ${flag.severity}${flag.warning ? " (warning)" : ""} here but ${first.severity}${first.warning ? " (warning)" : ""} in ${first.fileName}; a flag id must keep its severity in every questionnaire`,
        });
      }
    });
  }
  return issues;
}

export interface Catalogue {
  dir: string;
  entries: readonly CatalogueEntry[];
}

/** Loads a directory without caching; throws a QuestionnaireValidationError listing every problem. */
export function loadCatalogue(dir: string = defaultQuestionnairesDir()): Catalogue {
  const { entries, issues } = readQuestionnaireFiles(questionnaireFilesIn(dir));
  if (issues.length > 0) throw new QuestionnaireValidationError(issues);
  return { dir, entries };
}

const cache = new Map<string, Catalogue>();

function catalogue(dir: string | undefined): Catalogue {
  const resolved = resolve(dir ?? defaultQuestionnairesDir());
  let loaded = cache.get(resolved);
  if (!loaded) {
    loaded = loadCatalogue(resolved);
    cache.set(resolved, loaded);
  }
  return loaded;
}

/** Forgets loaded catalogues (tests; a questionnaire file added while running). */
export function clearCatalogueCache(): void {
  cache.clear();
}

/** Every questionnaire version, ordered by id, then version. */
export function listQuestionnaires(dir?: string): readonly CatalogueEntry[] {
  return catalogue(dir).entries;
}

export function getQuestionnaireEntry(id: string, version: number, dir?: string): CatalogueEntry | undefined {
  return catalogue(dir).entries.find((e) => e.questionnaire.id === id && e.questionnaire.version === version);
}

export function getQuestionnaire(id: string, version: number, dir?: string): Questionnaire | undefined {
  return getQuestionnaireEntry(id, version, dir)?.questionnaire;
}

export function getLatestQuestionnaireEntry(id: string, dir?: string): CatalogueEntry | undefined {
  return catalogue(dir).entries.filter((e) => e.questionnaire.id === id).at(-1);
}

export function getLatestQuestionnaire(id: string, dir?: string): Questionnaire | undefined {
  return getLatestQuestionnaireEntry(id, dir)?.questionnaire;
}
