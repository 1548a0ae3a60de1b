import type { Db } from "../../../db/client";

const LIVE_FILE = "(SELECT id, assessment_id FROM evidence_files WHERE deleted_at IS NULL ORDER BY id LIMIT 1)";

/**
 * Where a real id comes from for each path parameter that names an organisation's record, read
 * from a database holding the demo data: one supplier with a live evidence file, and its
 * assessment, file and contact, so every URL built from them is a real page.
 */
export const RECORD_ID_SOURCES: Record<string, string> = {
  supplierId: `SELECT a.supplier_id AS id FROM ${LIVE_FILE} f JOIN assessments a ON a.id = f.assessment_id`,
  assessmentId: `SELECT assessment_id AS id FROM ${LIVE_FILE}`,
  fileId: `SELECT id FROM ${LIVE_FILE}`,
  contactId: `SELECT c.id FROM ${LIVE_FILE} f JOIN assessments a ON a.id = f.assessment_id JOIN supplier_contacts c ON c.supplier_id = a.supplier_id ORDER BY c.id LIMIT 1`,
  emailId: "SELECT id FROM emails ORDER BY id LIMIT 1",
  itemId: "SELECT id FROM remediation_items ORDER BY id LIMIT 1",
  userId: "SELECT id FROM users WHERE role = 'reviewer' ORDER BY id LIMIT 1",
  documentId: "SELECT id FROM supplier_documents ORDER BY id LIMIT 1",
};

/** Path parameters that are not an organisation's record, with a value to put in a URL. */
export const NOT_RECORD_PARAMS: Record<string, string> = {
  themeId: "security-management",
  token: "abcdefghijklmnopqrstuvwxyz234567",
};

/** The id each RECORD_ID_SOURCES query finds in `db` (missing where the data has no such record). */
export function recordIds(db: Db): Partial<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(RECORD_ID_SOURCES).flatMap(([name, sql]) => {
      const row = db.$client.prepare(sql).get() as { id: string } | undefined;
      return row ? [[name, row.id]] : [];
    }),
  );
}
