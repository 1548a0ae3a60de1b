/**
 * Sent questionnaire versions: snapshot on first send, and parse the snapshot (not today's file)
 * whenever an assessment is shown or scored, so it always matches what the supplier answered.
 */
import { getDb, type Db } from "#db/client";
import {
  ensureQuestionnaireVersion,
  findQuestionnaireVersion,
  type QuestionnaireVersionRow,
} from "#db/repos/questionnaire-versions";
import { newId } from "~/security/tokens.server";
import type { CatalogueEntry } from "./catalogue.server";
import { readQuestionnaireSnapshot } from "./load-questionnaire";
import type { Questionnaire } from "./questionnaire-schema";

export function snapshotQuestionnaireVersion(entry: CatalogueEntry, db: Db = getDb()): QuestionnaireVersionRow {
  return ensureQuestionnaireVersion(db, {
    id: newId(),
    key: entry.key,
    questionnaireId: entry.questionnaire.id,
    version: entry.questionnaire.version,
    content: entry.text,
    contentHash: entry.contentHash,
  });
}

const parsedByHash = new Map<string, Questionnaire>();

export function questionnaireOfVersion(row: Pick<QuestionnaireVersionRow, "content" | "contentHash">): Questionnaire {
  let parsed = parsedByHash.get(row.contentHash);
  if (!parsed) {
    parsed = readQuestionnaireSnapshot(row.content);
    parsedByHash.set(row.contentHash, parsed);
  }
  return parsed;
}

/** Snapshots are never changed once written, so a parsed version is kept by its id too. */
const parsedById = new Map<string, Questionnaire>();

export function loadQuestionnaireVersion(versionId: string, db: Db = getDb()): Questionnaire {
  const cached = parsedById.get(versionId);
  if (cached) return cached;
  const row = findQuestionnaireVersion(db, versionId);
  if (!row) throw new Error(`questionnaire version ${versionId} not found`);
  const parsed = questionnaireOfVersion(row);
  parsedById.set(versionId, parsed);
  return parsed;
}
