/** Reads the contract-requirement rules beside the questionnaires (latest version), validated; read once per process. */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { QuestionnaireIssue } from "~/questionnaire/load-questionnaire";
import type { Questionnaire } from "~/questionnaire/questionnaire-schema";
import { ContractRequirementsFileSchema, unknownReferences, type ContractRequirementsFile } from "./contract-requirements";

export const CONTRACT_REQUIREMENTS_FILE_PATTERN = /^contract-requirements\.v(\d+)\.json$/;

export function contractRequirementsDir(): string {
  return resolve(process.cwd(), "questionnaires", "contract-requirements");
}

/** The rules files in `dir`, oldest version first. */
export function contractRequirementsFiles(dir = contractRequirementsDir()): string[] {
  return readdirSync(dir)
    .map((name) => ({ name, version: Number(CONTRACT_REQUIREMENTS_FILE_PATTERN.exec(name)?.[1] ?? Number.NaN) }))
    .filter((file) => Number.isInteger(file.version))
    .sort((a, b) => a.version - b.version)
    .map((file) => join(dir, file.name));
}

/** Validation problems of one rules file (schema, then question and flag ids against the questionnaires). */
export function checkContractRequirementsFile(path: string, questionnaires: readonly Questionnaire[]): { file?: ContractRequirementsFile; issues: QuestionnaireIssue[] } {
  const name = path.split(/[\\/]/).pop() ?? path;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    return { issues: [{ file: name, path: "(file)", message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = ContractRequirementsFileSchema.safeParse(json);
  if (!parsed.success) return { issues: parsed.error.issues.map((issue) => ({ file: name, path: issue.path.join(".") || "(file)", message: issue.message })) };
  const version = Number(CONTRACT_REQUIREMENTS_FILE_PATTERN.exec(name)?.[1]);
  const issues = unknownReferences(parsed.data, questionnaires).map((message) => ({ file: name, path: "(references)", message }));
  if (version !== parsed.data.version) issues.push({ file: name, path: "version", message: `is ${parsed.data.version} but the file name says ${version}` });
  return { file: parsed.data, issues };
}

let cached: ContractRequirementsFile | undefined;

/** The latest rules file; an invalid file is a deployment error (caught by questionnaires:check). */
export function loadContractRequirements(): ContractRequirementsFile {
  if (!cached) {
    const latest = contractRequirementsFiles().at(-1);
    if (!latest) throw new Error(`no contract requirement rules in ${contractRequirementsDir()}`);
    cached = ContractRequirementsFileSchema.parse(JSON.parse(readFileSync(latest, "utf8").replace(/^\uFEFF/, "")));
  }
  return cached;
}
