/**
 * The supplier register's rules (SPEC C2): create and edit suppliers, contacts (exactly one
 * security contact), sub-suppliers, the CFCS 5.1 risk profile and the tier it yields, a tier
 * override with a written reason, and when the next assessment is due. Every change is audited.
 */
import { getDb, type Db } from "#db/client";
import { listSupplierAssessments } from "#db/repos/assessments-staff";
import { listAudit } from "#db/repos/audit";
import {
  contactHasInvitations,
  deleteContact,
  deleteSubSupplier,
  findContact,
  findRiskProfile,
  findSupplier,
  insertContact,
  insertSubSupplier,
  insertSupplierGraph,
  listContacts,
  listSubSuppliers,
  saveRiskProfile,
  updateContact,
  updateSupplier,
  type SupplierGraph,
  type SupplierRow,
} from "#db/repos/suppliers";
import { findOrgUser, listOrgUsers } from "#db/repos/users";
import type { OrgSettings } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { getQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { newId } from "~/security/tokens.server";
import { isoDate } from "~/staff/dates";
import { nextAssessment, supervisionPlan } from "./supervision-plan";
import { eventRulesOf, eventScheduleInput, type RecordedEvent } from "~/supervision/event-rules";
import { listEventsForSchedule } from "#db/repos/supplier-events";
import { computeTier, RiskProfileSchema, type RiskProfile, type Tier } from "./tiering";

interface Options {
  now?: Date;
  db?: Db;
}

function actor(context: StaffContext) {
  return { type: "staff" as const, id: context.user.id, label: context.user.name };
}

export function nextAssessmentDueFor(
  supplier: Pick<SupplierRow, "lastAssessedAt">,
  tier: Tier | null,
  settings: OrgSettings,
  now: Date,
  events: readonly RecordedEvent[] = [],
): string | null {
  if (!tier) return null;
  const fromEvents = eventScheduleInput(events, supplier.lastAssessedAt, eventRulesOf(settings));
  return isoDate(nextAssessment({ lastAssessedAt: supplier.lastAssessedAt, tier, orgOverrides: { reassessmentMonths: settings.reassessmentMonths }, ...fromEvents }, now).dueAt);
}

export interface SupplierInput {
  name: string;
  cvr?: string;
  country: string;
  services?: string;
  ownerUserId?: string;
  notes?: string;
  contacts?: { name: string; email: string; phone?: string; role?: string; locale: "da" | "en" }[];
  securityContact?: string;
  subSuppliers?: { name: string; service: string; country: string; critical: boolean }[];
}

export type SupplierOutcome = { kind: "ok"; supplierId: string } | { kind: "field"; field: string; message: string } | { kind: "not-found" };

/** Builds the rows for a new supplier (shared by the form and the import). */
export function buildSupplierGraph(
  orgId: string,
  input: SupplierInput,
  profile: RiskProfile | null,
  settings: OrgSettings,
  now: Date,
  userId: string | null,
): SupplierGraph {
  const supplierId = newId();
  const computed = profile ? computeTier(profile).tier : null;
  const securityIndex = input.securityContact === undefined ? 0 : Number(input.securityContact);
  return {
    supplier: {
      id: supplierId,
      orgId,
      name: input.name,
      cvr: input.cvr ?? null,
      country: input.country,
      services: input.services ?? "",
      ownerUserId: input.ownerUserId ?? null,
      notes: input.notes ?? "",
      computedTier: computed,
      tier: computed,
      nextAssessmentDue: nextAssessmentDueFor({ lastAssessedAt: null }, computed, settings, now),
      createdAt: now,
      updatedAt: now,
    },
    contacts: (input.contacts ?? []).map((contact, index) => ({
      id: newId(),
      orgId,
      supplierId,
      name: contact.name,
      email: contact.email,
      phone: contact.phone ?? null,
      role: contact.role ?? null,
      locale: contact.locale,
      isSecurityContact: index === securityIndex,
      createdAt: now,
    })),
    subSuppliers: (input.subSuppliers ?? []).map((sub) => ({ id: newId(), orgId, supplierId, ...sub, createdAt: now })),
    profile: profile ? { supplierId, orgId, ...profile, updatedAt: now, updatedBy: userId } : null,
  };
}

function ownerProblem(db: Db, orgId: string, ownerUserId: string | undefined): boolean {
  if (!ownerUserId) return false;
  const owner = findOrgUser(db, orgId, ownerUserId);
  return !owner || Boolean(owner.disabledAt);
}

export function createSupplier(
  context: StaffContext,
  input: SupplierInput,
  profile: RiskProfile | null,
  ip: string,
  options: Options = {},
): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (ownerProblem(db, context.organisation.id, input.ownerUserId)) return { kind: "field", field: "ownerUserId", message: "validation.invalidChoice" };
  if (profile) RiskProfileSchema.parse(profile);
  const graph = buildSupplierGraph(context.organisation.id, input, profile, context.organisation.settings, now, context.user.id);
  insertSupplierGraph(db, graph);
  const supplierId = graph.supplier.id!;
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: "supplier.created",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { name: input.name, tier: graph.supplier.tier ?? null, contacts: graph.contacts.length, subSuppliers: graph.subSuppliers.length },
      at: now,
    },
    db,
  );
  return { kind: "ok", supplierId };
}

export function updateSupplierDetails(
  context: StaffContext,
  supplierId: string,
  input: Omit<SupplierInput, "contacts" | "securityContact" | "subSuppliers">,
  ip: string,
  options: Options = {},
): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, context.organisation.id, supplierId);
  if (!supplier) return { kind: "not-found" };
  if (input.ownerUserId !== supplier.ownerUserId && ownerProblem(db, context.organisation.id, input.ownerUserId)) {
    return { kind: "field", field: "ownerUserId", message: "validation.invalidChoice" };
  }
  const values = {
    name: input.name,
    cvr: input.cvr ?? null,
    country: input.country,
    services: input.services ?? "",
    ownerUserId: input.ownerUserId ?? null,
    notes: input.notes ?? "",
  };
  updateSupplier(db, context.organisation.id, supplierId, { ...values, updatedAt: now });
  const changed = Object.entries(values)
    .filter(([key, value]) => (supplier as Record<string, unknown>)[key] !== value)
    .map(([key]) => key);
  recordAudit(
    { orgId: context.organisation.id, actor: actor(context), action: "supplier.updated", target: { type: "supplier", id: supplierId }, ip, details: { changed }, at: now },
    db,
  );
  return { kind: "ok", supplierId };
}

export function updateRiskProfile(context: StaffContext, supplierId: string, profile: RiskProfile, ip: string, options: Options = {}): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, context.organisation.id, supplierId);
  if (!supplier) return { kind: "not-found" };
  const checked = RiskProfileSchema.parse(profile);
  const computed = computeTier(checked).tier;
  const tier = supplier.tierOverride ?? computed;
  saveRiskProfile(db, context.organisation.id, supplierId, { ...checked, updatedAt: now, updatedBy: context.user.id }, {
    computedTier: computed,
    tier,
    nextAssessmentDue: nextAssessmentDueFor(supplier, tier, context.organisation.settings, now, listEventsForSchedule(db, context.organisation.id, supplierId)),
    updatedAt: now,
  });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: "supplier.risk-profile.updated",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { computedTier: { from: supplier.computedTier, to: computed }, tier: { from: supplier.tier, to: tier } },
      at: now,
    },
    db,
  );
  return { kind: "ok", supplierId };
}

export function overrideTier(
  context: StaffContext,
  supplierId: string,
  input: { tier: Tier | null; reason: string },
  ip: string,
  options: Options = {},
): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, context.organisation.id, supplierId);
  if (!supplier) return { kind: "not-found" };
  if (input.tier === null && !supplier.tierOverride) return { kind: "field", field: "reason", message: "staff.tier.noOverride" };
  if (input.tier !== null && !supplier.computedTier) return { kind: "field", field: "tier", message: "staff.tier.profileFirst" };
  const tier = input.tier ?? supplier.computedTier;
  updateSupplier(db, context.organisation.id, supplierId, {
    tierOverride: input.tier,
    tierOverrideReason: input.tier ? input.reason : null,
    tier,
    nextAssessmentDue: nextAssessmentDueFor(supplier, tier, context.organisation.settings, now, listEventsForSchedule(db, context.organisation.id, supplierId)),
    updatedAt: now,
  });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: actor(context),
      action: input.tier ? "supplier.tier-overridden" : "supplier.tier-override-removed",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { from: supplier.tier, to: tier, computedTier: supplier.computedTier, reason: input.reason },
      at: now,
    },
    db,
  );
  return { kind: "ok", supplierId };
}

export function saveContact(
  context: StaffContext,
  supplierId: string,
  input: { id?: string; name: string; email: string; phone?: string; role?: string; locale: "da" | "en"; isSecurityContact?: "yes" | "no" },
  ip: string,
  options: Options = {},
): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const contacts = listContacts(db, orgId, supplierId);
  if (contacts.some((c) => c.email === input.email && c.id !== input.id)) return { kind: "field", field: "email", message: "staff.validation.duplicateEmail" };
  const values = { name: input.name, email: input.email, phone: input.phone ?? null, role: input.role ?? null, locale: input.locale };
  const hasSecurityContact = contacts.some((c) => c.isSecurityContact && c.id !== input.id);
  const makeSecurity = input.isSecurityContact === "yes" || !hasSecurityContact;
  let contactId = input.id;
  if (input.id) {
    const existing = findContact(db, orgId, supplierId, input.id);
    if (!existing) return { kind: "not-found" };
    if (existing.isSecurityContact && input.isSecurityContact === "no" && !hasSecurityContact) {
      return { kind: "field", field: "isSecurityContact", message: "staff.contacts.needSecurityContact" };
    }
    updateContact(db, orgId, supplierId, input.id, values, makeSecurity);
  } else {
    contactId = newId();
    insertContact(db, { id: contactId, orgId, supplierId, ...values, isSecurityContact: makeSecurity, createdAt: now }, makeSecurity);
  }
  recordAudit(
    {
      orgId,
      actor: actor(context),
      action: input.id ? "supplier.contact.updated" : "supplier.contact.added",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { contactId, email: input.email, securityContact: makeSecurity },
      at: now,
    },
    db,
  );
  return { kind: "ok", supplierId };
}

export function removeContact(context: StaffContext, supplierId: string, contactId: string, ip: string, options: Options = {}): SupplierOutcome {
  const db = options.db ?? getDb();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const contact = findContact(db, orgId, supplierId, contactId);
  if (!contact) return { kind: "not-found" };
  if (contact.isSecurityContact) return { kind: "field", field: "contact", message: "staff.contacts.cannotRemoveSecurity" };
  if (contactHasInvitations(db, orgId, contactId)) return { kind: "field", field: "contact", message: "staff.contacts.inUse" };
  deleteContact(db, orgId, supplierId, contactId);
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.contact.removed", target: { type: "supplier", id: supplierId }, ip, details: { contactId, email: contact.email }, at: options.now },
    db,
  );
  return { kind: "ok", supplierId };
}

export function addSubSupplier(
  context: StaffContext,
  supplierId: string,
  input: { name: string; service: string; country: string; critical: boolean },
  ip: string,
  options: Options = {},
): SupplierOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  const id = newId();
  insertSubSupplier(db, { id, orgId, supplierId, ...input, createdAt: now });
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.sub-supplier.added", target: { type: "supplier", id: supplierId }, ip, details: { subSupplierId: id, name: input.name }, at: now },
    db,
  );
  return { kind: "ok", supplierId };
}

export function removeSubSupplier(context: StaffContext, supplierId: string, subSupplierId: string, ip: string, options: Options = {}): SupplierOutcome {
  const db = options.db ?? getDb();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  if (!deleteSubSupplier(db, orgId, supplierId, subSupplierId)) return { kind: "not-found" };
  recordAudit(
    { orgId, actor: actor(context), action: "supplier.sub-supplier.removed", target: { type: "supplier", id: supplierId }, ip, details: { subSupplierId }, at: options.now },
    db,
  );
  return { kind: "ok", supplierId };
}

/** Everything the supplier page shows, or undefined when the supplier is not in this organisation. */
export function supplierPage(orgId: string, supplierId: string, settings: OrgSettings, db: Db = getDb()) {
  const supplier = findSupplier(db, orgId, supplierId);
  if (!supplier) return undefined;
  const profileRow = findRiskProfile(db, orgId, supplierId);
  const profile: RiskProfile | null = profileRow
    ? {
        dataSensitivity: profileRow.dataSensitivity,
        dataVolume: profileRow.dataVolume,
        businessCritical: profileRow.businessCritical,
        criticalInfrastructure: profileRow.criticalInfrastructure,
        deliveryType: profileRow.deliveryType,
        dataLocation: profileRow.dataLocation,
        systemsLocation: profileRow.systemsLocation,
        accessLevel: profileRow.accessLevel,
        operationalResponsibility: profileRow.operationalResponsibility,
        annualContractValueDkk: profileRow.annualContractValueDkk,
        incidentCount: profileRow.incidentCount,
        cooperation: profileRow.cooperation,
      }
    : null;
  const tierResult = profile ? computeTier(profile) : null;
  const owner = supplier.ownerUserId ? findOrgUser(db, orgId, supplier.ownerUserId) : undefined;
  const history = listAudit(db, orgId, { targetType: "supplier", targetId: supplierId }, 50).map((entry) => ({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actor: entry.actorLabel,
    details: entry.details,
  }));
  const assessmentList = listSupplierAssessments(db, orgId, supplierId).map((a) => ({
    ...a,
    questionnaireTitle: getQuestionnaireEntry(a.questionnaireId, a.questionnaireVersion)?.questionnaire.title ?? { da: a.questionnaireId, en: a.questionnaireId },
  }));
  const latest = assessmentList[0];
  const latestTimeline = latest
    ? listAudit(db, orgId, { targetType: "assessment", targetId: latest.id }, 50)
        .map((entry) => ({ id: entry.id, at: entry.at, action: entry.action, actor: entry.actorLabel }))
        .reverse()
    : [];
  return {
    supplier,
    owner: owner ? { id: owner.id, name: owner.name } : null,
    contacts: listContacts(db, orgId, supplierId),
    subSuppliers: listSubSuppliers(db, orgId, supplierId),
    profile,
    tierResult,
    plan: supplier.tier ? supervisionPlan(supplier.tier, { reassessmentMonths: settings.reassessmentMonths }) : null,
    assessments: assessmentList,
    latestTimeline,
    history,
  };
}

/** A contact of a supplier, both in this organisation, or undefined. */
export function supplierContact(orgId: string, supplierId: string, contactId: string, db: Db = getDb()) {
  const supplier = findSupplier(db, orgId, supplierId);
  const contact = supplier ? findContact(db, orgId, supplierId, contactId) : undefined;
  if (!supplier || !contact) return undefined;
  return { supplier: { id: supplier.id, name: supplier.name }, contact };
}

export function ownerOptions(orgId: string, db: Db = getDb()) {
  return listOrgUsers(db, orgId)
    .filter((u) => !u.disabledAt)
    .map((u) => ({ value: u.id, label: u.name }));
}
