/**
 * Sending a questionnaire and managing it until the supplier submits (SPEC C3): the variant by
 * tier (overridable), one invitation link per contact in the contact's language, a due date;
 * then re-send (a new link revokes the old), extend the due date, revoke, add another contact.
 * Every step is audited and every email recorded.
 */
import { getDb, type Db } from "#db/client";
import {
  findAssessment,
  findOpenAssessment,
  insertAssessment,
  listAssessmentEmails,
  listAssessmentInvitations,
  OPEN_STATUSES,
  updateAssessment,
  type AssessmentRow,
} from "#db/repos/assessments-staff";
import { listAudit } from "#db/repos/audit";
import { extendInvitations, revokeInvitationsOfAssessment } from "#db/repos/invitations";
import { findContact, findSupplier, listContacts, type ContactRow, type SupplierRow } from "#db/repos/suppliers";
import type { AssessmentStatus, OrgSettings } from "#db/schema";
import { recordAudit, staffActor } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { sendEmail } from "~/email/send-email.server";
import { supplierInvitationEmail } from "~/email/templates/supplier-invitation";
import { createInvitation, invitationExpiry } from "~/invitations/invitations.server";
import { getLatestQuestionnaireEntry, listQuestionnaires } from "~/questionnaire/catalogue.server";
import { loadQuestionnaireVersion, snapshotQuestionnaireVersion } from "~/questionnaire/versions.server";
import { consumeRateLimit, RATE_LIMITS } from "~/security/rate-limit.server";
import { newId } from "~/security/tokens.server";
import { daysBetween, isoDate } from "~/staff/dates";
import { tierPolicy, type Tier } from "./tiering";

interface Options {
  now?: Date;
  db?: Db;
}

export const MAX_DUE_DAYS = 366;
export const DEFAULT_DUE_DAYS = 30;

export type AssessmentOutcome =
  | { kind: "ok"; assessmentId: string }
  | { kind: "field"; field: string; message: string }
  | { kind: "form"; message: string }
  | { kind: "not-found" };

function actor(context: StaffContext) {
  return { type: "staff" as const, id: context.user.id, label: context.user.name };
}

/** The questionnaire for a tier: the organisation's choice, else the default. */
export function questionnaireForTier(tier: Tier, settings: OrgSettings): string {
  return settings.questionnaireByTier[tier] ?? tierPolicy(tier).questionnaireId;
}

/** Questionnaire ids that can be sent (latest version of each), with titles. */
export function questionnaireChoices(): { id: string; version: number; title: { da: string; en: string } }[] {
  const latest = new Map<string, { id: string; version: number; title: { da: string; en: string } }>();
  for (const entry of listQuestionnaires()) {
    latest.set(entry.questionnaire.id, { id: entry.questionnaire.id, version: entry.questionnaire.version, title: entry.questionnaire.title });
  }
  return [...latest.values()];
}

function dueDateProblem(dueDate: string, now: Date): string | null {
  const days = daysBetween(isoDate(now), dueDate);
  if (days < 1) return "staff.send.dueInPast";
  if (days > MAX_DUE_DAYS) return "staff.send.dueTooFar";
  return null;
}

async function inviteContact(
  context: StaffContext,
  supplier: SupplierRow,
  assessment: Pick<AssessmentRow, "id" | "dueDate">,
  contact: ContactRow,
  locale: "da" | "en",
  questionnaireTitle: { da: string; en: string },
  db: Db,
  now: Date,
  ip: string,
) {
  consumeRateLimit(RATE_LIMITS.emailSendPerUser, context.user.id, {
    now,
    db,
    audit: { orgId: context.user.orgId, actor: staffActor(context.user), target: { type: "user", id: context.user.id }, ip },
  });
  const invitation = createInvitation(
    { orgId: context.organisation.id, assessmentId: assessment.id, contactId: contact.id, expiresAt: invitationExpiry(assessment.dueDate) },
    { now, db },
  );
  const content = supplierInvitationEmail({
    locale,
    contactName: contact.name,
    supplierName: supplier.name,
    organisationName: context.organisation.name,
    questionnaireTitle: questionnaireTitle[locale],
    dueDate: assessment.dueDate,
    url: invitation.url,
  });
  const sent = await sendEmail(
    { orgId: context.organisation.id, to: contact.email, locale, assessmentId: assessment.id, dedupeKey: `invitation:${invitation.invitationId}`, ...content },
    { db, now },
  );
  return { invitationId: invitation.invitationId, emailStatus: sent.status };
}

function titleOf(assessment: Pick<AssessmentRow, "questionnaireVersionId">, db: Db): { da: string; en: string } {
  return loadQuestionnaireVersion(assessment.questionnaireVersionId, db).title;
}

export async function sendQuestionnaire(
  context: StaffContext,
  supplierId: string,
  input: { questionnaireId: string; dueDate: string; contactIds: string[]; locale?: Record<string, "da" | "en"> },
  ip: string,
  options: Options = {},
): Promise<AssessmentOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  const supplier = findSupplier(db, orgId, supplierId);
  if (!supplier) return { kind: "not-found" };
  const contacts: ContactRow[] = [];
  for (const contactId of new Set(input.contactIds)) {
    const contact = findContact(db, orgId, supplierId, contactId);
    if (!contact) return { kind: "not-found" };
    contacts.push(contact);
  }
  if (supplier.archivedAt) return { kind: "form", message: "relationship.archived.noChanges" };
  if (!supplier.tier) return { kind: "form", message: "staff.send.tierFirst" };
  if (findOpenAssessment(db, orgId, supplierId)) return { kind: "form", message: "staff.send.openExists" };
  const dueProblem = dueDateProblem(input.dueDate, now);
  if (dueProblem) return { kind: "field", field: "dueDate", message: dueProblem };
  const entry = getLatestQuestionnaireEntry(input.questionnaireId);
  if (!entry) return { kind: "field", field: "questionnaireId", message: "validation.invalidChoice" };
  const version = snapshotQuestionnaireVersion(entry, db);
  const assessmentId = newId();
  const assessment = { id: assessmentId, dueDate: input.dueDate };
  insertAssessment(db, {
      id: assessmentId,
      orgId,
      supplierId,
      questionnaireVersionId: version.id,
      status: "sent",
      kind: supplier.lastAssessedAt ? "reassessment" : "initial",
      tier: supplier.tier!,
      dueDate: input.dueDate,
      createdBy: context.user.id,
      sentAt: now,
      createdAt: now,
      updatedAt: now,
  });
  const sent = [];
  for (const contact of contacts) {
    const locale = input.locale?.[contact.id] ?? contact.locale;
    sent.push({ contactId: contact.id, ...(await inviteContact(context, supplier, assessment, contact, locale, entry.questionnaire.title, db, now, ip)) });
  }
  recordAudit(
    {
      orgId,
      actor: actor(context),
      action: "assessment.sent",
      target: { type: "assessment", id: assessmentId },
      ip,
      details: {
        supplierId,
        questionnaire: entry.key,
        tier: supplier.tier,
        dueDate: input.dueDate,
        contacts: sent.map((s) => ({ contactId: s.contactId, email: s.emailStatus })),
      },
      at: now,
    },
    db,
  );
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.questionnaire-sent", target: { type: "supplier", id: supplierId }, ip, details: { assessmentId }, at: now },
    db,
  );
  return { kind: "ok", assessmentId };
}

function loadManaged(db: Db, context: StaffContext, supplierId: string, assessmentId: string) {
  const supplier = findSupplier(db, context.organisation.id, supplierId);
  const assessment = supplier ? findAssessment(db, context.organisation.id, supplierId, assessmentId) : undefined;
  return supplier && assessment ? { supplier, assessment } : undefined;
}

const MANAGEABLE: AssessmentStatus[] = [...OPEN_STATUSES, "expired"];

export async function resendInvitation(
  context: StaffContext,
  supplierId: string,
  assessmentId: string,
  input: { contactId: string; locale?: "da" | "en" },
  ip: string,
  options: Options & { action?: "resent" | "contact-added" } = {},
): Promise<AssessmentOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = loadManaged(db, context, supplierId, assessmentId);
  if (!found) return { kind: "not-found" };
  const { supplier, assessment } = found;
  if (!OPEN_STATUSES.includes(assessment.status)) return { kind: "form", message: assessment.status === "expired" ? "staff.assessment.extendFirst" : "staff.assessment.notOpen" };
  const contact = findContact(db, context.organisation.id, supplierId, input.contactId);
  if (!contact) return { kind: "not-found" };
  const invited = listAssessmentInvitations(db, context.organisation.id, assessmentId).filter((i) => i.contactId === contact.id);
  const action = options.action ?? "resent";
  if (action === "resent" && invited.length === 0) return { kind: "field", field: "contactId", message: "staff.assessment.notInvited" };
  if (action === "contact-added" && invited.some((i) => !i.revokedAt)) return { kind: "field", field: "contactId", message: "staff.assessment.alreadyInvited" };
  const result = await inviteContact(context, supplier, assessment, contact, input.locale ?? contact.locale, titleOf(assessment, db), db, now, ip);
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: action === "resent" ? "assessment.invitation.resent" : "assessment.contact.added",
      target: { type: "assessment", id: assessmentId },
      ip,
      details: { contactId: contact.id, invitationId: result.invitationId, email: result.emailStatus },
      at: now,
    },
    db,
  );
  return { kind: "ok", assessmentId };
}

export function extendDueDate(
  context: StaffContext,
  supplierId: string,
  assessmentId: string,
  dueDate: string,
  ip: string,
  options: Options = {},
): AssessmentOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = loadManaged(db, context, supplierId, assessmentId);
  if (!found) return { kind: "not-found" };
  const { assessment } = found;
  if (!MANAGEABLE.includes(assessment.status)) return { kind: "form", message: "staff.assessment.notOpen" };
  if (dueDate <= assessment.dueDate) return { kind: "field", field: "dueDate", message: "staff.assessment.extendLater" };
  const problem = dueDateProblem(dueDate, now);
  if (problem) return { kind: "field", field: "dueDate", message: problem };
  const status: AssessmentStatus =
    assessment.status === "expired" ? (assessment.progressPercent > 0 ? "in_progress" : assessment.openedAt ? "opened" : "sent") : assessment.status;
  db.transaction(() => {
    updateAssessment(db, context.organisation.id, assessmentId, { dueDate, status, updatedAt: now }, MANAGEABLE);
    extendInvitations(db, context.organisation.id, assessmentId, invitationExpiry(dueDate));
  });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: "assessment.due-date.extended",
      target: { type: "assessment", id: assessmentId },
      ip,
      details: { from: assessment.dueDate, to: dueDate },
      at: now,
    },
    db,
  );
  return { kind: "ok", assessmentId };
}

export function revokeAssessment(
  context: StaffContext,
  supplierId: string,
  assessmentId: string,
  reason: string,
  ip: string,
  options: Options = {},
): AssessmentOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = loadManaged(db, context, supplierId, assessmentId);
  if (!found) return { kind: "not-found" };
  if (!MANAGEABLE.includes(found.assessment.status)) return { kind: "form", message: "staff.assessment.notOpen" };
  let links = 0;
  db.transaction(() => {
    links = revokeInvitationsOfAssessment(db, context.organisation.id, assessmentId, now);
    updateAssessment(db, context.organisation.id, assessmentId, { status: "revoked", updatedAt: now }, MANAGEABLE);
  });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: "assessment.revoked",
      target: { type: "assessment", id: assessmentId },
      ip,
      details: { reason, links, from: found.assessment.status },
      at: now,
    },
    db,
  );
  return { kind: "ok", assessmentId };
}

/** The assessment management page, or undefined when the ids are not this organisation's. */
export function assessmentPage(orgId: string, supplierId: string, assessmentId: string, db: Db = getDb()) {
  const supplier = findSupplier(db, orgId, supplierId);
  const assessment = supplier ? findAssessment(db, orgId, supplierId, assessmentId) : undefined;
  if (!supplier || !assessment) return undefined;
  const timeline = listAudit(db, orgId, { targetType: "assessment", targetId: assessmentId }, 100).map((entry) => ({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actor: entry.actorLabel,
    actorType: entry.actorType,
  }));
  return {
    supplier: { id: supplier.id, name: supplier.name },
    assessment,
    title: titleOf(assessment, db),
    invitations: listAssessmentInvitations(db, orgId, assessmentId),
    emails: listAssessmentEmails(db, orgId, assessmentId),
    contacts: listContacts(db, orgId, supplierId).map((c) => ({ id: c.id, name: c.name, email: c.email, locale: c.locale })),
    timeline: timeline.reverse(),
    manageable: MANAGEABLE.includes(assessment.status),
    open: OPEN_STATUSES.includes(assessment.status),
  };
}

