/**
 * Writes `questionnaires/questionnaire.schema.json`, the JSON Schema editors use to autocomplete
 * and check questionnaire files, from the zod schema (the single source of truth).
 *
 *   npm run questionnaires:schema
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { ConditionSchema, LocalisedTextSchema, QuestionnaireFileSchema } from "../app/questionnaire/questionnaire-schema";

export const QUESTIONNAIRE_JSON_SCHEMA_PATH = resolve(process.cwd(), "questionnaires", "questionnaire.schema.json");

/** The JSON Schema text, exactly as it is committed. */
export function questionnaireJsonSchemaText(): string {
  // Named definitions: the recursive Condition has to be a $ref to itself, and a name reads better
  // in editor hovers than a generated "__schema0". Names are added on top of the global registry
  // (which holds the `.describe()` texts) without registering anything in it.
  const names = new Map<unknown, string>([
    [ConditionSchema, "Condition"],
    [LocalisedTextSchema, "LocalisedText"],
  ]);
  const metadata = z.registry<Record<string, unknown>>();
  metadata.get = (schema) => {
    const meta = z.globalRegistry.get(schema);
    const id = names.get(schema);
    return id ? { ...meta, id } : meta;
  };
  const schema = z.toJSONSchema(QuestionnaireFileSchema, {
    io: "input", // the file as written: fields with defaults are optional
    target: "draft-7", // the draft editors (VS Code, JetBrains) support completely
    metadata,
    cycles: "ref",
    reused: "inline",
  });
  return `${JSON.stringify(
    { ...schema, title: "Leverandørtjek questionnaire", description: "A questionnaire version (questionnaires/<id>.v<version>.json)" },
    null,
    2,
  )}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(QUESTIONNAIRE_JSON_SCHEMA_PATH, questionnaireJsonSchemaText());
  console.log(`wrote ${QUESTIONNAIRE_JSON_SCHEMA_PATH}`);
}
