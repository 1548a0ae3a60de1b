import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultQuestionnairesDir, listQuestionnaires } from "../../../app/questionnaire/catalogue.server";
import { QUESTIONNAIRE_JSON_SCHEMA_PATH, questionnaireJsonSchemaText } from "../../../scripts/questionnaires-schema";

describe("questionnaire.schema.json", () => {
  it("is up to date with the zod schema (run npm run questionnaires:schema if not)", () => {
    expect(readFileSync(QUESTIONNAIRE_JSON_SCHEMA_PATH, "utf8")).toBe(questionnaireJsonSchemaText());
  });

  it("describes the recursive Condition through a named, self-referencing definition", () => {
    const schema = JSON.parse(questionnaireJsonSchemaText());
    const condition = JSON.stringify(schema.definitions.Condition);
    expect(condition).toContain('"$ref":"#/definitions/Condition"');
    expect(JSON.stringify(schema)).not.toContain("__schema");
    // The schema describes the file as written: fields with defaults are optional.
    expect(schema.required).toEqual(expect.arrayContaining(["id", "version", "themes", "flags", "flagRules"]));
    expect(schema.properties.themes.items.required).not.toContain("weight");
  });

  it("is referenced first thing by every data file", () => {
    for (const entry of listQuestionnaires()) {
      const text = readFileSync(join(defaultQuestionnairesDir(), entry.fileName), "utf8");
      expect(Object.keys(JSON.parse(text))[0], entry.fileName).toBe("$schema");
      expect(JSON.parse(text).$schema, entry.fileName).toBe("./questionnaire.schema.json");
    }
  });
});
