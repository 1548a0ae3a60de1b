import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clearCatalogueCache,
  defaultQuestionnairesDir,
  getLatestQuestionnaire,
  getLatestQuestionnaireEntry,
  getQuestionnaire,
  getQuestionnaireEntry,
  hashQuestionnaireContent,
  listQuestionnaires,
  loadCatalogue,
} from "../../../app/questionnaire/catalogue.server";
import { QuestionnaireValidationError } from "../../../app/questionnaire/load-questionnaire";

const FIXTURES = resolve(__dirname, "../../fixtures/questionnaires");
const minimalText = () => readFileSync(join(FIXTURES, "minimal.v1.json"), "utf8");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "questionnaires-"));
  clearCatalogueCache();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a variant of the minimal fixture as `<id>.v<version>.json`. */
function writeVariant(version: number, mutate: (q: Record<string, any>) => void = () => undefined, id = "minimal") {
  const questionnaire = JSON.parse(minimalText());
  questionnaire.id = id;
  questionnaire.version = version;
  mutate(questionnaire);
  writeFileSync(join(dir, `${id}.v${version}.json`), JSON.stringify(questionnaire, null, 2));
}

describe("the shipped catalogue", () => {
  it("defaults to questionnaires/ under the working directory", () => {
    expect(defaultQuestionnairesDir()).toBe(resolve(process.cwd(), "questionnaires"));
  });

  it("loads every shipped questionnaire, and skips the JSON Schema", () => {
    const keys = listQuestionnaires().map((e) => e.key);
    expect(keys).toContain("due-diligence@1");
    expect(keys).toContain("due-diligence-light@1");
    expect(listQuestionnaires().map((e) => e.fileName)).not.toContain("questionnaire.schema.json");
  });

  it("finds a version by id and version, and the latest version of an id", () => {
    expect(getQuestionnaire("due-diligence", 1)?.themes).toHaveLength(10);
    expect(getQuestionnaire("due-diligence", 999)).toBeUndefined();
    expect(getQuestionnaire("no-such-questionnaire", 1)).toBeUndefined();
    const latest = getLatestQuestionnaire("due-diligence-light");
    expect(latest?.id).toBe("due-diligence-light");
    expect(latest?.version).toBe(Math.max(...listQuestionnaires().filter((e) => e.questionnaire.id === "due-diligence-light").map((e) => e.questionnaire.version)));
  });

  it("keeps the exact file text and its SHA-256 for snapshotting", () => {
    const entry = getQuestionnaireEntry("due-diligence", 1)!;
    const bytes = readFileSync(join(defaultQuestionnairesDir(), "due-diligence.v1.json"));
    expect(entry.text).toBe(bytes.toString("utf8"));
    expect(entry.contentHash).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(hashQuestionnaireContent(entry.text)).toBe(entry.contentHash);
  });
});

describe("hashQuestionnaireContent", () => {
  it("is the SHA-256 hex digest of the UTF-8 bytes", () => {
    expect(hashQuestionnaireContent("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashQuestionnaireContent("ø")).toBe(hashQuestionnaireContent(new Uint8Array([0xc3, 0xb8])));
    expect(hashQuestionnaireContent('{"a":1}')).not.toBe(hashQuestionnaireContent('{"a": 1}'));
  });
});

describe("a catalogue directory", () => {
  it("orders versions and picks the highest as the latest", () => {
    writeVariant(2);
    writeVariant(10);
    writeVariant(1);
    expect(listQuestionnaires(dir).map((e) => e.key)).toEqual(["minimal@1", "minimal@2", "minimal@10"]);
    expect(getLatestQuestionnaire("minimal", dir)?.version).toBe(10);
    expect(getLatestQuestionnaireEntry("minimal", dir)?.fileName).toBe("minimal.v10.json");
    expect(getQuestionnaire("minimal", 2, dir)?.version).toBe(2);
  });

  it("is loaded once and cached until the cache is cleared", () => {
    writeVariant(1);
    const first = listQuestionnaires(dir);
    writeVariant(2);
    expect(listQuestionnaires(dir)).toBe(first);
    expect(getQuestionnaire("minimal", 2, dir)).toBeUndefined();
    clearCatalogueCache();
    expect(getQuestionnaire("minimal", 2, dir)?.version).toBe(2);
  });

  it("refuses to load when any file is broken, listing the problems of every file", () => {
    writeVariant(1);
    copyFileSync(join(FIXTURES, "unknown-flag.v1.json"), join(dir, "unknown-flag.v1.json"));
    copyFileSync(join(FIXTURES, "syntax-error.v1.json"), join(dir, "syntax-error.v1.json"));
    let error: unknown;
    try {
      listQuestionnaires(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuestionnaireValidationError);
    const message = (error as Error).message;
    expect(message).toContain("syntax-error.v1.json: line 71, column 71: is not valid JSON");
    expect(message).toContain("unknown-flag.v1.json: flagRules[1].flag: refers to flag 'stale-pentest'");
    expect(message).toContain("unknown-flag.v1.json: flags[1].id: flag 'old-pentest' has no rule");
  });

  it("requires a question id to keep its type across questionnaires", () => {
    writeVariant(1);
    writeVariant(2, (q) => {
      const question = q.themes[0].questions[0];
      question.type = "yes_partly_no";
      question.points = { yes: 2, partly: 1, no: 0 };
    });
    expect(() => loadCatalogue(dir)).toThrowError(
      "minimal.v2.json: themes[0].questions[0].type: question 'mfa' is yes_partly_no here but yes_no in minimal.v1.json; a question id must keep its type in every questionnaire",
    );
  });

  it("requires a flag id to keep its severity across questionnaires", () => {
    writeVariant(1);
    writeVariant(1, (q) => (q.flags[0].severity = "critical"), "other");
    expect(() => loadCatalogue(dir)).toThrowError(
      "other.v1.json: flags[0]: flag 'no-mfa' is critical here but high in minimal.v1.json; a flag id must keep its severity in every questionnaire",
    );
  });
});
