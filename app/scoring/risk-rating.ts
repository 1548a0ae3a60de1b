/**
 * Risk rating (SPEC C5): the supplier's criticality tier (impact if something goes wrong) against
 * the weakness its assessment shows (score and red flags), through a 4×4 matrix.
 */
import type { FlagSeverity } from "../questionnaire/questionnaire-schema";
import type { Tier } from "../suppliers/tiering";
import { tierRank } from "../suppliers/tiering";

export const RISK_RATINGS = ["low", "medium", "high", "critical"] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

/** 0: no weakness shown … 3: serious weakness. */
export type Weakness = 0 | 1 | 2 | 3;

/** Rows: impact (tier low → critical); columns: weakness 0 → 3. */
export const RISK_MATRIX: Readonly<Record<Tier, readonly [RiskRating, RiskRating, RiskRating, RiskRating]>> = {
  low: ["low", "low", "medium", "high"],
  medium: ["low", "medium", "medium", "high"],
  high: ["medium", "medium", "high", "critical"],
  critical: ["medium", "high", "critical", "critical"],
};

/** Lowest overall score for each weakness level; below the last, weakness 3. */
export const SCORE_BANDS: readonly { minScore: number; weakness: Weakness }[] = [
  { minScore: 80, weakness: 0 },
  { minScore: 60, weakness: 1 },
  { minScore: 40, weakness: 2 },
];

const FLAG_WEAKNESS: Readonly<Record<FlagSeverity, Weakness>> = { medium: 1, high: 2, critical: 3 };

export interface RiskRatingInput {
  tier: Tier;
  /** The assessment's overall score, 0–100; null when nothing scorable was answered. */
  overallScore: number | null;
  flags: readonly { flagId: string; severity: FlagSeverity; warning: boolean }[];
}

export type RiskReason =
  | { code: "impact-from-tier"; params: { tier: Tier; impact: number } }
  | { code: "weakness-from-score"; params: { score: number; minScore: number | null; weakness: Weakness } }
  | { code: "weakness-no-score"; params: { weakness: 3 } }
  | { code: "weakness-from-flag"; params: { flagId: string; severity: FlagSeverity; weakness: Weakness } }
  | { code: "weakness-from-warning-flag"; params: { flagId: string; weakness: 3 } }
  | { code: "matrix"; params: { tier: Tier; weakness: Weakness; rating: RiskRating } };

export interface RiskRatingResult {
  rating: RiskRating;
  weakness: Weakness;
  /**
   * Impact first, then every input that set the weakness (all those at the final level: with a
   * score of 55 and a high flag, both), then the matrix cell.
   */
  reasons: RiskReason[];
}

export function weaknessForScore(score: number): Weakness {
  return SCORE_BANDS.find((band) => score >= band.minScore)?.weakness ?? 3;
}

export function rateRisk({ tier, overallScore, flags }: RiskRatingInput): RiskRatingResult {
  const candidates: { weakness: Weakness; reason: RiskReason }[] = [];
  if (overallScore === null) {
    candidates.push({ weakness: 3, reason: { code: "weakness-no-score", params: { weakness: 3 } } });
  } else {
    const weakness = weaknessForScore(overallScore);
    const band = SCORE_BANDS.find((b) => b.weakness === weakness);
    candidates.push({
      weakness,
      reason: { code: "weakness-from-score", params: { score: overallScore, minScore: band?.minScore ?? null, weakness } },
    });
  }
  for (const flag of flags) {
    // A warning flag (advarselsflag) is never weighted away, whatever its declared severity.
    if (flag.warning) {
      candidates.push({ weakness: 3, reason: { code: "weakness-from-warning-flag", params: { flagId: flag.flagId, weakness: 3 } } });
    } else {
      const weakness = FLAG_WEAKNESS[flag.severity];
      candidates.push({
        weakness,
        reason: { code: "weakness-from-flag", params: { flagId: flag.flagId, severity: flag.severity, weakness } },
      });
    }
  }
  const weakness = candidates.reduce<Weakness>((max, c) => (c.weakness > max ? c.weakness : max), 0);
  const rating = RISK_MATRIX[tier][weakness];
  return {
    rating,
    weakness,
    reasons: [
      { code: "impact-from-tier", params: { tier, impact: tierRank(tier) } },
      ...candidates.filter((c) => c.weakness === weakness).map((c) => c.reason),
      { code: "matrix", params: { tier, weakness, rating } },
    ],
  };
}
