import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FlagSeverity } from "../../../app/questionnaire/questionnaire-schema";
import type { RiskRating, Weakness } from "../../../app/scoring/risk-rating";
import { RISK_RATINGS, rateRisk, weaknessForScore } from "../../../app/scoring/risk-rating";
import type { Tier } from "../../../app/suppliers/tiering";
import { TIERS } from "../../../app/suppliers/tiering";

const flag = (flagId: string, severity: FlagSeverity, warning = false) => ({ flagId, severity, warning });

/** The matrix as specified, rows impact low → critical, columns weakness 0 → 3. */
const EXPECTED: Record<Tier, RiskRating[]> = {
  low: ["low", "low", "medium", "high"],
  medium: ["low", "medium", "medium", "high"],
  high: ["medium", "medium", "high", "critical"],
  critical: ["medium", "high", "critical", "critical"],
};

/** A score that gives exactly this weakness on its own. */
const SCORE_FOR: Record<Weakness, number> = { 0: 90, 1: 70, 2: 50, 3: 20 };

describe("rateRisk", () => {
  it("follows the 4×4 matrix for every tier and weakness", () => {
    for (const tier of TIERS) {
      for (const weakness of [0, 1, 2, 3] as Weakness[]) {
        const result = rateRisk({ tier, overallScore: SCORE_FOR[weakness], flags: [] });
        expect(result.weakness).toBe(weakness);
        expect(result.rating).toBe(EXPECTED[tier][weakness]);
        expect(result.reasons.at(-1)).toEqual({ code: "matrix", params: { tier, weakness, rating: EXPECTED[tier][weakness] } });
      }
    }
  });

  it("maps score bands at their boundaries", () => {
    expect([100, 80, 79.9, 60, 59.9, 40, 39.9, 0].map(weaknessForScore)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it("raises weakness by flag severity; warning flags and critical flags give the highest", () => {
    const rate = (flags: ReturnType<typeof flag>[]) => rateRisk({ tier: "medium", overallScore: 95, flags }).weakness;
    expect(rate([])).toBe(0);
    expect(rate([flag("no-training", "medium")])).toBe(1);
    expect(rate([flag("no-mfa", "high")])).toBe(2);
    expect(rate([flag("no-backup", "critical")])).toBe(3);
    expect(rate([flag("mfa-exception", "medium", true)])).toBe(3);
    expect(rate([flag("a", "medium"), flag("b", "high")])).toBe(2);
  });

  it("treats a missing score (nothing answered) as the highest weakness", () => {
    const result = rateRisk({ tier: "low", overallScore: null, flags: [] });
    expect(result).toEqual({
      rating: "high",
      weakness: 3,
      reasons: [
        { code: "impact-from-tier", params: { tier: "low", impact: 0 } },
        { code: "weakness-no-score", params: { weakness: 3 } },
        { code: "matrix", params: { tier: "low", weakness: 3, rating: "high" } },
      ],
    });
  });

  it("names every input that set the weakness, and only those", () => {
    const result = rateRisk({
      tier: "high",
      overallScore: 55,
      flags: [flag("no-training", "medium"), flag("no-mfa", "high"), flag("no-pentest", "high")],
    });
    expect(result.rating).toBe("high");
    expect(result.reasons).toEqual([
      { code: "impact-from-tier", params: { tier: "high", impact: 2 } },
      { code: "weakness-from-score", params: { score: 55, minScore: 40, weakness: 2 } },
      { code: "weakness-from-flag", params: { flagId: "no-mfa", severity: "high", weakness: 2 } },
      { code: "weakness-from-flag", params: { flagId: "no-pentest", severity: "high", weakness: 2 } },
      { code: "matrix", params: { tier: "high", weakness: 2, rating: "high" } },
    ]);
    const warned = rateRisk({ tier: "critical", overallScore: 92, flags: [flag("refuses-dpa", "critical", true)] });
    expect(warned.reasons.map((r) => r.code)).toEqual(["impact-from-tier", "weakness-from-warning-flag", "matrix"]);
    expect(rateRisk({ tier: "low", overallScore: 85, flags: [] }).reasons[1]).toEqual({
      code: "weakness-from-score",
      params: { score: 85, minScore: 80, weakness: 0 },
    });
    expect(rateRisk({ tier: "low", overallScore: 12, flags: [] }).reasons[1]).toEqual({
      code: "weakness-from-score",
      params: { score: 12, minScore: null, weakness: 3 },
    });
  });

  it("never rates lower when the tier, the flags or a lower score make things worse", () => {
    const rank = (r: RiskRating) => RISK_RATINGS.indexOf(r);
    const tierRank = (t: Tier) => ["low", "medium", "high", "critical"].indexOf(t);
    const flagArb = fc.record({ flagId: fc.constantFrom("a", "b", "c"), severity: fc.constantFrom<FlagSeverity>("critical", "high", "medium"), warning: fc.boolean() });
    const input = fc.record({
      tier: fc.constantFrom(...TIERS),
      overallScore: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10), { nil: null }),
      flags: fc.array(flagArb, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(input, input, (x, y) => {
        const worse = {
          tier: tierRank(x.tier) >= tierRank(y.tier) ? x.tier : y.tier,
          overallScore: x.overallScore === null || y.overallScore === null ? null : Math.min(x.overallScore, y.overallScore),
          flags: [...x.flags, ...y.flags],
        };
        expect(rank(rateRisk(worse).rating)).toBeGreaterThanOrEqual(rank(rateRisk(x).rating));
        expect(rank(rateRisk(worse).rating)).toBeGreaterThanOrEqual(rank(rateRisk(y).rating));
      }),
    );
  });
});
