/**
 * A supplier's inherent-risk profile and the criticality tier it yields (SPEC C2).
 *
 * The CFCS guide "Cybersikkerhed i leverandørforhold", afsnit 5.1 ("Dokumentér organisationens
 * behov for at kontrollere leverandøren"), says suppliers should be ranked by how business-critical
 * they are, and that the customer "bør føre grundigere og hyppigere kontrol med de vigtigste
 * leverandører på baggrund af en risikovurdering", naming nine parameters:
 *
 *   1. "Følsomheden og mængden af kundens informationer omfattet af leverancen."
 *   2. "Om leverancen omfatter kundens forretningskritiske it-systemer eller processer."
 *   3. "Om leverancen omfatter kritisk it-infrastruktur eller samfundskritiske it-systemer."
 *   4. "Om der er tale om en standardiseret eller specialiseret leverance."
 *   5. "Datas geografiske placering (hos kunden eller leverandøren, i ind- eller udland)."
 *   6. "Leverancens karakter, herunder leverandørens driftsansvar og adgangsrettigheder i forhold
 *      til kundens data (adgang til at se og/eller redigere i data)."
 *   7. "Den samlede kontraktværdi."
 *   8. "Mængden af fejl og mangler i leverancen samt hændelser hos leverandøren."
 *   9. "Leverandørens vilje til at samarbejde med kunden og kundens leverandører."
 *
 * The guide gives no numbers, so the model below is ours: each parameter adds points, the total
 * picks a tier, and four floors make sure that a single decisive fact (critical infrastructure,
 * administrative access to business-critical systems, bulk sensitive personal data, confidential
 * data outside the EU) cannot be averaged away by harmless answers elsewhere. Every step is
 * returned as a reason so the tier is explained, not asserted.
 */
import { z } from "zod";

/** Most critical first, the order the UI lists them in. */
export const TIERS = ["critical", "high", "medium", "low"] as const;
export type Tier = (typeof TIERS)[number];

/** 3 for critical … 0 for low: for comparing tiers. */
export function tierRank(tier: Tier): number {
  return TIERS.length - 1 - TIERS.indexOf(tier);
}

export function atLeast(tier: Tier, floor: Tier): Tier {
  return tierRank(tier) >= tierRank(floor) ? tier : floor;
}

export const DATA_SENSITIVITIES = ["none", "internal", "confidential", "sensitive-personal"] as const;
export const DATA_VOLUMES = ["none", "limited", "extensive"] as const;
export const DELIVERY_TYPES = ["standard", "specialised"] as const;
export const DATA_LOCATIONS = ["denmark", "eu", "outside-eu"] as const;
/** 5.1 parameter 5's other axis: "hos kunden eller leverandøren". */
export const SYSTEMS_LOCATIONS = ["customer", "shared", "supplier"] as const;
export const ACCESS_LEVELS = ["none", "read", "write", "admin"] as const;
export const COOPERATION_LEVELS = ["good", "limited", "poor"] as const;

export const RiskProfileSchema = z
  .object({
    dataSensitivity: z.enum(DATA_SENSITIVITIES),
    dataVolume: z.enum(DATA_VOLUMES),
    businessCritical: z.boolean(),
    criticalInfrastructure: z.boolean(),
    deliveryType: z.enum(DELIVERY_TYPES),
    dataLocation: z.enum(DATA_LOCATIONS),
    /** Null or absent: not stated (profiles saved before this axis existed). */
    systemsLocation: z.enum(SYSTEMS_LOCATIONS).nullable().optional(),
    accessLevel: z.enum(ACCESS_LEVELS),
    operationalResponsibility: z.boolean(),
    annualContractValueDkk: z.number().int().nonnegative().nullable(),
    incidentCount: z.number().int().nonnegative(),
    cooperation: z.enum(COOPERATION_LEVELS),
  })
  .strict();
export type RiskProfile = z.infer<typeof RiskProfileSchema>;

/** Stable codes; the UI owns the wording in each language. */
export type TierReasonCode =
  | "data-sensitivity"
  | "data-volume"
  | "business-critical"
  | "critical-infrastructure"
  | "delivery-type"
  | "data-location"
  | "systems-location"
  | "access-level"
  | "operational-responsibility"
  | "contract-value"
  | "incident-history"
  | "cooperation"
  | "points-threshold"
  | "floor-critical-infrastructure"
  | "floor-business-critical-admin-access"
  | "floor-sensitive-personal-data-extensive"
  | "floor-confidential-data-outside-eu";

export interface TierReason {
  code: TierReasonCode;
  /** Points this parameter added (0 for thresholds and floors). */
  points: number;
  params: Record<string, string | number | boolean | null>;
}

export interface TierResult {
  tier: Tier;
  points: number;
  /** One reason per parameter (in the guide's order, including those adding 0), then the threshold, then any floor that raised the tier. */
  reasons: TierReason[];
}

/** 5.1 parameter 1, sensitivity: the step to confidential is the big one (harm if leaked). */
export const SENSITIVITY_POINTS: Readonly<Record<RiskProfile["dataSensitivity"], number>> = {
  none: 0,
  internal: 1,
  confidential: 3,
  "sensitive-personal": 4,
};
/** 5.1 parameter 1, volume ("mængden"). */
export const VOLUME_POINTS: Readonly<Record<RiskProfile["dataVolume"], number>> = { none: 0, limited: 1, extensive: 2 };
/** 5.1 parameter 2: a failure stops the customer's own business. */
export const BUSINESS_CRITICAL_POINTS = 4;
/** 5.1 parameter 3; also a floor to critical, the points only keep the total honest. */
export const CRITICAL_INFRASTRUCTURE_POINTS = 5;
/** 5.1 parameter 4: a specialised delivery is harder to replace or move, so dependency is higher. */
export const SPECIALISED_DELIVERY_POINTS = 1;
/** 5.1 parameter 5: abroad brings other law, authorities' access to data and threat pictures (the guide's section on geography). */
export const LOCATION_POINTS: Readonly<Record<RiskProfile["dataLocation"], number>> = {
  denmark: 0,
  eu: 1,
  "outside-eu": 3,
};
/**
 * 5.1 parameter 5, the other axis: whether data and systems sit "hos kunden eller leverandøren".
 * Kept by the supplier, the customer's own controls (access, backup, logging, deletion) no
 * longer reach them and the customer depends on the supplier's; shared (e.g. the customer's
 * systems, the supplier's backup or hosting of one part) lies between. Not stated counts 0 and
 * says so in its reason.
 */
export const SYSTEMS_LOCATION_POINTS: Readonly<Record<(typeof SYSTEMS_LOCATIONS)[number], number>> = {
  customer: 0,
  shared: 1,
  supplier: 2,
};
/** 5.1 parameter 6: "adgang til at se og/eller redigere i data"; administrative rights reach everything. */
export const ACCESS_POINTS: Readonly<Record<RiskProfile["accessLevel"], number>> = {
  none: 0,
  read: 1,
  write: 2,
  admin: 3,
};
/** 5.1 parameter 6: "driftsansvar", the supplier runs the service. */
export const OPERATIONAL_RESPONSIBILITY_POINTS = 2;
/**
 * 5.1 parameter 7, annual contract value in DKK: 1 point from 1 million (the order of magnitude of
 * the EU tendering threshold for services), 2 points from 10 million. Unknown counts as 0.
 */
export const CONTRACT_VALUE_THRESHOLDS_DKK = [
  { from: 10_000_000, points: 2 },
  { from: 1_000_000, points: 1 },
] as const;
/** 5.1 parameter 8, faults and incidents in the delivery so far: 1–2 → 1 point, 3 or more → 2. */
export const INCIDENT_THRESHOLDS = [
  { from: 3, points: 2 },
  { from: 1, points: 1 },
] as const;
/** 5.1 parameter 9: an unwilling supplier must be watched more closely. */
export const COOPERATION_POINTS: Readonly<Record<RiskProfile["cooperation"], number>> = {
  good: 0,
  limited: 1,
  poor: 2,
};

/**
 * Points → tier; the maximum is 32. One heavy factor alone (e.g. business-critical, 4) gives
 * medium; a heavy factor with real data or access gives high; critical needs several together.
 */
export const TIER_THRESHOLDS: readonly { tier: Tier; minPoints: number }[] = [
  { tier: "critical", minPoints: 15 },
  { tier: "high", minPoints: 9 },
  { tier: "medium", minPoints: 4 },
  { tier: "low", minPoints: 0 },
];

function stepPoints(value: number, steps: readonly { from: number; points: number }[]): number {
  return steps.find((step) => value >= step.from)?.points ?? 0;
}

export function tierForPoints(points: number): Tier {
  return TIER_THRESHOLDS.find((t) => points >= t.minPoints)?.tier ?? "low";
}

export function computeTier(profile: RiskProfile): TierResult {
  const reasons: TierReason[] = [
    { code: "data-sensitivity", points: SENSITIVITY_POINTS[profile.dataSensitivity], params: { value: profile.dataSensitivity } },
    { code: "data-volume", points: VOLUME_POINTS[profile.dataVolume], params: { value: profile.dataVolume } },
    { code: "business-critical", points: profile.businessCritical ? BUSINESS_CRITICAL_POINTS : 0, params: { value: profile.businessCritical } },
    {
      code: "critical-infrastructure",
      points: profile.criticalInfrastructure ? CRITICAL_INFRASTRUCTURE_POINTS : 0,
      params: { value: profile.criticalInfrastructure },
    },
    {
      code: "delivery-type",
      points: profile.deliveryType === "specialised" ? SPECIALISED_DELIVERY_POINTS : 0,
      params: { value: profile.deliveryType },
    },
    { code: "data-location", points: LOCATION_POINTS[profile.dataLocation], params: { value: profile.dataLocation } },
    {
      code: "systems-location",
      points: profile.systemsLocation ? SYSTEMS_LOCATION_POINTS[profile.systemsLocation] : 0,
      params: { value: profile.systemsLocation ?? null },
    },
    { code: "access-level", points: ACCESS_POINTS[profile.accessLevel], params: { value: profile.accessLevel } },
    {
      code: "operational-responsibility",
      points: profile.operationalResponsibility ? OPERATIONAL_RESPONSIBILITY_POINTS : 0,
      params: { value: profile.operationalResponsibility },
    },
    {
      code: "contract-value",
      points: profile.annualContractValueDkk === null ? 0 : stepPoints(profile.annualContractValueDkk, CONTRACT_VALUE_THRESHOLDS_DKK),
      params: { value: profile.annualContractValueDkk },
    },
    { code: "incident-history", points: stepPoints(profile.incidentCount, INCIDENT_THRESHOLDS), params: { value: profile.incidentCount } },
    { code: "cooperation", points: COOPERATION_POINTS[profile.cooperation], params: { value: profile.cooperation } },
  ];
  const points = reasons.reduce((sum, reason) => sum + reason.points, 0);
  let tier = tierForPoints(points);
  const minPoints = TIER_THRESHOLDS.find((t) => t.tier === tier)!.minPoints;
  reasons.push({ code: "points-threshold", points: 0, params: { points, tier, minPoints } });

  const floors: { code: TierReasonCode; applies: boolean; floor: Tier }[] = [
    { code: "floor-critical-infrastructure", applies: profile.criticalInfrastructure, floor: "critical" },
    {
      code: "floor-business-critical-admin-access",
      applies: profile.businessCritical && profile.accessLevel === "admin",
      floor: "critical",
    },
    {
      code: "floor-sensitive-personal-data-extensive",
      applies: profile.dataSensitivity === "sensitive-personal" && profile.dataVolume === "extensive",
      floor: "high",
    },
    {
      code: "floor-confidential-data-outside-eu",
      applies:
        profile.dataLocation === "outside-eu" &&
        (profile.dataSensitivity === "confidential" || profile.dataSensitivity === "sensitive-personal"),
      floor: "high",
    },
  ];
  for (const { code, applies, floor } of floors) {
    if (!applies || tierRank(tier) >= tierRank(floor)) continue;
    reasons.push({ code, points: 0, params: { from: tier, to: floor } });
    tier = floor;
  }
  return { tier, points, reasons };
}

export const QUESTIONNAIRE_FOR_TIER: Readonly<Record<Tier, string>> = {
  critical: "due-diligence",
  high: "due-diligence",
  medium: "due-diligence",
  low: "due-diligence-light",
};

/**
 * Longest reassessment interval per tier, in months. Critical and high: the guide's "minimum
 * årligt" (5.4: "Risikovurderingen bør opdateres minimum årligt").
 */
export const MAX_REASSESSMENT_MONTHS: Readonly<Record<Tier, number>> = {
  critical: 12,
  high: 12,
  medium: 24,
  low: 36,
};

export interface TierPolicyOverrides {
  /** The organisation's own intervals; they may only shorten the defaults. */
  reassessmentMonths?: Partial<Record<Tier, number>>;
}

export interface TierPolicy {
  tier: Tier;
  questionnaireId: string;
  reassessmentMonths: number;
  /** True when the organisation's override was longer than allowed (or not a whole number ≥ 1) and was not used. */
  overrideIgnored: boolean;
}

export function tierPolicy(tier: Tier, orgOverrides?: TierPolicyOverrides): TierPolicy {
  const maximum = MAX_REASSESSMENT_MONTHS[tier];
  const override = orgOverrides?.reassessmentMonths?.[tier];
  const usable = override !== undefined && Number.isInteger(override) && override >= 1 && override <= maximum;
  return {
    tier,
    questionnaireId: QUESTIONNAIRE_FOR_TIER[tier],
    reassessmentMonths: usable ? override : maximum,
    overrideIgnored: override !== undefined && !usable,
  };
}
