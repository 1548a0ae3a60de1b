/**
 * Ending a supplier relationship (CFCS 6.1). Staff open the termination checklist, ask the
 * supplier's contact for the written deletion confirmation through a link of its own (only the
 * token's SHA-256 is stored; it opens nothing but that upload), tick the points, and close: the
 * supplier is archived, never deleted (its history stays for audit), its invitation links are
 * revoked and assessments under way stop, so reminders, reassessments and the review queue pass
 * it by. An admin may reactivate it. Every step is audited.
 */
import { getDb, type Db } from "#db/client";
import {
  archiveSupplier,
  findCurrentOffboarding,
  findOffboardingByTokenHash,
  insertOffboarding,
  listArchivedSuppliers,
  listSupplierDocuments,
  reactivateSupplier as reactivateSupplierRow,
  updateOffboarding,
} from "#db/repos/relationship";
import { findContact, findSupplier, listContacts, type SupplierRow } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { sendEmail } from "~/email/send-email.server";
import { deletionConfirmationRequestEmail } from "~/email/templates/deletion-confirmation-request";
import { generateToken, hashToken, newId } from "~/security/tokens.server";
import { LINK_PAGE_HEADERS, lookUpLinkToken } from "~/supervision/link-token.server";
import { receiveSupplierDocument } from "./documents.server";
import type { UploadNotice } from "./document-upload";
import { DELETION_REQUEST_DAYS, OFFBOARDING_CHECKLIST, offboardingBlockers, type OffboardingItem } from "./offboarding";

const DAY = 24 * 60 * 60 * 1000;
const actor = (context: StaffContext) => ({ type: "staff" as const, id: context.user.id, label: context.user.name });

export function deletionConfirmationUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/offboarding/${token}`;
}

/** What the offboarding page shows. */
export function offboardingState(orgId: string, supplier: SupplierRow, db: Db = getDb()) {
  const current = findCurrentOffboarding(db, orgId, supplier.id);
  const confirmations = listSupplierDocuments(db, orgId, supplier.id, "deletion-confirmation").map((d) => ({ id: d.id, name: d.originalName, createdAt: d.createdAt }));
  const offboarding = current
    ? {
        id: current.id,
        status: current.status,
        checklist: current.checklist,
        notes: current.notes,
        requestedAt: current.requestExpiresAt ? new Date(current.requestExpiresAt.getTime() - DELETION_REQUEST_DAYS * DAY) : null,
        requestContactId: current.requestContactId,
        confirmationDocumentId: current.confirmationDocumentId,
        completedAt: current.completedAt,
        blockers: current.status === "open" ? offboardingBlockers(current.checklist, Boolean(current.confirmationDocumentId)) : [],
      }
    : null;
  return {
    archivedAt: supplier.archivedAt,
    offboarding,
    confirmations,
    contacts: listContacts(db, orgId, supplier.id).map((c) => ({ id: c.id, name: c.name, email: c.email, isSecurityContact: c.isSecurityContact })),
  };
}

export function archivedSuppliers(orgId: string, db: Db = getDb()) {
  return listArchivedSuppliers(db, orgId);
}

export type OffboardingOutcome = { kind: "ok" } | { kind: "not-found" } | { kind: "form"; message: string } | { kind: "field"; field: string; message: string };

interface Options {
  db?: Db;
  now?: Date;
}

function openOffboarding(db: Db, orgId: string, supplierId: string) {
  const current = findCurrentOffboarding(db, orgId, supplierId);
  return current?.status === "open" ? current : undefined;
}

export function startOffboarding(context: StaffContext, supplierId: string, ip: string, options: Options = {}): OffboardingOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  const supplier = findSupplier(db, orgId, supplierId);
  if (!supplier) return { kind: "not-found" };
  if (supplier.archivedAt) return { kind: "form", message: "relationship.archived.noChanges" };
  if (openOffboarding(db, orgId, supplierId)) return { kind: "form", message: "relationship.offboarding.alreadyStarted" };
  const id = newId();
  insertOffboarding(db, { id, orgId, supplierId, status: "open", checklist: {}, startedBy: context.user.id, createdAt: now });
  recordAudit({ orgId, actor: actor(context), action: "supplier.offboarding.started", target: { type: "supplier", id: supplierId }, ip, details: { offboardingId: id }, at: now }, db);
  return { kind: "ok" };
}

export function saveOffboardingChecklist(
  context: StaffContext,
  supplierId: string,
  input: { done: OffboardingItem[]; notes?: string },
  ip: string,
  options: Options = {},
): OffboardingOutcome {
  const db = options.db ?? getDb();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const current = openOffboarding(db, orgId, supplierId);
  if (!current) return { kind: "form", message: "relationship.offboarding.notStarted" };
  const checklist = Object.fromEntries(OFFBOARDING_CHECKLIST.map((item) => [item, input.done.includes(item)]));
  updateOffboarding(db, orgId, current.id, { checklist, notes: input.notes ?? "" });
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.offboarding.updated", target: { type: "supplier", id: supplierId }, ip, details: { offboardingId: current.id, before: current.checklist, after: checklist }, at: options.now },
    db,
  );
  return { kind: "ok" };
}

/** Emails the contact a link to upload the deletion confirmation; a new request retires the previous link. */
export async function requestDeletionConfirmation(context: StaffContext, supplierId: string, contactId: string, ip: string, options: Options = {}): Promise<OffboardingOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const contact = findContact(db, orgId, supplierId, contactId);
  if (!contact) return { kind: "field", field: "contactId", message: "validation.invalidChoice" };
  const current = openOffboarding(db, orgId, supplierId);
  if (!current) return { kind: "form", message: "relationship.offboarding.notStarted" };
  const token = generateToken();
  updateOffboarding(db, orgId, current.id, { requestTokenHash: hashToken(token), requestContactId: contact.id, requestExpiresAt: new Date(now.getTime() + DELETION_REQUEST_DAYS * DAY) });
  const content = deletionConfirmationRequestEmail({ locale: contact.locale, contactName: contact.name, organisationName: context.organisation.name, url: deletionConfirmationUrl(token) });
  await sendEmail({ orgId, to: contact.email, locale: contact.locale, dedupeKey: `deletion-request:${current.id}:${hashToken(token).slice(0, 16)}`, ...content }, { db, now });
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.offboarding.deletion-requested", target: { type: "supplier", id: supplierId }, ip, details: { offboardingId: current.id, contactId: contact.id }, at: now },
    db,
  );
  return { kind: "ok" };
}

/** Closes the offboarding once every point is ticked and the confirmation is in: the supplier is archived. */
export function completeOffboarding(context: StaffContext, supplierId: string, ip: string, options: Options = {}): OffboardingOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const current = openOffboarding(db, orgId, supplierId);
  if (!current) return { kind: "form", message: "relationship.offboarding.notStarted" };
  if (offboardingBlockers(current.checklist, Boolean(current.confirmationDocumentId)).length > 0) return { kind: "form", message: "relationship.offboarding.notReady" };
  const result = archiveSupplier(db, { orgId, supplierId, offboardingId: current.id, userId: context.user.id, now });
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.archived", target: { type: "supplier", id: supplierId }, ip, details: { offboardingId: current.id, ...result }, at: now },
    db,
  );
  return { kind: "ok" };
}

/** Admin only (the route asks for a recent sign-in): the supplier is active again; its history is unchanged. */
export function reactivateSupplier(context: StaffContext, supplierId: string, ip: string, options: Options = {}): OffboardingOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  const supplier = findSupplier(db, orgId, supplierId);
  if (!supplier) return { kind: "not-found" };
  if (!reactivateSupplierRow(db, orgId, supplierId, now)) return { kind: "form", message: "relationship.offboarding.notArchived" };
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.reactivated", target: { type: "supplier", id: supplierId }, ip, details: { archivedAt: supplier.archivedAt?.toISOString() ?? null }, at: now },
    db,
  );
  return { kind: "ok" };
}

// ---- The supplier's side: the upload link ----------------------------------------------------

/** The deletion-confirmation link's page headers: those of every supplier secret link. */
export const DELETION_LINK_HEADERS = LINK_PAGE_HEADERS;

/**
 * The open offboarding a link names. Unknown, expired and retired links get the same 404; a
 * miss counts against the per-IP budget for link guesses that invitation links use.
 */
function lookUpLink(token: string, ip: string, db: Db, now: Date) {
  return lookUpLinkToken(token, ip, {
    db,
    now,
    find: (tokenHash) => {
      const found = findOffboardingByTokenHash(db, tokenHash);
      return found ? { ...found, tokenHash: found.offboarding.requestTokenHash ?? "" } : undefined;
    },
    usable: ({ offboarding }) => offboarding.status === "open" && offboarding.requestExpiresAt !== null && offboarding.requestExpiresAt > now,
  });
}

/** For the GET: what the upload page shows. Writes nothing for a usable link. */
export function inspectDeletionLink(token: string, ip: string, options: Options = {}) {
  const found = lookUpLink(token, ip, options.db ?? getDb(), options.now ?? new Date());
  return { organisationName: found.organisationName, supplierName: found.supplierName, contactName: found.contact.name, received: Boolean(found.offboarding.confirmationDocumentId) };
}

/** For the POST: the confirmation stored as the supplier's document, the offboarding updated, audited. */
export async function uploadDeletionConfirmation(
  token: string,
  request: Request,
  ip: string,
  options: Options & { dataDir?: string } = {},
): Promise<UploadNotice & { status: number }> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = lookUpLink(token, ip, db, now);
  const { offboarding } = found;
  const received = await receiveSupplierDocument(
    request,
    { orgId: offboarding.orgId, supplierId: offboarding.supplierId, kind: "deletion-confirmation", contactId: found.contact.id },
    { db, now, dataDir: options.dataDir },
  );
  if (received.kind === "refused") return { ok: false, code: received.code, name: received.name, status: received.status };
  updateOffboarding(db, offboarding.orgId, offboarding.id, { confirmationDocumentId: received.documentId });
  recordAudit(
    {
      orgId: offboarding.orgId,
      actor: { type: "supplier", id: found.contact.id, label: found.contact.name },
      action: "supplier.offboarding.confirmation-uploaded",
      target: { type: "supplier", id: offboarding.supplierId },
      ip,
      details: { offboardingId: offboarding.id, documentId: received.documentId, name: received.name },
      at: now,
    },
    db,
  );
  return { ok: true, name: received.name, status: 200 };
}
