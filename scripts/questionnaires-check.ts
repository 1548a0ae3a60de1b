/**
 * Validates questionnaire files and prints what each contains.
 *
 *   npm run questionnaires:check                       # every file in questionnaires/
 *   npm run questionnaires:check -- path/to/x.v1.json  # just these files
 *
 * Exits 1, listing every problem, if any file is invalid (or, for the whole catalogue, if a JSON
 * file would be skipped for its name or the generated JSON Schema is out of date).
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import {
  QUESTIONNAIRE_FILE_PATTERN,
  defaultQuestionnairesDir,
  questionnaireFilesIn,
  readQuestionnaireFiles,
  type CatalogueEntry,
} from "../app/questionnaire/catalogue.server";
import { formatIssue, type QuestionnaireIssue } from "../app/questionnaire/load-questionnaire";
import { LOCALES, type Questionnaire } from "../app/questionnaire/questionnaire-schema";
import { QUESTIONNAIRE_JSON_SCHEMA_PATH, questionnaireJsonSchemaText } from "./questionnaires-schema";
import { checkContractRequirementsFile, contractRequirementsFiles } from "../app/contracts/contract-requirements-file.server";

const SCHEMA_FILE = basename(QUESTIONNAIRE_JSON_SCHEMA_PATH);

function describe(entry: CatalogueEntry): string {
  const q: Questionnaire = entry.questionnaire;
  const questionCount = q.themes.reduce((n, t) => n + t.questions.length, 0);
  const perTheme = q.themes.map((t) => t.questions.length).join("+");
  const flags = q.flags.map((f) => `    - ${f.id} (${f.severity}${f.warning ? ", WARNING FLAG" : ""})`);
  return [
    `${entry.fileName}`,
    `  id: ${q.id}, version: ${q.version}, tiers: ${q.intendedTiers.join(", ")}`,
    `  themes: ${q.themes.length}, questions: ${questionCount} (${perTheme})`,
    `  flags: ${q.flags.length} (${q.flags.filter((f) => f.warning).length} warning flags), rules: ${q.flagRules.length}`,
    ...flags,
    // The schema makes every text bilingual, so a file that loads has all of them.
    `  languages: ${LOCALES.join(", ")}`,
    `  sha256: ${entry.contentHash}`,
  ].join("\n");
}

/** Problems with the catalogue directory itself: skipped files and a stale JSON Schema. */
function directoryIssues(dir: string): QuestionnaireIssue[] {
  const issues: QuestionnaireIssue[] = [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".json") && name !== SCHEMA_FILE && !QUESTIONNAIRE_FILE_PATTERN.test(name)) {
      issues.push({ file: name, path: "(file)", message: "is not loaded: a questionnaire file must be named <id>.v<version>.json" });
    }
  }
  let committed = "";
  try {
    committed = readFileSync(resolve(dir, SCHEMA_FILE), "utf8");
  } catch {
    // reported below as stale
  }
  if (committed !== questionnaireJsonSchemaText()) {
    issues.push({ file: SCHEMA_FILE, path: "(file)", message: "is missing or out of date: run npm run questionnaires:schema" });
  }
  return issues;
}

function main(args: string[]): number {
  const dir = defaultQuestionnairesDir();
  const paths = args.length > 0 ? args.map((a) => resolve(a)) : questionnaireFilesIn(dir);
  if (paths.length === 0) {
    console.error(`No questionnaire files found in ${dir}`);
    return 1;
  }
  const { entries, issues } = readQuestionnaireFiles(paths);
  if (args.length === 0) issues.push(...directoryIssues(dir));
  // The contract-requirement rules beside the questionnaires name their questions and flags.
  if (args.length === 0) {
    for (const path of contractRequirementsFiles()) {
      const checked = checkContractRequirementsFile(path, entries.map((entry) => entry.questionnaire));
      if (checked.file) console.log(`${basename(path)}\n  requirements: ${checked.file.requirements.length}\n`);
      issues.push(...checked.issues);
    }
  }

  for (const entry of entries) console.log(`${describe(entry)}\n`);
  if (issues.length > 0) {
    console.error(`${issues.length} problem${issues.length === 1 ? "" : "s"}:`);
    for (const issue of issues) console.error(formatIssue(issue));
    return 1;
  }
  console.log(`${entries.length} questionnaire file${entries.length === 1 ? "" : "s"} OK`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
