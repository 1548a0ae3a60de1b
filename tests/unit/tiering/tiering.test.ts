import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RiskProfile, Tier } from "../../../app/suppliers/tiering";
import {
  ACCESS_LEVELS,
  COOPERATION_LEVELS,
  DATA_LOCATIONS,
  DATA_SENSITIVITIES,
  DATA_VOLUMES,
  DELIVERY_TYPES,
  RiskProfileSchema,
  TIERS,
  TIER_THRESHOLDS,
  atLeast,
  computeTier,
  tierForPoints,
  tierPolicy,
  tierRank,
} from "../../../app/suppliers/tiering";

/** A supplier with nothing that adds risk: no data, no access, standard delivery in Denmark. */
const harmless: RiskProfile = {
  dataSensitivity: "none",
  dataVolume: "none",
  businessCritical: false,
  criticalInfrastructure: false,
  deliveryType: "standard",
  dataLocation: "denmark",
  accessLevel: "none",
  operationalResponsibility: false,
  annualContractValueDkk: null,
  incidentCount: 0,
  cooperation: "good",
};
const profile = (changes: Partial<RiskProfile>): RiskProfile => ({ ...harmless, ...changes });
const reasonCodes = (p: RiskProfile) => computeTier(p).reasons.map((r) => r.code);

describe("RiskProfileSchema", () => {
  it("accepts a complete profile, with or without a contract value", () => {
    expect(RiskProfileSchema.parse(harmless)).toEqual(harmless);
    expect(RiskProfileSchema.parse({ ...harmless, annualContractValueDkk: 2_500_000 }).annualContractValueDkk).toBe(2_500_000);
  });

  it("rejects unknown values, negative or fractional counts and extra fields", () => {
    const bad: unknown[] = [
      { ...harmless, dataSensitivity: "secret" },
      { ...harmless, dataLocation: "usa" },
      { ...harmless, accessLevel: "root" },
      { ...harmless, annualContractValueDkk: -1 },
      { ...harmless, annualContractValueDkk: 10.5 },
      { ...harmless, incidentCount: -2 },
      { ...harmless, incidentCount: 1.5 },
      { ...harmless, cooperation: "excellent" },
      { ...harmless, extra: true },
      (({ cooperation: _, ...rest }) => rest)(harmless),
    ];
    for (const value of bad) expect(RiskProfileSchema.safeParse(value).success).toBe(false);
  });
});

describe("computeTier: points per parameter (CFCS 5.1)", () => {
  it("gives a harmless supplier 0 points, tier low, and explains all nine parameters", () => {
    const result = computeTier(harmless);
    expect(result.tier).toBe("low");
    expect(result.points).toBe(0);
    expect(result.reasons.map((r) => r.code)).toEqual([
      "data-sensitivity",
      "data-volume",
      "business-critical",
      "critical-infrastructure",
      "delivery-type",
      "data-location",
      "systems-location",
      "access-level",
      "operational-responsibility",
      "contract-value",
      "incident-history",
      "cooperation",
      "points-threshold",
    ]);
    expect(result.reasons.at(-1)).toEqual({ code: "points-threshold", points: 0, params: { points: 0, tier: "low", minPoints: 0 } });
  });

  const cases: [string, Partial<RiskProfile>, number][] = [
    ["data-sensitivity", { dataSensitivity: "internal" }, 1],
    ["data-sensitivity", { dataSensitivity: "confidential" }, 3],
    ["data-sensitivity", { dataSensitivity: "sensitive-personal" }, 4],
    ["data-volume", { dataVolume: "limited" }, 1],
    ["data-volume", { dataVolume: "extensive" }, 2],
    ["business-critical", { businessCritical: true }, 4],
    ["critical-infrastructure", { criticalInfrastructure: true }, 5],
    ["delivery-type", { deliveryType: "specialised" }, 1],
    ["data-location", { dataLocation: "eu" }, 1],
    ["data-location", { dataLocation: "outside-eu" }, 3],
    ["access-level", { accessLevel: "read" }, 1],
    ["access-level", { accessLevel: "write" }, 2],
    ["access-level", { accessLevel: "admin" }, 3],
    ["operational-responsibility", { operationalResponsibility: true }, 2],
    ["contract-value", { annualContractValueDkk: 0 }, 0],
    ["contract-value", { annualContractValueDkk: 999_999 }, 0],
    ["contract-value", { annualContractValueDkk: 1_000_000 }, 1],
    ["contract-value", { annualContractValueDkk: 9_999_999 }, 1],
    ["contract-value", { annualContractValueDkk: 10_000_000 }, 2],
    ["incident-history", { incidentCount: 1 }, 1],
    ["incident-history", { incidentCount: 2 }, 1],
    ["incident-history", { incidentCount: 3 }, 2],
    ["incident-history", { incidentCount: 40 }, 2],
    ["cooperation", { cooperation: "limited" }, 1],
    ["cooperation", { cooperation: "poor" }, 2],
    ["systems-location", { systemsLocation: "customer" }, 0],
    ["systems-location", { systemsLocation: "shared" }, 1],
    ["systems-location", { systemsLocation: "supplier" }, 2],
  ];
  it.each(cases)("%s %j adds %i points", (code, changes, points) => {
    const result = computeTier(profile(changes));
    expect(result.points).toBe(points);
    const reason = result.reasons.find((r) => r.code === code)!;
    expect(reason.points).toBe(points);
    expect(reason.params.value).toEqual(Object.values(changes)[0]);
  });

  it("adds the parameters up", () => {
    const busy = profile({ dataSensitivity: "internal", dataVolume: "limited", accessLevel: "read", incidentCount: 1, cooperation: "limited" });
    expect(computeTier(busy).points).toBe(5);
  });

  it("explains a profile without the systems axis (saved before it existed) as not stated, adding 0", () => {
    expect(harmless.systemsLocation).toBeUndefined();
    expect(computeTier(harmless).reasons.find((r) => r.code === "systems-location")).toEqual({ code: "systems-location", points: 0, params: { value: null } });
    expect(RiskProfileSchema.safeParse({ ...harmless, systemsLocation: "abroad" }).success).toBe(false);
    expect(RiskProfileSchema.parse({ ...harmless, systemsLocation: null }).systemsLocation).toBeNull();
  });

  it("lets data and systems kept by the supplier lift a tier that the country axis alone leaves", () => {
    const base = profile({ dataSensitivity: "internal", dataVolume: "limited", businessCritical: false, accessLevel: "read" });
    expect(computeTier(base)).toMatchObject({ tier: "low", points: 3 });
    expect(computeTier({ ...base, systemsLocation: "supplier" })).toMatchObject({ tier: "medium", points: 5 });
    expect(computeTier({ ...base, systemsLocation: "customer" })).toMatchObject({ tier: "low", points: 3 });
  });

  it("has a maximum of 32 points", () => {
    const worst = profile({
      dataSensitivity: "sensitive-personal",
      dataVolume: "extensive",
      businessCritical: true,
      criticalInfrastructure: true,
      deliveryType: "specialised",
      dataLocation: "outside-eu",
      systemsLocation: "supplier",
      accessLevel: "admin",
      operationalResponsibility: true,
      annualContractValueDkk: 50_000_000,
      incidentCount: 5,
      cooperation: "poor",
    });
    expect(computeTier(worst)).toMatchObject({ tier: "critical", points: 32 });
  });
});

describe("computeTier: thresholds", () => {
  it("maps points to tiers at the documented boundaries", () => {
    expect([0, 3, 4, 8, 9, 14, 15, 30].map(tierForPoints)).toEqual(["low", "low", "medium", "medium", "high", "high", "critical", "critical"]);
    expect(TIER_THRESHOLDS.map((t) => [t.tier, t.minPoints])).toEqual([
      ["critical", 15],
      ["high", 9],
      ["medium", 4],
      ["low", 0],
    ]);
  });

  const boundaries: [number, Partial<RiskProfile>, Tier][] = [
    [3, { dataSensitivity: "confidential" }, "low"],
    [4, { dataSensitivity: "confidential", dataVolume: "limited" }, "medium"],
    [8, { businessCritical: true, accessLevel: "write", operationalResponsibility: true }, "medium"],
    [9, { businessCritical: true, accessLevel: "write", operationalResponsibility: true, deliveryType: "specialised" }, "high"],
    [
      14,
      { businessCritical: true, dataSensitivity: "confidential", dataVolume: "extensive", accessLevel: "write", operationalResponsibility: true, dataLocation: "eu" },
      "high",
    ],
    [
      15,
      {
        businessCritical: true,
        dataSensitivity: "confidential",
        dataVolume: "extensive",
        accessLevel: "write",
        operationalResponsibility: true,
        dataLocation: "eu",
        deliveryType: "specialised",
      },
      "critical",
    ],
  ];
  it.each(boundaries)("%i points by profile → %s (no floor involved)", (points, changes, tier) => {
    const result = computeTier(profile(changes));
    expect(result.points).toBe(points);
    expect(result.tier).toBe(tier);
    expect(result.reasons.some((r) => r.code.startsWith("floor-"))).toBe(false);
  });
});

describe("computeTier: floors", () => {
  it("critical infrastructure → critical", () => {
    const result = computeTier(profile({ criticalInfrastructure: true }));
    expect(result).toMatchObject({ tier: "critical", points: 5 });
    expect(result.reasons.at(-1)).toEqual({ code: "floor-critical-infrastructure", points: 0, params: { from: "medium", to: "critical" } });
  });

  it("business-critical system with administrative access → critical; less access does not trigger it", () => {
    const result = computeTier(profile({ businessCritical: true, accessLevel: "admin" }));
    expect(result).toMatchObject({ tier: "critical", points: 7 });
    expect(reasonCodes(profile({ businessCritical: true, accessLevel: "admin" }))).toContain("floor-business-critical-admin-access");
    expect(computeTier(profile({ businessCritical: true, accessLevel: "write" })).tier).toBe("medium");
    expect(computeTier(profile({ businessCritical: false, accessLevel: "admin" })).tier).toBe("low");
  });

  it("sensitive personal data in extensive volume → at least high", () => {
    const result = computeTier(profile({ dataSensitivity: "sensitive-personal", dataVolume: "extensive" }));
    expect(result).toMatchObject({ tier: "high", points: 6 });
    expect(result.reasons.at(-1)).toEqual({ code: "floor-sensitive-personal-data-extensive", points: 0, params: { from: "medium", to: "high" } });
    expect(computeTier(profile({ dataSensitivity: "sensitive-personal", dataVolume: "limited" })).tier).toBe("medium");
    expect(computeTier(profile({ dataSensitivity: "confidential", dataVolume: "extensive" })).tier).toBe("medium");
  });

  it("confidential or sensitive data outside the EU → at least high; internal data does not trigger it", () => {
    for (const dataSensitivity of ["confidential", "sensitive-personal"] as const) {
      const p = profile({ dataSensitivity, dataLocation: "outside-eu" });
      expect(computeTier(p).tier).toBe("high");
      expect(reasonCodes(p)).toContain("floor-confidential-data-outside-eu");
    }
    expect(computeTier(profile({ dataSensitivity: "internal", dataLocation: "outside-eu" })).tier).toBe("medium");
    expect(computeTier(profile({ dataSensitivity: "confidential", dataLocation: "eu" })).tier).toBe("medium");
  });

  it("does not record a floor that does not raise the tier", () => {
    const p = profile({
      dataSensitivity: "sensitive-personal",
      dataVolume: "extensive",
      businessCritical: true,
      operationalResponsibility: true,
      accessLevel: "write",
      dataLocation: "eu",
    });
    expect(computeTier(p)).toMatchObject({ tier: "critical", points: 15 });
    expect(reasonCodes(p).some((c) => c.startsWith("floor-"))).toBe(false);
  });

  it("applies the highest floor once when several apply", () => {
    const p = profile({ criticalInfrastructure: true, dataSensitivity: "sensitive-personal", dataVolume: "extensive" });
    const result = computeTier(p);
    expect(result.tier).toBe("critical");
    expect(result.reasons.filter((r) => r.code.startsWith("floor-"))).toEqual([
      { code: "floor-critical-infrastructure", points: 0, params: { from: "high", to: "critical" } },
    ]);
  });
});

describe("computeTier properties", () => {
  const profileArb: fc.Arbitrary<RiskProfile> = fc.record({
    dataSensitivity: fc.constantFrom(...DATA_SENSITIVITIES),
    dataVolume: fc.constantFrom(...DATA_VOLUMES),
    businessCritical: fc.boolean(),
    criticalInfrastructure: fc.boolean(),
    deliveryType: fc.constantFrom(...DELIVERY_TYPES),
    dataLocation: fc.constantFrom(...DATA_LOCATIONS),
    accessLevel: fc.constantFrom(...ACCESS_LEVELS),
    operationalResponsibility: fc.boolean(),
    annualContractValueDkk: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
    incidentCount: fc.integer({ min: 0, max: 50 }),
    cooperation: fc.constantFrom(...COOPERATION_LEVELS),
  });

  it("points are the sum of the reasons, the tier is never below the points' tier, and the result is deterministic", () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const result = computeTier(p);
        expect(result.points).toBe(result.reasons.reduce((sum, r) => sum + r.points, 0));
        expect(tierRank(result.tier)).toBeGreaterThanOrEqual(tierRank(tierForPoints(result.points)));
        expect(computeTier(structuredClone(p))).toEqual(result);
        expect(RiskProfileSchema.parse(p)).toEqual(p);
      }),
    );
  });

  it("more risk never lowers the tier", () => {
    const order = {
      dataSensitivity: DATA_SENSITIVITIES,
      dataVolume: DATA_VOLUMES,
      deliveryType: DELIVERY_TYPES,
      dataLocation: DATA_LOCATIONS,
      accessLevel: ACCESS_LEVELS,
      cooperation: COOPERATION_LEVELS,
    } as const;
    fc.assert(
      fc.property(profileArb, profileArb, (a, b) => {
        const pick = <K extends keyof typeof order>(key: K) =>
          (order[key] as readonly string[]).indexOf(a[key]) >= (order[key] as readonly string[]).indexOf(b[key]) ? a[key] : b[key];
        const worse: RiskProfile = {
          dataSensitivity: pick("dataSensitivity") as RiskProfile["dataSensitivity"],
          dataVolume: pick("dataVolume") as RiskProfile["dataVolume"],
          businessCritical: a.businessCritical || b.businessCritical,
          criticalInfrastructure: a.criticalInfrastructure || b.criticalInfrastructure,
          deliveryType: pick("deliveryType") as RiskProfile["deliveryType"],
          dataLocation: pick("dataLocation") as RiskProfile["dataLocation"],
          accessLevel: pick("accessLevel") as RiskProfile["accessLevel"],
          operationalResponsibility: a.operationalResponsibility || b.operationalResponsibility,
          annualContractValueDkk: Math.max(a.annualContractValueDkk ?? 0, b.annualContractValueDkk ?? 0),
          incidentCount: Math.max(a.incidentCount, b.incidentCount),
          cooperation: pick("cooperation") as RiskProfile["cooperation"],
        };
        expect(tierRank(computeTier(worse).tier)).toBeGreaterThanOrEqual(tierRank(computeTier(a).tier));
        expect(tierRank(computeTier(worse).tier)).toBeGreaterThanOrEqual(tierRank(computeTier(b).tier));
      }),
    );
  });
});

describe("tiers and tier policy", () => {
  it("lists tiers most critical first and ranks them", () => {
    expect(TIERS).toEqual(["critical", "high", "medium", "low"]);
    expect(TIERS.map(tierRank)).toEqual([3, 2, 1, 0]);
    expect(atLeast("low", "high")).toBe("high");
    expect(atLeast("critical", "high")).toBe("critical");
  });

  it("picks the questionnaire and the longest reassessment interval per tier", () => {
    expect(TIERS.map((t) => tierPolicy(t))).toEqual([
      { tier: "critical", questionnaireId: "due-diligence", reassessmentMonths: 12, overrideIgnored: false },
      { tier: "high", questionnaireId: "due-diligence", reassessmentMonths: 12, overrideIgnored: false },
      { tier: "medium", questionnaireId: "due-diligence", reassessmentMonths: 24, overrideIgnored: false },
      { tier: "low", questionnaireId: "due-diligence-light", reassessmentMonths: 36, overrideIgnored: false },
    ]);
  });

  it("lets an organisation shorten the interval but never lengthen it", () => {
    const overrides = { reassessmentMonths: { critical: 6, high: 18, medium: 24, low: 12 } };
    expect(tierPolicy("critical", overrides)).toMatchObject({ reassessmentMonths: 6, overrideIgnored: false });
    expect(tierPolicy("high", overrides)).toMatchObject({ reassessmentMonths: 12, overrideIgnored: true });
    expect(tierPolicy("medium", overrides)).toMatchObject({ reassessmentMonths: 24, overrideIgnored: false });
    expect(tierPolicy("low", overrides)).toMatchObject({ reassessmentMonths: 12, overrideIgnored: false });
  });

  it("ignores overrides that are not whole months of at least one", () => {
    for (const bad of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(tierPolicy("medium", { reassessmentMonths: { medium: bad } })).toMatchObject({ reassessmentMonths: 24, overrideIgnored: true });
    }
    expect(tierPolicy("medium", {})).toMatchObject({ reassessmentMonths: 24, overrideIgnored: false });
    expect(tierPolicy("medium", { reassessmentMonths: { high: 3 } })).toMatchObject({ reassessmentMonths: 24, overrideIgnored: false });
  });
});
