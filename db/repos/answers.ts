import { and, eq } from "drizzle-orm";
import type BetterSqlite3 from "better-sqlite3";
import type { Db } from "../client";
import { answers, assessments } from "../schema";

export type AnswerRow = typeof answers.$inferSelect;

export interface AnswerWrite {
  id: string;
  orgId: string;
  assessmentId: string;
  questionId: string;
  value: string | string[] | number | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  comment: string | null;
  contactId: string;
  now: Date;
}

export type AnswerWriteResult = { kind: "saved"; revision: number } | { kind: "conflict"; current: AnswerRow };

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
interface Prepared {
  list: Statement;
  one: Statement;
  update: Statement;
  insert: Statement;
  progress: Statement;
}
const prepared = new WeakMap<Db, Prepared>();

/** Hand-written statements for the autosave path, which runs hundreds of times a second. */
function statements(db: Db): Prepared {
  let p = prepared.get(db);
  if (!p) {
    const c = db.$client;
    p = {
      list: c.prepare(
        `SELECT id, org_id, assessment_id, question_id, value, not_applicable, not_applicable_reason, comment, revision,
                carried_forward, updated_by_contact_id, updated_at
           FROM answers WHERE org_id = ? AND assessment_id = ?`,
      ),
      one: c.prepare(
        `SELECT id, org_id, assessment_id, question_id, value, not_applicable, not_applicable_reason, comment, revision,
                carried_forward, updated_by_contact_id, updated_at
           FROM answers WHERE org_id = ? AND assessment_id = ? AND question_id = ?`,
      ),
      update: c.prepare(
        `UPDATE answers SET value = ?, not_applicable = ?, not_applicable_reason = ?, comment = ?, revision = revision + 1,
                carried_forward = 0, updated_by_contact_id = ?, updated_at = ?
          WHERE org_id = ? AND assessment_id = ? AND question_id = ? AND revision = ?`,
      ),
      insert: c.prepare(
        `INSERT INTO answers (id, org_id, assessment_id, question_id, value, not_applicable, not_applicable_reason, comment,
                revision, carried_forward, updated_by_contact_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)
         ON CONFLICT (assessment_id, question_id) DO NOTHING`,
      ),
      progress: c.prepare(
        `UPDATE assessments SET progress_percent = ?, updated_at = ?,
                status = CASE WHEN status IN ('sent', 'opened') THEN 'in_progress' ELSE status END
          WHERE org_id = ? AND id = ?`,
      ),
    };
    prepared.set(db, p);
  }
  return p;
}

interface RawAnswerRow {
  id: string;
  org_id: string;
  assessment_id: string;
  question_id: string;
  value: string | null;
  not_applicable: number;
  not_applicable_reason: string | null;
  comment: string | null;
  revision: number;
  carried_forward: number;
  updated_by_contact_id: string | null;
  updated_at: number;
}

function toRow(raw: RawAnswerRow): AnswerRow {
  return {
    id: raw.id,
    orgId: raw.org_id,
    assessmentId: raw.assessment_id,
    questionId: raw.question_id,
    value: raw.value === null ? null : (JSON.parse(raw.value) as AnswerRow["value"]),
    notApplicable: raw.not_applicable === 1,
    notApplicableReason: raw.not_applicable_reason,
    comment: raw.comment,
    revision: raw.revision,
    carriedForward: raw.carried_forward === 1,
    updatedByContactId: raw.updated_by_contact_id,
    updatedAt: new Date(raw.updated_at),
  };
}

export function listAnswers(db: Db, orgId: string, assessmentId: string): AnswerRow[] {
  return (statements(db).list.all(orgId, assessmentId) as RawAnswerRow[]).map(toRow);
}

export function findAnswer(db: Db, orgId: string, assessmentId: string, questionId: string): AnswerRow | undefined {
  const raw = statements(db).one.get(orgId, assessmentId, questionId) as RawAnswerRow | undefined;
  return raw ? toRow(raw) : undefined;
}

/**
 * Writes an answer if `expectedRevision` is still the stored one (0: no answer yet). Otherwise
 * nothing is written and the stored answer comes back, so the caller can show both versions.
 */
export function writeAnswer(db: Db, input: AnswerWrite, expectedRevision: number): AnswerWriteResult {
  const s = statements(db);
  const value = input.value === null ? null : JSON.stringify(input.value);
  const na = input.notApplicable ? 1 : 0;
  const at = input.now.getTime();
  if (expectedRevision > 0) {
    const changed = s.update.run(
      value,
      na,
      input.notApplicableReason,
      input.comment,
      input.contactId,
      at,
      input.orgId,
      input.assessmentId,
      input.questionId,
      expectedRevision,
    ).changes;
    if (changed === 1) return { kind: "saved", revision: expectedRevision + 1 };
  } else {
    const inserted = s.insert.run(
      input.id,
      input.orgId,
      input.assessmentId,
      input.questionId,
      value,
      na,
      input.notApplicableReason,
      input.comment,
      input.contactId,
      at,
    ).changes;
    if (inserted === 1) return { kind: "saved", revision: 1 };
  }
  const current = findAnswer(db, input.orgId, input.assessmentId, input.questionId);
  if (!current) {
    // The expected revision named an answer that is not there (it cannot be deleted): start it afresh.
    return writeAnswer(db, input, 0);
  }
  return { kind: "conflict", current };
}

/** Keeps assessments.progressPercent current; the first answer moves sent/opened → in_progress. */
export function updateAssessmentProgress(db: Db, orgId: string, assessmentId: string, percent: number, now: Date): void {
  statements(db).progress.run(percent, now.getTime(), orgId, assessmentId);
}

export function runInTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)();
}

/** Read-only: the assessment row, tenant-checked. */
export function findAssessmentForSupplier(db: Db, orgId: string, assessmentId: string) {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId)))
    .get();
}
