/**
 * The whole data model. Every table holding an organisation's data carries `orgId`, and every
 * query over it filters on that column in its WHERE clause (see db/repos/*).
 *
 * Conventions: ids are random text (`newId()`), timestamps are integer milliseconds
 * (`mode: "timestamp_ms"` → Date), calendar dates (due dates, certificate expiry) are ISO text
 * `YYYY-MM-DD`, JSON columns are text parsed by drizzle (`mode: "json"`).
 */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const STAFF_ROLES = ["admin", "reviewer", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const TIERS = ["critical", "high", "medium", "low"] as const;
export type Tier = (typeof TIERS)[number];

export const RISK_RATINGS = ["critical", "high", "medium", "low"] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

export const ASSESSMENT_STATUSES = [
  "sent",
  "opened",
  "in_progress",
  "submitted",
  "in_review",
  "clarification_requested",
  "approved",
  "approved_with_conditions",
  "rejected",
  "expired",
  "revoked",
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const LOCALE_VALUES = ["da", "en"] as const;

/** Incidents and changes at a supplier (CFCS 5.5). */
export const SUPPLIER_EVENT_KINDS = ["incident", "sub_supplier", "service_change", "data_location"] as const;
export type SupplierEventKind = (typeof SUPPLIER_EVENT_KINDS)[number];

/** Assurance reports and other dated evidence (SPEC C11). */
export const DATED_EVIDENCE_KINDS = ["isae3402", "isae3000", "isae3000_gdpr", "d_maerket", "iso27001", "insurance", "pentest"] as const;
export type DatedEvidenceKind = (typeof DATED_EVIDENCE_KINDS)[number];

/** Per event kind: move the next assessment to event date + days, or ask for a reassessment at once. */
export type EventRule = { action: "move"; days: number } | { action: "reassess" };

/** Settings an organisation admin controls; defaults in app/organisations/org-settings.ts. */
export interface OrgSettings {
  defaultLocale: "da" | "en";
  /** Reminder cadence: days after sending, days before the due date, on the due date. */
  reminders: { daysAfterSend: number[]; daysBeforeDue: number[]; onDueDate: boolean; escalateAfterDays: number };
  /** Reassessment interval per tier in months; may only shorten the tier's default. */
  reassessmentMonths: Partial<Record<Tier, number>>;
  /** Questionnaire id per tier, overriding the default choice. */
  questionnaireByTier: Partial<Record<Tier, string>>;
  requireTwoFactorForAll: boolean;
  /** What a recorded incident or change does (CFCS 5.5); missing kinds take app/supervision/event-rules.ts defaults. */
  eventRules?: Partial<Record<SupplierEventKind, EventRule>>;
}

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  settings: text("settings", { mode: "json" }).$type<OrgSettings>().notNull(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    locale: text("locale", { enum: LOCALE_VALUES }),
    /** TOTP secret (20 random bytes, base32). Set when enrolment is confirmed. */
    totpSecret: text("totp_secret"),
    /** Last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: integer("totp_last_step"),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_org_idx").on(t.orgId)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Staff sessions in the Lucia model: `id` is the SHA-256 (hex) of the cookie's secret token. */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    absoluteExpiresAt: integer("absolute_expires_at", { mode: "timestamp_ms" }).notNull(),
    /** When the password (or TOTP) was last checked; sensitive actions need this to be recent. */
    reauthenticatedAt: integer("reauthenticated_at", { mode: "timestamp_ms" }).notNull(),
    /** False until the second factor is passed, for users who have TOTP. */
    twoFactorVerified: integer("two_factor_verified", { mode: "boolean" }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

export const staffInvitations = sqliteTable(
  "staff_invitations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("staff_invitations_org_idx").on(t.orgId)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** Fixed-window throttling counters, kept in the database so limits survive restarts. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  count: integer("count").notNull(),
});

export const suppliers = sqliteTable(
  "suppliers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    cvr: text("cvr"),
    country: text("country").notNull(),
    services: text("services").notNull().default(""),
    ownerUserId: text("owner_user_id").references(() => users.id),
    notes: text("notes").notNull().default(""),
    /** Tier computed from the risk profile. */
    computedTier: text("computed_tier", { enum: TIERS }),
    /** A staff member's override of the computed tier, with the reason. */
    tierOverride: text("tier_override", { enum: TIERS }),
    tierOverrideReason: text("tier_override_reason"),
    /** The tier in force (override if set, else computed); kept for filtering and ordering. */
    tier: text("tier", { enum: TIERS }),
    riskRating: text("risk_rating", { enum: RISK_RATINGS }),
    lastAssessedAt: integer("last_assessed_at", { mode: "timestamp_ms" }),
    nextAssessmentDue: text("next_assessment_due"),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("suppliers_org_name_idx").on(t.orgId, t.name),
    // With archived_at: the overview's count by tier is answered from the index alone.
    index("suppliers_org_tier_idx").on(t.orgId, t.tier, t.archivedAt),
    index("suppliers_org_next_idx").on(t.orgId, t.nextAssessmentDue),
  ],
);

export const supplierContacts = sqliteTable(
  "supplier_contacts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    role: text("role"),
    locale: text("locale", { enum: LOCALE_VALUES }).notNull(),
    isSecurityContact: integer("is_security_contact", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("supplier_contacts_supplier_idx").on(t.orgId, t.supplierId)],
);

/** The CFCS guide's section 5.1 parameters; see app/suppliers/tiering.ts for how they yield a tier. */
export const riskProfiles = sqliteTable("risk_profiles", {
  supplierId: text("supplier_id")
    .primaryKey()
    .references(() => suppliers.id, { onDelete: "cascade" }),
  orgId: text("org_id")
    .notNull()
    .references(() => organisations.id),
  dataSensitivity: text("data_sensitivity", {
    enum: ["none", "internal", "confidential", "sensitive-personal"],
  }).notNull(),
  dataVolume: text("data_volume", { enum: ["none", "limited", "extensive"] }).notNull(),
  businessCritical: integer("business_critical", { mode: "boolean" }).notNull(),
  criticalInfrastructure: integer("critical_infrastructure", { mode: "boolean" }).notNull(),
  deliveryType: text("delivery_type", { enum: ["standard", "specialised"] }).notNull(),
  dataLocation: text("data_location", { enum: ["denmark", "eu", "outside-eu"] }).notNull(),
  /** 5.1 parameter 5's other axis: data and systems with the customer, shared, or with the supplier (null: not stated). */
  systemsLocation: text("systems_location", { enum: ["customer", "shared", "supplier"] }),
  accessLevel: text("access_level", { enum: ["none", "read", "write", "admin"] }).notNull(),
  operationalResponsibility: integer("operational_responsibility", { mode: "boolean" }).notNull(),
  annualContractValueDkk: integer("annual_contract_value_dkk"),
  incidentCount: integer("incident_count").notNull().default(0),
  cooperation: text("cooperation", { enum: ["good", "limited", "poor"] }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: text("updated_by").references(() => users.id),
});

/** Sub-suppliers (CFCS bilag 2). */
export const subSuppliers = sqliteTable(
  "sub_suppliers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    service: text("service").notNull(),
    country: text("country").notNull(),
    critical: integer("critical", { mode: "boolean" }).notNull().default(false),
    /** Where the row came from: the assessment whose outsourcing answer listed it (null: entered by staff). */
    sourceAssessmentId: text("source_assessment_id"),
    /** The answer's line as the supplier wrote it. */
    sourceText: text("source_text"),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    confirmedBy: text("confirmed_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("sub_suppliers_supplier_idx").on(t.orgId, t.supplierId)],
);

/** Significant incidents or changes at a supplier (CFCS 5.5); they bring the next assessment forward. */
export const supplierEvents = sqliteTable(
  "supplier_events",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SUPPLIER_EVENT_KINDS }).notNull(),
    description: text("description").notNull(),
    occurredOn: text("occurred_on").notNull(),
    recordedBy: text("recorded_by").references(() => users.id),
    /** Reported by the supplier through its report link (app/supervision/), else by staff. */
    source: text("source", { enum: ["staff", "supplier"] }).notNull().default("staff"),
    reporterName: text("reporter_name"),
    /** What the organisation's rule did when it was recorded: the date moved to, or a reassessment asked for. */
    movedTo: text("moved_to"),
    reassessmentRequested: integer("reassessment_requested", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("supplier_events_supplier_idx").on(t.orgId, t.supplierId)],
);

/** A supplier's standing, revocable link for reporting incidents and changes; only the token's SHA-256 is stored. */
export const supplierReportLinks = sqliteTable(
  "supplier_report_links",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").references(() => users.id),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("supplier_report_links_supplier_idx").on(t.orgId, t.supplierId)],
);

/**
 * Assurance reports and other dated evidence (SPEC C11): auditor's statements, certificates,
 * insurance policies, penetration tests. `supersededAt` is set when a newer one replaces it.
 */
export const datedEvidence = sqliteTable(
  "dated_evidence",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: DATED_EVIDENCE_KINDS }).notNull(),
    reportType: text("report_type", { enum: ["type1", "type2"] }),
    auditor: text("auditor").notNull().default(""),
    periodStart: text("period_start"),
    periodEnd: text("period_end").notNull(),
    scope: text("scope").notNull().default(""),
    qualified: integer("qualified", { mode: "boolean" }).notNull().default(false),
    bridgeLetter: integer("bridge_letter", { mode: "boolean" }).notNull().default(false),
    expiresOn: text("expires_on").notNull(),
    /** Staff's judgement whether the scope covers the service delivered; null until marked. */
    scopeCovers: integer("scope_covers", { mode: "boolean" }),
    evidenceFileId: text("evidence_file_id").references(() => evidenceFiles.id),
    source: text("source", { enum: ["staff", "supplier", "questionnaire"] }).notNull().default("staff"),
    /** For `source = 'questionnaire'`: the submitted assessment and the dated question it was read from. */
    sourceAssessmentId: text("source_assessment_id"),
    sourceQuestionId: text("source_question_id"),
    createdBy: text("created_by"),
    supersededAt: integer("superseded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("dated_evidence_supplier_idx").on(t.orgId, t.supplierId),
    index("dated_evidence_expiry_idx").on(t.supersededAt, t.expiresOn),
    uniqueIndex("dated_evidence_source_unique").on(t.sourceAssessmentId, t.sourceQuestionId),
  ],
);

/** A scoped request for one new document for one dated-evidence slot; only the token's SHA-256 is stored. */
export const evidenceRequests = sqliteTable(
  "evidence_requests",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    datedEvidenceId: text("dated_evidence_id")
      .notNull()
      .references(() => datedEvidence.id, { onDelete: "cascade" }),
    contactId: text("contact_id")
      .notNull()
      .references(() => supplierContacts.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_requests_slot_idx").on(t.orgId, t.datedEvidenceId)],
);

/** Yearly review of the contract's security terms (CFCS 5.5). */
export const contractReviews = sqliteTable(
  "contract_reviews",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    dueOn: text("due_on").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    completedBy: text("completed_by").references(() => users.id),
    outcome: text("outcome", { enum: ["unchanged", "amended", "renegotiation_needed"] }),
    notes: text("notes"),
    /** The review's checklist answers (app/relationship/contract-review.ts). */
    checklist: text("checklist", { mode: "json" }).$type<Record<string, "yes" | "no">>(),
    /** Per contract clause, what the signed agreement contains: yes, no, partly. */
    clauses: text("clauses", { mode: "json" }).$type<Record<string, "yes" | "no" | "partly">>(),
    /** Clauses the supplier accepted in its answers but the agreement lacks. */
    findings: text("findings", { mode: "json" }).$type<{ clause: string; agreement: "no" | "partly" }[]>(),
    nextDueOn: text("next_due_on"),
    /** The signed agreement, as uploaded (supplier_documents). */
    documentId: text("document_id"),
    createdAt: createdAt(),
  },
  (t) => [index("contract_reviews_supplier_idx").on(t.orgId, t.supplierId, t.dueOn)],
);

/** An activity and its RACI letters per party (R, A, A/R, C, I or empty), in display order. */
const raciCells = () => ({
  activity: text("activity").notNull(),
  itLead: text("it_lead").notNull().default(""),
  supplier: text("supplier").notNull().default(""),
  customer: text("customer").notNull().default(""),
  partner: text("partner").notNull().default(""),
  position: integer("position").notNull().default(0),
});

/** The organisation's default responsibility matrix (C10, seeds/004); each supplier starts from it. */
export const raciDefaults = sqliteTable(
  "raci_defaults",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    ...raciCells(),
  },
  (t) => [index("raci_defaults_org_idx").on(t.orgId, t.position)],
);

/**
 * Files about a supplier relationship that belong to no assessment: the signed agreement a
 * contract review checked, the supplier's written confirmation of deletion at offboarding. The
 * bytes live with the evidence (`DATA_DIR/evidence/<storageName>`), received and checked by
 * app/evidence/. Never deleted.
 */
export const supplierDocuments = sqliteTable(
  "supplier_documents",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    kind: text("kind", { enum: ["agreement", "deletion-confirmation"] }).notNull(),
    storageName: text("storage_name").notNull().unique(),
    originalName: text("original_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedByUserId: text("uploaded_by_user_id").references(() => users.id),
    uploadedByContactId: text("uploaded_by_contact_id").references(() => supplierContacts.id),
    createdAt: createdAt(),
  },
  (t) => [index("supplier_documents_supplier_idx").on(t.orgId, t.supplierId, t.kind)],
);

/** Ending a supplier relationship (CFCS 6.1): the termination checklist and the supplier's deletion confirmation. */
export const offboardings = sqliteTable(
  "offboardings",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    status: text("status", { enum: ["open", "completed"] }).notNull(),
    checklist: text("checklist", { mode: "json" }).$type<Record<string, boolean>>().notNull(),
    notes: text("notes").notNull().default(""),
    /** The link the supplier's contact uploads the deletion confirmation with; only the token's SHA-256. */
    requestTokenHash: text("request_token_hash").unique(),
    requestContactId: text("request_contact_id").references(() => supplierContacts.id),
    requestExpiresAt: integer("request_expires_at", { mode: "timestamp_ms" }),
    confirmationDocumentId: text("confirmation_document_id"),
    startedBy: text("started_by").references(() => users.id),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    completedBy: text("completed_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("offboardings_supplier_idx").on(t.orgId, t.supplierId, t.status)],
);

/** Responsibility matrix per supplier relationship (C10, seeds/004). Cell values: R, A, C, I combinations. */
export const raciEntries = sqliteTable(
  "raci_entries",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    ...raciCells(),
  },
  (t) => [index("raci_entries_supplier_idx").on(t.orgId, t.supplierId)],
);

/**
 * A questionnaire version as it was first sent: the exact file text and its SHA-256. Shared by
 * all organisations (the catalogue is global); never updated once written.
 */
export const questionnaireVersions = sqliteTable("questionnaire_versions", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  questionnaireId: text("questionnaire_id").notNull(),
  version: integer("version").notNull(),
  contentHash: text("content_hash").notNull(),
  content: text("content").notNull(),
  createdAt: createdAt(),
});

export const assessments = sqliteTable(
  "assessments",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    questionnaireVersionId: text("questionnaire_version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull(),
    kind: text("kind", { enum: ["initial", "reassessment"] }).notNull().default("initial"),
    previousAssessmentId: text("previous_assessment_id"),
    /** Tier of the supplier when the assessment was sent. */
    tier: text("tier", { enum: TIERS }).notNull(),
    dueDate: text("due_date").notNull(),
    createdBy: text("created_by").references(() => users.id),
    assignedReviewerId: text("assigned_reviewer_id").references(() => users.id),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** Share of visible required questions answered, 0–100, kept up to date as answers arrive. */
    progressPercent: integer("progress_percent").notNull().default(0),
    overallScore: real("overall_score"),
    completeness: real("completeness"),
    riskRating: text("risk_rating", { enum: RISK_RATINGS }),
    /** Open flags by severity, denormalised for ordering the review queue. */
    criticalFlagCount: integer("critical_flag_count").notNull().default(0),
    flagCount: integer("flag_count").notNull().default(0),
    /**
     * Types of the open flags, sorted and comma-separated ('' for none): the queue filters and
     * counts by flag type from its index instead of probing the flags per assessment. Kept by
     * triggers on `flags` (migration 0005), so every write of a flag, whoever makes it, updates it
     * in the same statement.
     */
    openFlagTypes: text("open_flag_types").notNull().default(""),
    /** The scoring engine's full result (theme scores, explanation lines), stored at submit. */
    scoreDetail: text("score_detail", { mode: "json" }),
    attestationName: text("attestation_name"),
    attestationTitle: text("attestation_title"),
    attestedAt: integer("attested_at", { mode: "timestamp_ms" }),
    decision: text("decision", { enum: ["approved", "approved_with_conditions", "rejected"] }),
    decisionReason: text("decision_reason"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // With the due date: the overview's overdue list reads only overdue rows of each open status.
    index("assessments_org_status_idx").on(t.orgId, t.status, t.dueDate),
    index("assessments_supplier_idx").on(t.orgId, t.supplierId, t.createdAt),
    /**
     * The review queue's page in queue order (see QUEUE_ORDER in db/repos/review-queue.ts): only
     * assessments waiting for review (partial), so a page is read in index order and the walk
     * stops after it, without sorting the queue. The trailing columns make every filter a check
     * on the index entry, never on the wide assessment row (score_detail spans pages).
     */
    index("assessments_queue_order_idx")
      .on(
        t.orgId,
        sql`-${t.criticalFlagCount}`,
        sql`case ${t.tier} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
        t.overallScore,
        t.submittedAt,
        t.id,
        t.status,
        t.tier,
        t.assignedReviewerId,
        t.questionnaireVersionId,
        t.openFlagTypes,
      )
      .where(sql`${t.status} in ('submitted', 'in_review', 'clarification_requested')`),
    index("assessments_reviewer_idx").on(t.orgId, t.assignedReviewerId, t.status),
    /**
     * The queue's counts per filter value, flag types included: grouped in index order, without a
     * sort, never touching the flags. Partial like the page's index.
     */
    index("assessments_queue_facets_idx")
      .on(t.orgId, t.status, t.tier, t.assignedReviewerId, t.questionnaireVersionId, t.openFlagTypes)
      .where(sql`${t.status} in ('submitted', 'in_review', 'clarification_requested')`),
  ],
);

/**
 * A per-organisation counter that moves on every write that can change its review queue: an
 * assessment entering, leaving or changing a column the queue filters, counts or sorts on (open
 * flags included, through `open_flag_types`). Kept by triggers on `assessments` (migration 0007),
 * so every writer (the app, the job runner in another process, factories, raw SQL) moves it in
 * the same transaction; db/repos/review-queue.ts reuses the queue's counts while it is unchanged.
 * A missing row reads as 0. Rows are never deleted (a counter that restarted could meet an old
 * cached value), hence no foreign key.
 */
export const reviewQueueVersions = sqliteTable("review_queue_versions", {
  orgId: text("org_id").primaryKey(),
  version: integer("version").notNull(),
});

/** An invitation link for one contact to one assessment. Only the token's SHA-256 is stored. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => supplierContacts.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_assessment_idx").on(t.orgId, t.assessmentId)],
);

/** Supplier sessions: scoped to one assessment; `id` is the SHA-256 of the cookie's token. */
export const supplierSessions = sqliteTable(
  "supplier_sessions",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => supplierContacts.id),
    invitationId: text("invitation_id")
      .notNull()
      .references(() => invitations.id),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    absoluteExpiresAt: integer("absolute_expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("supplier_sessions_invitation_idx").on(t.invitationId)],
);

/** One row per question per assessment. `revision` increases on every write (stale-write check). */
export const answers = sqliteTable(
  "answers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    value: text("value", { mode: "json" }).$type<string | string[] | number | null>(),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    notApplicableReason: text("not_applicable_reason"),
    comment: text("comment"),
    revision: integer("revision").notNull().default(1),
    /** Copied from the previous assessment and not yet confirmed or changed by the supplier. */
    carriedForward: integer("carried_forward", { mode: "boolean" }).notNull().default(false),
    updatedByContactId: text("updated_by_contact_id").references(() => supplierContacts.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("answers_assessment_question_unique").on(t.assessmentId, t.questionId)],
);

/** Evidence file metadata; the bytes live in `DATA_DIR/evidence/<storageName>`. */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    storageName: text("storage_name").notNull().unique(),
    originalName: text("original_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedByContactId: text("uploaded_by_contact_id").references(() => supplierContacts.id),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_files_assessment_idx").on(t.orgId, t.assessmentId, t.questionId)],
);

/** A red flag raised by the scoring engine on a submitted assessment. */
export const flags = sqliteTable(
  "flags",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    flagType: text("flag_type").notNull(),
    severity: text("severity", { enum: ["critical", "high", "medium"] }).notNull(),
    warning: integer("warning", { mode: "boolean" }).notNull().default(false),
    /** The answers that raised it: [{ questionId, value }]. */
    triggers: text("triggers", { mode: "json" }).$type<{ questionId: string; value: unknown }[]>().notNull(),
    status: text("status", { enum: ["open", "accepted", "resolved"] }).notNull().default("open"),
    acceptedReason: text("accepted_reason"),
    acceptedUntil: text("accepted_until"),
    acceptedBy: text("accepted_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("flags_assessment_idx").on(t.orgId, t.assessmentId, t.status, t.flagType, t.severity),
    index("flags_org_type_idx").on(t.orgId, t.flagType, t.status),
  ],
);

/** The reviewer's verdict per question: accepted, clarification asked, or a finding. */
export const questionReviews = sqliteTable(
  "question_reviews",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    status: text("status", { enum: ["accepted", "clarification", "finding"] }).notNull(),
    findingSeverity: text("finding_severity", { enum: ["critical", "high", "medium", "low"] }),
    findingText: text("finding_text"),
    reviewerId: text("reviewer_id").references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("question_reviews_unique").on(t.assessmentId, t.questionId)],
);

/** A clarification thread on one question; while `open`, the supplier may change that answer. */
export const clarifications = sqliteTable(
  "clarifications",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    status: text("status", { enum: ["open", "answered", "closed"] }).notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("clarifications_assessment_idx").on(t.orgId, t.assessmentId, t.status)],
);

export const clarificationMessages = sqliteTable(
  "clarification_messages",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    clarificationId: text("clarification_id")
      .notNull()
      .references(() => clarifications.id, { onDelete: "cascade" }),
    authorType: text("author_type", { enum: ["staff", "supplier"] }).notNull(),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("clarification_messages_thread_idx").on(t.clarificationId)],
);

/** Conditions attached to an "approved with conditions" decision, tracked until closed. */
export const remediationItems = sqliteTable(
  "remediation_items",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    text: text("text").notNull(),
    ownerSide: text("owner_side", { enum: ["supplier", "customer"] }).notNull(),
    ownerName: text("owner_name").notNull(),
    deadline: text("deadline").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    closedBy: text("closed_by").references(() => users.id),
    closingNote: text("closing_note"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("remediation_items_supplier_idx").on(t.orgId, t.supplierId, t.status),
    index("remediation_items_deadline_idx").on(t.status, t.deadline),
  ],
);

/**
 * Every email, whichever way it went: through Resend (`provider = 'resend'`) or kept in the
 * outbox (`provider = 'outbox'`, shown on the outbox page).
 */
export const emails = sqliteTable(
  "emails",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").references(() => organisations.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    kind: text("kind").notNull(),
    locale: text("locale", { enum: LOCALE_VALUES }).notNull(),
    provider: text("provider", { enum: ["resend", "outbox"] }).notNull(),
    status: text("status", { enum: ["pending", "sent", "failed", "outbox"] }).notNull(),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    assessmentId: text("assessment_id"),
    /** Idempotency key: a reminder or notification with the same key is never sent twice. */
    dedupeKey: text("dedupe_key").unique(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("emails_org_created_idx").on(t.orgId, t.createdAt)],
);

/** Append-only: triggers in the migration refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: text("org_id"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorType: text("actor_type", { enum: ["staff", "supplier", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_org_at_idx").on(t.orgId, t.at),
    index("audit_log_target_idx").on(t.orgId, t.targetType, t.targetId),
  ],
);

export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: ["running", "succeeded", "failed"] }).notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The runner (host:pid:random) that held the job lease for this run; null before leases. */
    runner: text("runner"),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.startedAt)],
);

/**
 * Leases: which process may run something that must run in one place at a time (the job runner,
 * `name = "jobs"`), across the workers of a cluster, several servers on one database and
 * `npm run jobs`. Taken and renewed with one conditional upsert; a holder that dies stops renewing
 * and the lease is taken over once `expires_at` has passed. Released: `holder` null.
 * See docs/decisions/0140-cluster-and-job-lease.md.
 */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder"),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  acquiredAt: integer("acquired_at", { mode: "timestamp_ms" }).notNull(),
});

/** Demo/seed bookkeeping and other installation-wide key/values. */
export const meta = sqliteTable(
  "meta",
  { key: text("key").notNull(), value: text("value").notNull() },
  (t) => [primaryKey({ columns: [t.key] })],
);
