/**
 * Assurance reports and other dated evidence (SPEC C11): staff enter and edit them (kind, type,
 * auditor, period, scope, qualified opinion, bridge letter, expiry, whether the scope covers the
 * service); the supplier page, the supplier list and the review page show their expiry and flags
 * (./dated-evidence-rules.ts). The expiry job asks the supplier's contact for the new document
 * 30 days before expiry, through a scoped link that accepts that one document only, and warns
 * the internal owner when it lapses; both emails are idempotent.
 */
import { unlink } from "node:fs/promises";
import { getDb, type Db } from "#db/client";
import { listEscalationRecipients } from "#db/repos/assessments-staff";
import {
  emailClaimed,
  findDatedEvidence,
  findEvidenceContact,
  findEvidenceRequestByTokenHash,
  insertDatedEvidence,
  insertEvidenceRequest,
  latestAssessmentId,
  listCurrentDatedEvidence,
  listDatedAnswers,
  listExpiringEvidence,
  recordAnswerEvidence,
  renewDatedEvidence,
  soonestExpiryBySupplier,
  updateDatedEvidence,
} from "#db/repos/dated-evidence";
import { insertEvidenceFile } from "#db/repos/evidence";
import { findSupplier } from "#db/repos/suppliers";
import type { DatedEvidenceKind } from "#db/schema";
import { recordAudit, staffActor } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { sendEmail } from "~/email/send-email.server";
import { evidenceLapsedEmail, evidenceRenewalEmail } from "~/email/templates/evidence-renewal";
import { evidencePolicy, type EvidencePolicy } from "~/evidence/evidence.server";
import { cleanFileName, inspectUpload } from "~/evidence/file-checks.server";
import { receiveUpload, removeStoredFiles, UploadRejectedError } from "~/evidence/upload.server";
import type { Job } from "~/jobs/job-runner.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { generateToken, hashToken, newId } from "~/security/tokens.server";
import { addDaysIso, isoDate } from "~/staff/dates";
import { assuranceFlags, DATED_QUESTIONS, datedEvidenceFromAnswer, expiryFor, expiryNotices, expiryStatus, EXPIRY_WARNING_DAYS, TYPED_KINDS } from "./dated-evidence-rules";
import { RenewalFieldsSchema, SupplierAssuranceFormSchema, type DatedEvidenceFormValue } from "./forms";
import { lookUpLinkToken } from "./link-token.server";

interface Options {
  db?: Db;
  now?: Date;
}

const DAY = 24 * 60 * 60 * 1000;
/** A renewal link stays usable this long after the document's expiry. */
const REQUEST_DAYS_AFTER_EXPIRY = 60;

export type EvidenceOutcome = { kind: "ok"; id: string } | { kind: "not-found" } | { kind: "field"; field: string; message: string };

function rowValues(value: DatedEvidenceFormValue) {
  return {
    kind: value.kind,
    reportType: TYPED_KINDS.includes(value.kind) ? (value.reportType ?? null) : null,
    auditor: value.auditor ?? "",
    periodStart: value.periodStart ?? null,
    periodEnd: value.periodEnd,
    scope: value.scope ?? "",
    qualified: value.qualified,
    bridgeLetter: value.bridgeLetter,
    expiresOn: expiryFor(value.kind, value.periodEnd, value.expiresOn),
    scopeCovers: value.scopeCovers === undefined ? null : value.scopeCovers === "yes",
  };
}

/** Adds (no `evidenceId`) or edits a supplier's dated evidence. */
export function saveDatedEvidence(staff: StaffContext, supplierId: string, evidenceId: string | null, value: DatedEvidenceFormValue, ip: string, options: Options = {}): EvidenceOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = staff.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const values = rowValues(value);
  let id = evidenceId;
  if (id) {
    const existing = findDatedEvidence(db, orgId, supplierId, id);
    if (!existing || existing.supersededAt) return { kind: "not-found" };
    updateDatedEvidence(db, orgId, id, { ...values, updatedAt: now });
  } else {
    id = newId();
    insertDatedEvidence(db, { id, orgId, supplierId, ...values, source: "staff", createdBy: staff.user.id, createdAt: now, updatedAt: now });
  }
  recordAudit(
    {
      orgId,
      actor: staffActor(staff.user),
      action: evidenceId ? "supplier.dated-evidence.updated" : "supplier.dated-evidence.added",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { evidenceId: id, kind: values.kind, expiresOn: values.expiresOn, qualified: values.qualified, scopeCovers: values.scopeCovers },
      at: now,
    },
    db,
  );
  return { kind: "ok", id };
}

export function findEvidenceForEditing(orgId: string, supplierId: string, evidenceId: string, options: Options = {}) {
  const row = findDatedEvidence(options.db ?? getDb(), orgId, supplierId, evidenceId);
  return row && !row.supersededAt ? row : undefined;
}

export function evidenceFormDefaults(row: NonNullable<ReturnType<typeof findEvidenceForEditing>>): Record<string, string> {
  return {
    kind: row.kind,
    reportType: row.reportType ?? "",
    auditor: row.auditor,
    periodStart: row.periodStart ?? "",
    periodEnd: row.periodEnd,
    scope: row.scope,
    qualified: row.qualified ? "yes" : "no",
    bridgeLetter: row.bridgeLetter ? "yes" : "no",
    expiresOn: row.expiresOn,
    scopeCovers: row.scopeCovers === null ? "" : row.scopeCovers ? "yes" : "no",
  };
}

/** The supplier's current dated evidence with each one's expiry status and flags, for the supplier and review pages. */
export function supplierDatedEvidence(orgId: string, supplierId: string, options: Options = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  return listCurrentDatedEvidence(db, orgId, supplierId).map(({ evidence, fileName, fileAssessmentId }) => ({
    id: evidence.id,
    kind: evidence.kind,
    reportType: evidence.reportType,
    auditor: evidence.auditor,
    periodStart: evidence.periodStart,
    periodEnd: evidence.periodEnd,
    scope: evidence.scope,
    qualified: evidence.qualified,
    bridgeLetter: evidence.bridgeLetter,
    expiresOn: evidence.expiresOn,
    scopeCovers: evidence.scopeCovers,
    source: evidence.source,
    file: fileName && fileAssessmentId ? { id: evidence.evidenceFileId!, name: fileName, assessmentId: fileAssessmentId } : null,
    status: expiryStatus(evidence.expiresOn, now),
    flags: assuranceFlags(evidence, now),
  }));
}
export type SupplierDatedEvidence = ReturnType<typeof supplierDatedEvidence>[number];

export function evidenceRequestUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/evidence-request/${token}`;
}

/**
 * Keeps the questionnaire's promise: the dated documents a supplier gave in its latest submitted
 * assessment (ISO 27001 certificate, insurance policy, penetration test) become dated evidence,
 * with the file attached to the answer, so they show their expiry and get the same reminders.
 * Once per assessment and question; a later assessment's answer supersedes the earlier one.
 */
export function syncAnswerEvidence(db: Db, now: Date): number {
  let added = 0;
  for (const answer of listDatedAnswers(db, Object.keys(DATED_QUESTIONS))) {
    const dated = datedEvidenceFromAnswer(answer.questionId, answer.value, isoDate(answer.submittedAt ?? now));
    if (!dated) continue;
    const row = {
      id: newId(),
      orgId: answer.orgId,
      supplierId: answer.supplierId,
      ...dated,
      evidenceFileId: answer.fileId,
      source: "questionnaire" as const,
      sourceAssessmentId: answer.assessmentId,
      sourceQuestionId: answer.questionId,
      createdAt: now,
      updatedAt: now,
    };
    if (recordAnswerEvidence(db, row, now)) added++;
  }
  return added;
}

/** The expiry job's record of what it did about one item (the system acts; no IP). */
function auditExpiry(
  db: Db,
  evidence: { orgId: string; supplierId: string; id: string; kind: DatedEvidenceKind; expiresOn: string },
  action: "supplier.dated-evidence.renewal-requested" | "supplier.dated-evidence.lapsed",
  details: Record<string, unknown>,
  now: Date,
) {
  recordAudit(
    {
      orgId: evidence.orgId,
      actor: { type: "system" },
      action,
      target: { type: "supplier", id: evidence.supplierId },
      details: { evidenceId: evidence.id, kind: evidence.kind, expiresOn: evidence.expiresOn, ...details },
      at: now,
    },
    db,
  );
}

/**
 * The expiry job (SPEC C11). For current evidence within 30 days of expiry: one request to the
 * supplier's security contact (in their language) with a scoped link for the new document only.
 * For lapsed evidence: one warning to the internal owner (or the organisation's admins). Each
 * email's dedupe key names the item and its expiry date; a key already claimed makes no new
 * link, so running the job twice sends nothing twice and leaves no stray tokens.
 */
export async function runEvidenceExpiry({ db, now }: { db: Db; now: Date }) {
  const fromAnswers = syncAnswerEvidence(db, now);
  const rows = listExpiringEvidence(db, addDaysIso(isoDate(now), EXPIRY_WARNING_DAYS));
  const byId = new Map(rows.map((row) => [row.evidence.id, row]));
  let requested = 0;
  let warned = 0;
  let skipped = 0;
  for (const notice of expiryNotices(rows.map((r) => r.evidence), now)) {
    const row = byId.get(notice.id)!;
    const { evidence } = row;
    if (emailClaimed(db, notice.dedupeKey)) {
      skipped++;
      continue;
    }
    if (notice.kind === "request-renewal") {
      const contact = findEvidenceContact(db, evidence.orgId, evidence.supplierId);
      if (!contact) {
        skipped++;
        continue;
      }
      const token = generateToken();
      const expiresAt = new Date(new Date(`${addDaysIso(evidence.expiresOn, REQUEST_DAYS_AFTER_EXPIRY)}T00:00:00Z`).getTime() + DAY);
      insertEvidenceRequest(db, { id: newId(), orgId: evidence.orgId, datedEvidenceId: evidence.id, contactId: contact.id, tokenHash: hashToken(token), expiresAt, createdAt: now });
      const email = evidenceRenewalEmail({
        locale: contact.locale,
        contactName: contact.name,
        organisationName: row.organisationName,
        kind: evidence.kind,
        expiresOn: evidence.expiresOn,
        url: evidenceRequestUrl(token),
      });
      const sent = await sendEmail({ orgId: evidence.orgId, to: contact.email, ...email, locale: contact.locale, dedupeKey: notice.dedupeKey }, { db, now });
      if (sent.status === "duplicate") continue;
      auditExpiry(db, evidence, "supplier.dated-evidence.renewal-requested", { contactId: contact.id }, now);
      requested++;
    } else {
      const recipients = listEscalationRecipients(db, evidence.orgId, row.ownerUserId);
      for (const [index, person] of recipients.entries()) {
        const locale = person.locale ?? row.settings.defaultLocale;
        const email = evidenceLapsedEmail({
          locale,
          ownerName: person.name,
          supplierName: row.supplierName,
          kind: evidence.kind,
          expiresOn: evidence.expiresOn,
          url: `${getEnv().PUBLIC_URL}/staff/suppliers/${evidence.supplierId}`,
        });
        // The first recipient's email carries the item's key; the others' keys name them too.
        const dedupeKey = index === 0 ? notice.dedupeKey : `${notice.dedupeKey}:${person.id}`;
        const sent = await sendEmail({ orgId: evidence.orgId, to: person.email, ...email, locale, dedupeKey }, { db, now });
        if (sent.status !== "duplicate") warned++;
      }
      auditExpiry(db, evidence, "supplier.dated-evidence.lapsed", { recipients: recipients.length }, now);
    }
  }
  return { fromAnswers, requested, warned, skipped };
}

export const evidenceExpiryJob: Job = {
  name: "evidence-expiry",
  run: (context) => runEvidenceExpiry(context),
};

function findRequest(token: string, ip: string, db: Db, now: Date) {
  return lookUpLinkToken(token, ip, {
    db,
    now,
    find: (tokenHash) => {
      const found = findEvidenceRequestByTokenHash(db, tokenHash);
      return found ? { ...found, tokenHash: found.request.tokenHash } : undefined;
    },
    usable: (found) => !found.request.usedAt && found.request.expiresAt > now && !found.evidence.supersededAt,
  });
}

/** For the GET: what the renewal page shows. Writes nothing for a usable link. */
export function inspectEvidenceRequest(token: string, ip: string, options: Options = {}) {
  const found = findRequest(token, ip, options.db ?? getDb(), options.now ?? new Date());
  return {
    organisationName: found.organisationName,
    supplierName: found.supplierName,
    contactName: found.contact.name,
    kind: found.evidence.kind as DatedEvidenceKind,
    expiresOn: found.evidence.expiresOn,
  };
}

export type DocumentOutcome =
  | { kind: "ok" }
  | { kind: "fields"; fieldErrors: Record<string, string[]>; values: Record<string, string> }
  | { kind: "file"; code: string; status: number };

type Received<T> = { kind: "ok"; value: T; fileId: string } | Exclude<DocumentOutcome, { kind: "ok" }>;

/**
 * One document and its fields from a streamed multipart request (the same size and content
 * checks as any evidence): the fields are parsed with `parse`, exactly one file named `file` is
 * taken, and it is stored as an evidence file of `assessmentId` (beside the supplier's other
 * evidence, under the question id `dated-evidence:<kind>`). On any refusal nothing is kept.
 */
async function receiveDocument<T extends { kind?: string }>(
  request: Request,
  parse: (fields: Record<string, string>) => { ok: true; value: T & { kind: DatedEvidenceKind } } | { ok: false; fieldErrors: Record<string, string[]> },
  target: { orgId: string; assessmentId: string | undefined; contactId: string; now: Date },
  options: { db: Db; policy?: EvidencePolicy; dataDir?: string },
): Promise<Received<T & { kind: DatedEvidenceKind }>> {
  const policy = options.policy ?? evidencePolicy();
  let received;
  try {
    received = await receiveUpload(request, { maxBytes: policy.maxBytes, dataDir: options.dataDir });
  } catch (error) {
    if (error instanceof UploadRejectedError) return { kind: "file", code: error.reason === "not-multipart" ? "malformed" : error.reason, status: error.status };
    throw error;
  }
  const parsed = parse(received.fields);
  const file = received.files.length === 1 && received.files[0]!.fieldName === "file" ? received.files[0]! : null;
  if (!parsed.ok || !file) {
    await removeStoredFiles(received.files);
    return parsed.ok ? { kind: "file", code: "no-file", status: 400 } : { kind: "fields", fieldErrors: parsed.fieldErrors, values: received.fields };
  }
  const verdict = await inspectUpload(file.path, file.clientName, file.size, policy.kinds);
  if (!verdict.ok || !target.assessmentId) {
    await unlink(file.path).catch(() => undefined);
    return { kind: "file", code: verdict.ok ? "no-assessment" : verdict.reason, status: 400 };
  }
  const fileId = newId();
  insertEvidenceFile(options.db, {
    id: fileId,
    orgId: target.orgId,
    assessmentId: target.assessmentId,
    questionId: `dated-evidence:${parsed.value.kind}`,
    storageName: file.storageName,
    originalName: cleanFileName(file.clientName, verdict.kind),
    mimeType: verdict.mime,
    sizeBytes: file.size,
    sha256: file.sha256,
    uploadedByContactId: target.contactId,
    createdAt: target.now,
  });
  return { kind: "ok", value: parsed.value, fileId };
}

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return fieldErrors;
}

/**
 * For the POST of a renewal link: one new document for the one slot the link names, with its
 * dates. The new document replaces the old slot row; the link is used up. Anything else in the
 * request is ignored.
 */
export async function submitEvidenceRenewal(
  token: string,
  request: Request,
  ip: string,
  options: Options & { policy?: EvidencePolicy; dataDir?: string } = {},
): Promise<DocumentOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = findRequest(token, ip, db, now);
  const old = found.evidence;
  const received = await receiveDocument(
    request,
    (fields) => {
      const parsed = RenewalFieldsSchema.safeParse(fields);
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
      if (!parsed.data.expiresOn && old.kind !== "pentest") return { ok: false, fieldErrors: { expiresOn: ["supervision.validation.expiryRequired"] } };
      return { ok: true, value: { ...parsed.data, kind: old.kind } };
    },
    { orgId: old.orgId, assessmentId: latestAssessmentId(db, old.orgId, old.supplierId), contactId: found.contact.id, now },
    { db, policy: options.policy, dataDir: options.dataDir },
  );
  if (received.kind !== "ok") return received;
  const value = received.value;
  const newEvidenceId = newId();
  const renewed = renewDatedEvidence(db, {
    orgId: old.orgId,
    requestId: found.request.id,
    replacedId: old.id,
    now,
    row: {
      id: newEvidenceId,
      orgId: old.orgId,
      supplierId: old.supplierId,
      kind: old.kind,
      reportType: old.reportType,
      auditor: old.auditor,
      periodStart: value.periodStart ?? null,
      periodEnd: value.periodEnd,
      scope: old.scope,
      qualified: old.qualified,
      bridgeLetter: false,
      expiresOn: expiryFor(old.kind, value.periodEnd, value.expiresOn),
      scopeCovers: null,
      evidenceFileId: received.fileId,
      source: "supplier",
      createdBy: found.contact.id,
      createdAt: now,
      updatedAt: now,
    },
  });
  if (!renewed) linkUsedMeanwhile();
  recordAudit(
    {
      orgId: old.orgId,
      actor: { type: "supplier", id: found.contact.id, label: found.contact.name },
      action: "supplier.dated-evidence.renewed",
      target: { type: "supplier", id: old.supplierId },
      ip,
      details: { replaced: old.id, evidenceId: newEvidenceId, fileId: received.fileId, kind: old.kind },
      at: now,
    },
    db,
  );
  return { kind: "ok" };
}

function linkUsedMeanwhile(): never {
  throw new Response(null, { status: 409 });
}

/**
 * In the supplier portal (the last invitation's session): an assurance report or other dated
 * evidence with its document, for the session's supplier. Only the fields a supplier may set are
 * read; whether the scope covers the service is for staff to judge.
 */
export async function addAssuranceReportBySupplier(
  ctx: SupplierContext,
  request: Request,
  ip: string,
  options: Options & { policy?: EvidencePolicy; dataDir?: string } = {},
): Promise<DocumentOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { orgId, supplierId, id: assessmentId } = ctx.assessment;
  const received = await receiveDocument(
    request,
    (fields) => {
      const parsed = SupplierAssuranceFormSchema.safeParse(fields);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
    },
    { orgId, assessmentId, contactId: ctx.session.contactId, now },
    { db, policy: options.policy, dataDir: options.dataDir },
  );
  if (received.kind !== "ok") return received;
  const values = rowValues({ ...received.value, intent: "save-evidence", scopeCovers: undefined });
  const id = newId();
  insertDatedEvidence(db, { id, orgId, supplierId, ...values, evidenceFileId: received.fileId, source: "supplier", createdBy: ctx.session.contactId, createdAt: now, updatedAt: now });
  recordAudit(
    {
      orgId,
      actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName },
      action: "supplier.dated-evidence.added",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { evidenceId: id, kind: values.kind, expiresOn: values.expiresOn, fileId: received.fileId, source: "supplier" },
      at: now,
    },
    db,
  );
  return { kind: "ok" };
}

/** What the portal shows the supplier of its own current dated evidence (not staff's judgement or flags). */
export function portalDatedEvidence(ctx: SupplierContext, options: Options = {}) {
  return listCurrentDatedEvidence(options.db ?? getDb(), ctx.assessment.orgId, ctx.assessment.supplierId).map(({ evidence, fileName }) => ({
    id: evidence.id,
    kind: evidence.kind,
    reportType: evidence.reportType,
    periodEnd: evidence.periodEnd,
    expiresOn: evidence.expiresOn,
    fileName,
  }));
}

/** For the supplier list: per supplier, its soonest-expiring current dated evidence and that one's status. */
export function soonestEvidenceExpiry(orgId: string, supplierIds: readonly string[], options: Options = {}): Record<string, { expiresOn: string; status: ReturnType<typeof expiryStatus> }> {
  const now = options.now ?? new Date();
  const result: Record<string, { expiresOn: string; status: ReturnType<typeof expiryStatus> }> = {};
  for (const [supplierId, expiresOn] of soonestExpiryBySupplier(options.db ?? getDb(), orgId, supplierIds)) {
    result[supplierId] = { expiresOn, status: expiryStatus(expiresOn, now) };
  }
  return result;
}
