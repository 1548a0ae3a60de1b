/** Assurance reports and other dated evidence (SPEC C11), and scoped requests for a new document. Every tenant query filters on orgId. */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { answers, assessments, datedEvidence, emails, evidenceFiles, evidenceRequests, organisations, supplierContacts, suppliers } from "../schema";

export type DatedEvidenceRow = typeof datedEvidence.$inferSelect;
export type EvidenceRequestRow = typeof evidenceRequests.$inferSelect;

export function insertDatedEvidence(db: Db, values: typeof datedEvidence.$inferInsert): void {
  db.insert(datedEvidence).values(values).run();
}

export function updateDatedEvidence(db: Db, orgId: string, id: string, values: Partial<typeof datedEvidence.$inferInsert>): void {
  db.update(datedEvidence).set(values).where(and(eq(datedEvidence.id, id), eq(datedEvidence.orgId, orgId))).run();
}

export function findDatedEvidence(db: Db, orgId: string, supplierId: string, id: string): DatedEvidenceRow | undefined {
  return db
    .select()
    .from(datedEvidence)
    .where(and(eq(datedEvidence.id, id), eq(datedEvidence.orgId, orgId), eq(datedEvidence.supplierId, supplierId)))
    .get();
}

/** The supplier's current (not superseded) dated evidence, soonest expiry first, with the file's name. */
export function listCurrentDatedEvidence(db: Db, orgId: string, supplierId: string) {
  return db
    .select({ evidence: datedEvidence, fileName: evidenceFiles.originalName, fileAssessmentId: evidenceFiles.assessmentId })
    .from(datedEvidence)
    .leftJoin(evidenceFiles, and(eq(evidenceFiles.id, datedEvidence.evidenceFileId), eq(evidenceFiles.orgId, datedEvidence.orgId), isNull(evidenceFiles.deletedAt)))
    .where(and(eq(datedEvidence.orgId, orgId), eq(datedEvidence.supplierId, supplierId), isNull(datedEvidence.supersededAt)))
    .orderBy(asc(datedEvidence.expiresOn))
    .all();
}

/** Per supplier, the soonest expiry of its current dated evidence (for the supplier list). */
export function soonestExpiryBySupplier(db: Db, orgId: string, supplierIds: readonly string[]): Map<string, string> {
  if (supplierIds.length === 0) return new Map();
  const rows = db
    .select({ supplierId: datedEvidence.supplierId, expiresOn: sql<string>`min(${datedEvidence.expiresOn})` })
    .from(datedEvidence)
    .where(and(eq(datedEvidence.orgId, orgId), isNull(datedEvidence.supersededAt), sql`${datedEvidence.supplierId} in ${supplierIds}`))
    .groupBy(datedEvidence.supplierId)
    .all();
  return new Map(rows.map((r) => [r.supplierId, r.expiresOn]));
}

/** Across organisations, for the expiry job: current evidence expiring by `until`, with who to tell. */
export function listExpiringEvidence(db: Db, until: string) {
  return db
    .select({
      evidence: datedEvidence,
      supplierName: suppliers.name,
      ownerUserId: suppliers.ownerUserId,
      organisationName: organisations.name,
      settings: organisations.settings,
    })
    .from(datedEvidence)
    .innerJoin(suppliers, and(eq(suppliers.id, datedEvidence.supplierId), eq(suppliers.orgId, datedEvidence.orgId)))
    .innerJoin(organisations, eq(organisations.id, datedEvidence.orgId))
    .where(and(isNull(datedEvidence.supersededAt), isNull(suppliers.archivedAt), lte(datedEvidence.expiresOn, until)))
    .orderBy(asc(datedEvidence.expiresOn))
    .all();
}

/** The supplier's security contact (or else its first contact): who is asked for a new document. */
export function findEvidenceContact(db: Db, orgId: string, supplierId: string) {
  return db
    .select()
    .from(supplierContacts)
    .where(and(eq(supplierContacts.orgId, orgId), eq(supplierContacts.supplierId, supplierId)))
    .orderBy(sql`${supplierContacts.isSecurityContact} desc`, asc(supplierContacts.createdAt))
    .get();
}

export function insertEvidenceRequest(db: Db, values: typeof evidenceRequests.$inferInsert): void {
  db.insert(evidenceRequests).values(values).run();
}

/** A request by its token's hash, with the slot, supplier and contact; used and expired ones too (the caller refuses them). */
export function findEvidenceRequestByTokenHash(db: Db, tokenHash: string) {
  return db
    .select({
      request: evidenceRequests,
      evidence: datedEvidence,
      supplierName: suppliers.name,
      organisationName: organisations.name,
      contact: supplierContacts,
    })
    .from(evidenceRequests)
    .innerJoin(datedEvidence, and(eq(datedEvidence.id, evidenceRequests.datedEvidenceId), eq(datedEvidence.orgId, evidenceRequests.orgId)))
    .innerJoin(suppliers, and(eq(suppliers.id, datedEvidence.supplierId), eq(suppliers.orgId, datedEvidence.orgId)))
    .innerJoin(organisations, eq(organisations.id, evidenceRequests.orgId))
    .innerJoin(supplierContacts, and(eq(supplierContacts.id, evidenceRequests.contactId), eq(supplierContacts.orgId, evidenceRequests.orgId)))
    .where(eq(evidenceRequests.tokenHash, tokenHash))
    .get();
}

/** The renewal: a new slot row replaces the old one and the request is used up, in one transaction. Fails (false) if the request was used meanwhile. */
export function renewDatedEvidence(db: Db, values: { orgId: string; requestId: string; replacedId: string; row: typeof datedEvidence.$inferInsert; now: Date }): boolean {
  return db.transaction((tx) => {
    const used = tx
      .update(evidenceRequests)
      .set({ usedAt: values.now })
      .where(and(eq(evidenceRequests.id, values.requestId), eq(evidenceRequests.orgId, values.orgId), isNull(evidenceRequests.usedAt), gt(evidenceRequests.expiresAt, values.now)))
      .run().changes;
    if (used !== 1) return false;
    tx.update(datedEvidence).set({ supersededAt: values.now }).where(and(eq(datedEvidence.id, values.replacedId), eq(datedEvidence.orgId, values.orgId))).run();
    tx.insert(datedEvidence).values(values.row).run();
    return true;
  });
}


/** Whether an email with this idempotency key was already claimed (so no new request token is made for it). */
export function emailClaimed(db: Db, dedupeKey: string): boolean {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.dedupeKey, dedupeKey)).get() !== undefined;
}

/** The supplier's latest assessment: where a renewed document's file is kept beside its other evidence. */
export function latestAssessmentId(db: Db, orgId: string, supplierId: string): string | undefined {
  return db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.supplierId, supplierId)))
    .orderBy(desc(assessments.createdAt))
    .get()?.id;
}

const CLOSED_OR_OPEN = ["sent", "opened", "in_progress", "revoked", "expired"] as const;

/**
 * Across organisations, for the expiry job: the answers to the given dated questions in each
 * supplier's latest submitted assessment (not revoked or expired), with the first file attached
 * to each answer's question.
 */
export function listDatedAnswers(db: Db, questionIds: readonly string[]) {
  if (questionIds.length === 0) return [];
  const latest = sql`(select max(a2.submitted_at) from ${assessments} a2 where a2.org_id = ${assessments.orgId} and a2.supplier_id = ${assessments.supplierId} and a2.submitted_at is not null and a2.status not in ${CLOSED_OR_OPEN})`;
  const firstFile = sql<string | null>`(select f.id from ${evidenceFiles} f where f.org_id = ${answers.orgId} and f.assessment_id = ${answers.assessmentId} and f.question_id = ${answers.questionId} and f.deleted_at is null order by f.created_at limit 1)`;
  return db
    .select({
      orgId: assessments.orgId,
      supplierId: assessments.supplierId,
      assessmentId: assessments.id,
      submittedAt: assessments.submittedAt,
      questionId: answers.questionId,
      value: answers.value,
      fileId: firstFile,
    })
    .from(answers)
    .innerJoin(assessments, and(eq(assessments.id, answers.assessmentId), eq(assessments.orgId, answers.orgId)))
    .innerJoin(suppliers, and(eq(suppliers.id, assessments.supplierId), eq(suppliers.orgId, assessments.orgId)))
    .where(
      and(
        inArray(answers.questionId, [...questionIds]),
        eq(answers.notApplicable, false),
        isNull(suppliers.archivedAt),
        isNotNull(assessments.submittedAt),
        notInArray(assessments.status, [...CLOSED_OR_OPEN]),
        sql`${assessments.submittedAt} = ${latest}`,
      ),
    )
    .all();
}

/**
 * Records dated evidence read from an answer once (unique per assessment and question); the
 * current row read from the same question of an earlier assessment is superseded by it. Returns
 * whether a row was added.
 */
export function recordAnswerEvidence(db: Db, row: typeof datedEvidence.$inferInsert & { sourceAssessmentId: string; sourceQuestionId: string }, now: Date): boolean {
  return db.transaction(() => {
    const added = db.insert(datedEvidence).values(row).onConflictDoNothing().run().changes;
    if (added === 0) return false;
    db.update(datedEvidence)
      .set({ supersededAt: now })
      .where(
        and(
          eq(datedEvidence.orgId, row.orgId),
          eq(datedEvidence.supplierId, row.supplierId),
          eq(datedEvidence.sourceQuestionId, row.sourceQuestionId),
          isNull(datedEvidence.supersededAt),
          sql`${datedEvidence.sourceAssessmentId} <> ${row.sourceAssessmentId}`,
        ),
      )
      .run();
    return true;
  });
}
