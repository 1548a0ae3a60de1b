/**
 * Factories that insert real rows. The demo seed (scripts/seed.ts) and the tests use the same
 * functions, so what a test sets up is what the portal really holds.
 */
import { hashPassword } from "../../app/auth/password.server";
import { DEFAULT_ORG_SETTINGS } from "../../app/organisations/org-settings";
import { getLatestQuestionnaireEntry } from "../../app/questionnaire/catalogue.server";
import { snapshotQuestionnaireVersion } from "../../app/questionnaire/versions.server";
import { newId } from "../../app/security/tokens.server";
import { computeTier, tierPolicy, type RiskProfile } from "../../app/suppliers/tiering";
import { createInvitation, invitationExpiry } from "../../app/invitations/invitations.server";
import type { Db } from "../client";
import {
  assessments,
  organisations,
  riskProfiles,
  supplierContacts,
  suppliers,
  users,
  type AssessmentStatus,
  type OrgSettings,
  type StaffRole,
  type Tier,
} from "../schema";

let sequence = 0;
const next = () => ++sequence;

export type OrganisationRecord = typeof organisations.$inferSelect;
export type UserRecord = typeof users.$inferSelect;
export type SupplierRecord = typeof suppliers.$inferSelect;
export type ContactRecord = typeof supplierContacts.$inferSelect;
export type AssessmentRecord = typeof assessments.$inferSelect;

export function makeOrganisation(
  db: Db,
  overrides: Partial<Omit<OrganisationRecord, "settings">> & { settings?: Partial<OrgSettings> } = {},
): OrganisationRecord {
  const n = next();
  const row = {
    id: overrides.id ?? newId(),
    name: overrides.name ?? `Testorganisation ${n}`,
    slug: overrides.slug ?? `test-org-${n}-${newId().slice(0, 6)}`,
    settings: { ...DEFAULT_ORG_SETTINGS, ...overrides.settings },
    createdAt: overrides.createdAt ?? new Date(),
  };
  db.insert(organisations).values(row).run();
  return row;
}

/** A fast, valid argon2id hash for tests that do not care which password it is. */
export const TEST_PASSWORD = "korrekt hest batteri hæfteklamme";
let testPasswordHash: Promise<string> | undefined;

export async function makeUser(
  db: Db,
  orgId: string,
  overrides: Partial<UserRecord> & { password?: string } = {},
): Promise<UserRecord & { password: string }> {
  const n = next();
  const password = overrides.password ?? TEST_PASSWORD;
  const passwordHash =
    overrides.passwordHash ??
    (password === TEST_PASSWORD ? await (testPasswordHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password));
  const row: UserRecord = {
    id: overrides.id ?? newId(),
    orgId,
    email: overrides.email ?? `user${n}-${newId().slice(0, 6)}@example.test`,
    name: overrides.name ?? `Medarbejder ${n}`,
    passwordHash,
    role: (overrides.role ?? "reviewer") as StaffRole,
    locale: overrides.locale ?? "da",
    totpSecret: overrides.totpSecret ?? null,
    totpLastStep: overrides.totpLastStep ?? null,
    disabledAt: overrides.disabledAt ?? null,
    createdAt: overrides.createdAt ?? new Date(),
  };
  db.insert(users).values(row).run();
  return { ...row, password };
}

export const DEFAULT_RISK_PROFILE: RiskProfile = {
  dataSensitivity: "confidential",
  dataVolume: "limited",
  businessCritical: false,
  criticalInfrastructure: false,
  deliveryType: "standard",
  dataLocation: "eu",
  accessLevel: "read",
  operationalResponsibility: false,
  annualContractValueDkk: 250_000,
  incidentCount: 0,
  cooperation: "good",
};

export interface SupplierWithContacts {
  supplier: SupplierRecord;
  contacts: ContactRecord[];
  profile: RiskProfile;
}

export function makeSupplier(
  db: Db,
  orgId: string,
  overrides: Partial<SupplierRecord> & {
    profile?: Partial<RiskProfile>;
    contacts?: Partial<Omit<ContactRecord, "id" | "orgId" | "supplierId">>[];
  } = {},
): SupplierWithContacts {
  const n = next();
  const profile: RiskProfile = { ...DEFAULT_RISK_PROFILE, ...overrides.profile };
  const computed = computeTier(profile).tier;
  const tier: Tier = overrides.tierOverride ?? overrides.tier ?? computed;
  const { profile: _p, contacts: contactOverrides, ...supplierOverrides } = overrides;
  const supplier: SupplierRecord = {
    id: newId(),
    orgId,
    name: `Leverandør ${n} ApS`,
    cvr: null,
    country: "DK",
    services: "",
    ownerUserId: null,
    notes: "",
    computedTier: computed,
    tierOverride: null,
    tierOverrideReason: null,
    riskRating: null,
    lastAssessedAt: null,
    nextAssessmentDue: null,
    archivedAt: null,
    createdAt: new Date(),
    updatedAt: null,
    ...supplierOverrides,
    tier,
  };
  const contacts: ContactRecord[] = (contactOverrides ?? [{}]).map((c, index) => ({
    id: newId(),
    orgId,
    supplierId: supplier.id,
    name: c.name ?? `Kontakt ${n}.${index + 1}`,
    email: c.email ?? `kontakt${n}-${index + 1}-${newId().slice(0, 6)}@supplier.example`,
    phone: c.phone ?? null,
    role: c.role ?? "IT-ansvarlig",
    locale: c.locale ?? "da",
    isSecurityContact: c.isSecurityContact ?? index === 0,
    createdAt: new Date(),
  }));
  db.transaction((tx) => {
    tx.insert(suppliers).values(supplier).run();
    tx.insert(riskProfiles)
      .values({ supplierId: supplier.id, orgId, ...profile, updatedAt: new Date() })
      .run();
    if (contacts.length > 0) tx.insert(supplierContacts).values(contacts).run();
  });
  return { supplier, contacts, profile };
}

/** Today plus `days`, as an ISO date. */
export function isoDateIn(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export interface AssessmentWithInvitation {
  assessment: AssessmentRecord;
  /** The raw invitation token per contact (tests open `/invite/<token>` with it). */
  invitations: { contactId: string; token: string; invitationId: string }[];
}

/** An assessment of `supplier` on the latest version of `questionnaireId`, with invitations sent. */
export function makeAssessment(
  db: Db,
  input: { orgId: string; supplier: SupplierRecord; contacts: ContactRecord[] },
  overrides: Partial<AssessmentRecord> & { questionnaireId?: string; now?: Date } = {},
): AssessmentWithInvitation {
  const now = overrides.now ?? new Date();
  const { questionnaireId: requestedQuestionnaire, now: _now, ...assessmentOverrides } = overrides;
  const questionnaireId = requestedQuestionnaire ?? tierPolicy(input.supplier.tier ?? "medium").questionnaireId;
  const entry = getLatestQuestionnaireEntry(questionnaireId);
  if (!entry) throw new Error(`questionnaire ${questionnaireId} is not in the catalogue`);
  const version = snapshotQuestionnaireVersion(entry, db);
  const assessment: AssessmentRecord = {
    id: newId(),
    orgId: input.orgId,
    supplierId: input.supplier.id,
    questionnaireVersionId: version.id,
    status: "sent" as AssessmentStatus,
    kind: "initial",
    previousAssessmentId: null,
    tier: input.supplier.tier ?? "medium",
    dueDate: isoDateIn(30, now),
    createdBy: null,
    assignedReviewerId: null,
    sentAt: now,
    openedAt: null,
    submittedAt: null,
    decidedAt: null,
    progressPercent: 0,
    overallScore: null,
    completeness: null,
    riskRating: null,
    criticalFlagCount: 0,
    flagCount: 0,
    openFlagTypes: "",
    scoreDetail: null,
    attestationName: null,
    attestationTitle: null,
    attestedAt: null,
    decision: null,
    decisionReason: null,
    createdAt: now,
    updatedAt: null,
    ...assessmentOverrides,
  };
  db.insert(assessments).values(assessment).run();
  const sent = input.contacts.map((contact) => {
    const { token, invitationId } = createInvitation(
      { orgId: input.orgId, assessmentId: assessment.id, contactId: contact.id, expiresAt: invitationExpiry(assessment.dueDate) },
      { now, db },
    );
    return { contactId: contact.id, token, invitationId };
  });
  return { assessment, invitations: sent };
}
