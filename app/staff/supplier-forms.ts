/**
 * Supplier register forms (SPEC C2): details, contacts (one security contact), sub-suppliers
 * (CFCS bilag 2), the CFCS 5.1 risk profile, tier override, sending a questionnaire and managing
 * it. Shared by browser and server; messages are i18n keys.
 */
import { z } from "zod";
import {
  ACCESS_LEVELS,
  COOPERATION_LEVELS,
  DATA_LOCATIONS,
  SYSTEMS_LOCATIONS,
  DATA_SENSITIVITIES,
  DATA_VOLUMES,
  DELIVERY_TYPES,
  TIERS,
  type RiskProfile,
} from "~/suppliers/tiering";
import { COUNTRY_CODES } from "./countries";
import { ATTENTION_FILTERS, RISK_RATINGS } from "~/reports/dashboard-filters";

const required = { error: "validation.required" } as const;
const choice = { error: "validation.invalidChoice" } as const;

/** Danish CVR: eight digits, the first not 0, weighted sum (2,7,6,5,4,3,2,1) divisible by 11. */
export function isValidCvr(value: string): boolean {
  if (!/^[1-9]\d{7}$/.test(value)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return sum % 11 === 0;
}

export const cvrField = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s+/g, "").replace(/^DK/i, ""))
  .pipe(z.string().regex(/^\d{8}$/, "staff.validation.cvrFormat").refine(isValidCvr, "staff.validation.cvrChecksum"));

const optionalText = (max: number) => z.string().trim().max(max, "staff.validation.textTooLong").optional();

export const countryField = z.enum(COUNTRY_CODES, choice);
export const localeField = z.enum(["da", "en"], choice);

export const ContactFieldsSchema = z.object({
  id: z.string().max(40).optional(),
  name: z.string(required).trim().min(1, "validation.required").max(200, "staff.validation.textTooLong"),
  email: z.string(required).trim().max(254, "staff.validation.emailTooLong").pipe(z.email("validation.email")).transform((v) => v.toLowerCase()),
  phone: z.string().trim().max(40, "staff.validation.textTooLong").regex(/^[+0-9 ()-]*$/, "staff.validation.phone").optional(),
  role: optionalText(200),
  locale: localeField,
});

export const SubSupplierFieldsSchema = z.object({
  name: z.string(required).trim().min(1, "validation.required").max(200, "staff.validation.textTooLong"),
  service: z.string(required).trim().min(1, "validation.required").max(500, "staff.validation.textTooLong"),
  country: countryField,
  critical: z.enum(["yes", "no"], choice).transform((v) => v === "yes"),
});

const yesNo = z.enum(["yes", "no"], choice).transform((v) => v === "yes");

export const riskProfileFields = {
  dataSensitivity: z.enum(DATA_SENSITIVITIES, choice),
  dataVolume: z.enum(DATA_VOLUMES, choice),
  businessCritical: yesNo,
  criticalInfrastructure: yesNo,
  deliveryType: z.enum(DELIVERY_TYPES, choice),
  dataLocation: z.enum(DATA_LOCATIONS, choice),
  systemsLocation: z.enum(SYSTEMS_LOCATIONS, choice).optional(),
  accessLevel: z.enum(ACCESS_LEVELS, choice),
  operationalResponsibility: yesNo,
  annualContractValueDkk: z
    .number({ error: "validation.number" })
    .int("staff.validation.wholeNumber")
    .min(0, "staff.validation.notNegative")
    .max(100_000_000_000, "staff.validation.tooLarge")
    .optional(),
  incidentCount: z
    .number({ error: "validation.number" })
    .int("staff.validation.wholeNumber")
    .min(0, "staff.validation.notNegative")
    .max(100_000, "staff.validation.tooLarge"),
  cooperation: z.enum(COOPERATION_LEVELS, choice),
};

export const RiskProfileFormSchema = z.object(riskProfileFields);

export function toRiskProfile(value: z.infer<typeof RiskProfileFormSchema>): RiskProfile {
  return {
    dataSensitivity: value.dataSensitivity,
    dataVolume: value.dataVolume,
    businessCritical: value.businessCritical,
    criticalInfrastructure: value.criticalInfrastructure,
    deliveryType: value.deliveryType,
    dataLocation: value.dataLocation,
    systemsLocation: value.systemsLocation ?? null,
    accessLevel: value.accessLevel,
    operationalResponsibility: value.operationalResponsibility,
    annualContractValueDkk: value.annualContractValueDkk ?? null,
    incidentCount: value.incidentCount,
    cooperation: value.cooperation,
  };
}

const supplierDetailFields = {
  name: z.string(required).trim().min(1, "validation.required").max(200, "staff.validation.textTooLong"),
  cvr: cvrField.optional(),
  country: countryField,
  services: optionalText(2000),
  ownerUserId: z.string().max(40).optional(),
  notes: optionalText(5000),
  contacts: z.array(ContactFieldsSchema).max(20, "staff.validation.tooMany").optional(),
  /** Index (0-based, as text) of the contact who is the security contact. */
  securityContact: z.string().regex(/^\d{1,2}$/).optional(),
  subSuppliers: z.array(SubSupplierFieldsSchema).max(50, "staff.validation.tooMany").optional(),
};

function contactRules(value: { contacts?: { email: string }[]; securityContact?: string }, ctx: z.RefinementCtx) {
  const contacts = value.contacts ?? [];
  const seen = new Set<string>();
  contacts.forEach((contact, index) => {
    if (seen.has(contact.email)) ctx.addIssue({ code: "custom", path: ["contacts", index, "email"], message: "staff.validation.duplicateEmail" });
    seen.add(contact.email);
  });
  if (contacts.length > 0) {
    const index = value.securityContact === undefined ? -1 : Number(value.securityContact);
    if (index < 0 || index >= contacts.length) {
      ctx.addIssue({ code: "custom", path: ["securityContact"], message: "staff.validation.securityContact" });
    }
  }
}

export const SupplierFormSchema = z.object(supplierDetailFields).superRefine(contactRules);

export const CreateSupplierFormSchema = z.object({ ...supplierDetailFields, ...riskProfileFields }).superRefine(contactRules);

export const TierOverrideFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("override-tier"),
    tier: z.enum(TIERS, choice),
    reason: z.string(required).trim().min(10, "staff.validation.reasonTooShort").max(2000, "staff.validation.textTooLong"),
  }),
  z.object({
    intent: z.literal("clear-override"),
    reason: z.string(required).trim().min(10, "staff.validation.reasonTooShort").max(2000, "staff.validation.textTooLong"),
  }),
]);

export const ContactFormSchema = ContactFieldsSchema.extend({
  intent: z.literal("save-contact"),
  isSecurityContact: z.enum(["yes", "no"], choice).optional(),
});

export const SubSupplierFormSchema = SubSupplierFieldsSchema.extend({ intent: z.literal("add-sub-supplier") });

export const isoDateField = z
  .string(required)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "validation.date");

export const SendQuestionnaireFormSchema = z.object({
  questionnaireId: z.string(required).max(100),
  dueDate: isoDateField,
  contactIds: z.array(z.string().max(40), { error: "staff.validation.pickContact" }).min(1, "staff.validation.pickContact").max(20),
  /** Language per contact: `locale.<contactId>`. */
  locale: z.record(z.string().max(40), localeField).optional(),
});

export const ResendFormSchema = z.object({ intent: z.literal("resend"), contactId: z.string(required).max(40) });
export const ExtendDueDateFormSchema = z.object({ intent: z.literal("extend"), dueDate: isoDateField });
export const RevokeAssessmentFormSchema = z.object({
  intent: z.literal("revoke"),
  reason: z.string(required).trim().min(3, "staff.validation.reasonTooShort").max(2000, "staff.validation.textTooLong"),
});
export const AddContactToAssessmentFormSchema = z.object({
  intent: z.literal("add-contact"),
  contactId: z.string(required).max(40),
  locale: localeField,
});

export const SUPPLIER_SORTS = ["name", "tier", "next", "created", "status"] as const;
export const NEXT_ASSESSMENT_FILTERS = ["overdue", "30", "60", "90", "none"] as const;

export const SupplierListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  tier: z.enum(TIERS).optional().catch(undefined),
  status: z.string().max(40).optional().catch(undefined),
  owner: z.string().max(40).optional().catch(undefined),
  next: z.enum(NEXT_ASSESSMENT_FILTERS).optional().catch(undefined),
  rating: z.enum([...RISK_RATINGS, "none"]).optional().catch(undefined),
  flag: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  attention: z.enum(ATTENTION_FILTERS).optional().catch(undefined),
  sort: z.enum(SUPPLIER_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type SupplierListQuery = z.infer<typeof SupplierListQuerySchema>;
