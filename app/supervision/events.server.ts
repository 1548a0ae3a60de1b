/**
 * Incidents and changes at a supplier (CFCS 5.5; SPEC C7): recorded by staff, or reported by the
 * supplier through its standing report link. Each is an event on the supplier's timeline,
 * audited, and by the organisation's rule (./event-rules.ts) it moves the next-assessment date
 * earlier or asks for a reassessment at once (shown on the supplier page as requested; the
 * reassessment itself is started by staff or the reassessment job).
 */
import { getDb, type Db } from "#db/client";
import {
  findActiveReportLink,
  findReportLinkByTokenHash,
  insertSupplierEvent,
  listEventsForSchedule,
  listSupplierEvents,
  markReportLinkUsed,
  replaceReportLink,
  revokeReportLinks,
  setNextAssessmentDue,
} from "#db/repos/supplier-events";
import { findOrganisation } from "#db/repos/organisations";
import { findSupplier, type SupplierRow } from "#db/repos/suppliers";
import type { OrgSettings, SupplierEventKind } from "#db/schema";
import { recordAudit, staffActor, type AuditActor } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { generateToken, hashToken, newId } from "~/security/tokens.server";
import { isoDate } from "~/staff/dates";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { nextAssessmentDueFor } from "~/suppliers/suppliers.server";
import { applyEventRule, eventRulesOf, incidentsInLastYear } from "./event-rules";
import { lookUpLinkToken } from "./link-token.server";

interface Options {
  db?: Db;
  now?: Date;
}

export interface EventInput {
  kind: SupplierEventKind;
  occurredOn: string;
  description: string;
}

export type EventOutcome = { kind: "ok"; eventId: string; movedTo: string | null; reassessmentRequested: boolean } | { kind: "not-found" } | { kind: "field"; field: string; message: string };

function record(
  db: Db,
  supplier: SupplierRow,
  settings: OrgSettings,
  input: EventInput,
  who: { actor: AuditActor; recordedBy: string | null; source: "staff" | "supplier"; reporterName: string | null },
  ip: string,
  now: Date,
): EventOutcome {
  if (input.occurredOn > isoDate(now)) return { kind: "field", field: "occurredOn", message: "supervision.validation.eventInFuture" };
  const effect = applyEventRule(input.kind, input.occurredOn, eventRulesOf(settings));
  const id = newId();
  db.transaction(() => {
    insertSupplierEvent(db, {
      id,
      orgId: supplier.orgId,
      supplierId: supplier.id,
      kind: input.kind,
      occurredOn: input.occurredOn,
      description: input.description,
      recordedBy: who.recordedBy,
      source: who.source,
      reporterName: who.reporterName,
      movedTo: effect.movedTo,
      reassessmentRequested: effect.reassessmentRequested,
      createdAt: now,
    });
    const due = nextAssessmentDueFor(supplier, supplier.tier, settings, now, listEventsForSchedule(db, supplier.orgId, supplier.id));
    const moved = due !== supplier.nextAssessmentDue && due !== null;
    if (moved) setNextAssessmentDue(db, supplier.orgId, supplier.id, due, now);
    recordAudit(
      {
        orgId: supplier.orgId,
        actor: who.actor,
        action: "supplier.event.recorded",
        target: { type: "supplier", id: supplier.id },
        ip,
        details: {
          eventId: id,
          kind: input.kind,
          occurredOn: input.occurredOn,
          source: who.source,
          rule: effect.reassessmentRequested ? "reassess" : "move",
          nextAssessmentDue: { from: supplier.nextAssessmentDue, to: moved ? due : supplier.nextAssessmentDue },
        },
        at: now,
      },
      db,
    );
  });
  return { kind: "ok", eventId: id, ...effect };
}

export function recordEventByStaff(staff: StaffContext, supplierId: string, input: EventInput, ip: string, options: Options = {}): EventOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, staff.organisation.id, supplierId);
  if (!supplier || supplier.archivedAt) return { kind: "not-found" };
  return record(db, supplier, staff.organisation.settings, input, { actor: staffActor(staff.user), recordedBy: staff.user.id, source: "staff", reporterName: null }, ip, now);
}

/** The supplier page's timeline and what it informs (CFCS 5.1 parameter 8). */
export function supplierTimeline(orgId: string, supplierId: string, options: Options = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const events = listSupplierEvents(db, orgId, supplierId);
  const link = findActiveReportLink(db, orgId, supplierId);
  return {
    events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    reassessmentRequested: events.some((e) => e.reassessmentRequested),
    incidentsLastYear: incidentsInLastYear(events, isoDate(now)),
    reportLink: link ? { createdAt: link.createdAt.toISOString(), lastUsedAt: link.lastUsedAt?.toISOString() ?? null } : null,
  };
}

export function incidentsLastYearFor(orgId: string, supplierId: string, options: Options = {}): number {
  const db = options.db ?? getDb();
  return incidentsInLastYear(listEventsForSchedule(db, orgId, supplierId), isoDate(options.now ?? new Date()));
}

export function reportLinkUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/report/${token}`;
}

/**
 * A new standing report link for the supplier; the one in force, if any, stops working. The
 * token is returned once, to be shown to the staff member (and passed on to the supplier).
 */
export function issueReportLink(staff: StaffContext, supplierId: string, ip: string, options: Options = {}): { kind: "ok"; url: string } | { kind: "not-found" } {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, staff.organisation.id, supplierId);
  if (!supplier || supplier.archivedAt) return { kind: "not-found" };
  const token = generateToken();
  const id = newId();
  const replaced = Boolean(findActiveReportLink(db, staff.organisation.id, supplierId));
  replaceReportLink(db, { id, orgId: staff.organisation.id, supplierId, tokenHash: hashToken(token), createdBy: staff.user.id, now });
  recordAudit(
    { orgId: staff.organisation.id, actor: staffActor(staff.user), action: "supplier.report-link.issued", target: { type: "supplier", id: supplierId }, ip, details: { linkId: id, replaced }, at: now },
    db,
  );
  return { kind: "ok", url: reportLinkUrl(token) };
}

export function revokeReportLink(staff: StaffContext, supplierId: string, ip: string, options: Options = {}): { kind: "ok" } | { kind: "not-found" } | { kind: "field"; field: string; message: string } {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (!findSupplier(db, staff.organisation.id, supplierId)) return { kind: "not-found" };
  const revoked = revokeReportLinks(db, staff.organisation.id, supplierId, now);
  if (revoked === 0) return { kind: "field", field: "", message: "supervision.reportLink.noneToRevoke" };
  recordAudit(
    { orgId: staff.organisation.id, actor: staffActor(staff.user), action: "supplier.report-link.revoked", target: { type: "supplier", id: supplierId }, ip, at: now },
    db,
  );
  return { kind: "ok" };
}

function findReportLink(token: string, ip: string, db: Db, now: Date) {
  return lookUpLinkToken(token, ip, {
    db,
    now,
    find: (tokenHash) => {
      const found = findReportLinkByTokenHash(db, tokenHash);
      return found ? { ...found, tokenHash: found.link.tokenHash } : undefined;
    },
    usable: (found) => !found.link.revokedAt && !found.supplier.archivedAt,
  });
}

/** For the GET: what the report page shows. Writes nothing for a usable link. */
export function inspectReportLink(token: string, ip: string, options: Options = {}) {
  const found = findReportLink(token, ip, options.db ?? getDb(), options.now ?? new Date());
  return { organisationName: found.organisation.name, supplierName: found.supplier.name };
}

/** For the POST: the supplier's report, recorded and audited under the link's organisation. */
export function reportEventThroughLink(token: string, input: EventInput & { reporterName: string }, ip: string, options: Options = {}): EventOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const found = findReportLink(token, ip, db, now);
  const outcome = record(
    db,
    found.supplier,
    found.organisation.settings,
    input,
    { actor: { type: "supplier", id: found.link.id, label: input.reporterName }, recordedBy: null, source: "supplier", reporterName: input.reporterName },
    ip,
    now,
  );
  if (outcome.kind === "ok") markReportLinkUsed(db, found.link.orgId, found.link.id, now);
  return outcome;
}

/** The supplier's name and id for a staff page, or undefined (another organisation's id too). */
export function supplierHeading(orgId: string, supplierId: string, options: Options = {}) {
  const supplier = findSupplier(options.db ?? getDb(), orgId, supplierId);
  return supplier && !supplier.archivedAt ? { id: supplier.id, name: supplier.name, nextAssessmentDue: supplier.nextAssessmentDue } : undefined;
}

/** In the supplier portal (the last invitation's session): the same report, by the session's contact, for its supplier. */
export function reportEventBySession(ctx: SupplierContext, input: EventInput, ip: string, options: Options = {}): EventOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, ctx.assessment.orgId, ctx.assessment.supplierId);
  const organisation = findOrganisation(db, ctx.assessment.orgId);
  if (!supplier || supplier.archivedAt || !organisation) return { kind: "not-found" };
  return record(
    db,
    supplier,
    organisation.settings,
    input,
    { actor: { type: "supplier", id: ctx.session.contactId, label: ctx.contactName }, recordedBy: null, source: "supplier", reporterName: ctx.contactName },
    ip,
    now,
  );
}
