import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths } from "../../../app/scoring/calendar";
import { nextAssessment, nextAssessmentDate, SUPERVISION_CONTROLS, supervisionPlan } from "../../../app/suppliers/supervision-plan";
import { TIERS, tierPolicy, tierRank } from "../../../app/suppliers/tiering";

describe("supervisionPlan", () => {
  it("plans every control for a critical supplier", () => {
    expect(supervisionPlan("critical")).toEqual([
      { control: "questionnaire", frequencyMonths: 12 },
      { control: "evidence-review", frequencyMonths: 12 },
      { control: "status-meeting", frequencyMonths: 3 },
      { control: "audit-report", frequencyMonths: 12 },
      { control: "penetration-test", frequencyMonths: 12 },
      { control: "contract-review", frequencyMonths: 12 },
    ]);
  });

  it("plans only the questionnaire and the yearly contract review for a low-tier supplier", () => {
    expect(supervisionPlan("low")).toEqual([
      { control: "questionnaire", frequencyMonths: 36 },
      { control: "contract-review", frequencyMonths: 12 },
    ]);
  });

  it("plans high and medium in between", () => {
    expect(supervisionPlan("high")).toEqual([
      { control: "questionnaire", frequencyMonths: 12 },
      { control: "evidence-review", frequencyMonths: 12 },
      { control: "status-meeting", frequencyMonths: 6 },
      { control: "audit-report", frequencyMonths: 12 },
      { control: "penetration-test", frequencyMonths: 24 },
      { control: "contract-review", frequencyMonths: 12 },
    ]);
    expect(supervisionPlan("medium")).toEqual([
      { control: "questionnaire", frequencyMonths: 24 },
      { control: "evidence-review", frequencyMonths: 24 },
      { control: "status-meeting", frequencyMonths: 12 },
      { control: "contract-review", frequencyMonths: 12 },
    ]);
  });

  it("reviews the contract's security terms at least yearly for every tier (guide 5.5)", () => {
    for (const tier of TIERS) {
      expect(supervisionPlan(tier).find((c) => c.control === "contract-review")?.frequencyMonths).toBeLessThanOrEqual(12);
    }
  });

  it("keeps the questionnaire in step with the tier policy, including an organisation's shorter interval", () => {
    for (const tier of TIERS) {
      expect(supervisionPlan(tier)[0]).toEqual({ control: "questionnaire", frequencyMonths: tierPolicy(tier).reassessmentMonths });
    }
    expect(supervisionPlan("medium", { reassessmentMonths: { medium: 12 } })[0]!.frequencyMonths).toBe(12);
    expect(supervisionPlan("medium", { reassessmentMonths: { medium: 48 } })[0]!.frequencyMonths).toBe(24);
  });

  it("puts more control where the risk is: a higher tier has every control of a lower tier, at least as often", () => {
    for (const higher of TIERS) {
      for (const lower of TIERS.filter((t) => tierRank(t) < tierRank(higher))) {
        const planHigher = new Map(supervisionPlan(higher).map((c) => [c.control, c.frequencyMonths]));
        for (const { control, frequencyMonths } of supervisionPlan(lower)) {
          expect(planHigher.get(control)).toBeDefined();
          expect(planHigher.get(control)!).toBeLessThanOrEqual(frequencyMonths);
        }
      }
    }
  });

  it("lists controls in a fixed order and returns a fresh list each time", () => {
    for (const tier of TIERS) {
      const controls = supervisionPlan(tier).map((c) => c.control);
      expect(controls).toEqual(SUPERVISION_CONTROLS.filter((c) => controls.includes(c)));
    }
    const plan = supervisionPlan("critical");
    plan[0]!.frequencyMonths = 99;
    expect(supervisionPlan("critical")[0]!.frequencyMonths).toBe(12);
  });
});

describe("nextAssessmentDate", () => {
  const now = new Date("2025-06-15T09:00:00Z");
  const lastAssessedAt = new Date("2025-01-31T14:00:00Z");

  it("is due at once for a supplier never assessed", () => {
    expect(nextAssessment({ lastAssessedAt: null, tier: "low" }, now)).toEqual({ dueAt: now, reason: "never-assessed", intervalMonths: 36 });
  });

  it("adds the tier's interval in calendar months to the last assessment", () => {
    expect(nextAssessmentDate({ lastAssessedAt, tier: "critical" }, now).toISOString()).toBe("2026-01-31T14:00:00.000Z");
    expect(nextAssessmentDate({ lastAssessedAt, tier: "medium" }, now).toISOString()).toBe("2027-01-31T14:00:00.000Z");
    expect(nextAssessmentDate({ lastAssessedAt, tier: "low" }, now).toISOString()).toBe("2028-01-31T14:00:00.000Z");
    expect(nextAssessmentDate({ lastAssessedAt, tier: "high", orgOverrides: { reassessmentMonths: { high: 1 } } }, now).toISOString()).toBe(
      "2025-02-28T14:00:00.000Z",
    );
    expect(nextAssessmentDate({ lastAssessedAt, tier: "high", orgOverrides: { reassessmentMonths: { high: 60 } } }, now).toISOString()).toBe(
      "2026-01-31T14:00:00.000Z",
    );
  });

  it("is due now after a significant incident or change recorded since the last assessment (guide 5.5)", () => {
    const result = nextAssessment({ lastAssessedAt, tier: "medium", significantEventAt: new Date("2025-05-01T00:00:00Z") }, now);
    expect(result).toEqual({ dueAt: now, reason: "significant-event", intervalMonths: 24 });
    expect(result.dueAt).not.toBe(now);
  });

  it("ignores events from before the last assessment and events dated in the future", () => {
    expect(nextAssessment({ lastAssessedAt, tier: "medium", significantEventAt: new Date("2025-01-01T00:00:00Z") }, now).reason).toBe("interval");
    expect(nextAssessment({ lastAssessedAt, tier: "medium", significantEventAt: lastAssessedAt }, now).reason).toBe("interval");
    expect(nextAssessment({ lastAssessedAt, tier: "medium", significantEventAt: new Date("2025-07-01T00:00:00Z") }, now).reason).toBe("interval");
    expect(nextAssessment({ lastAssessedAt, tier: "medium", significantEventAt: null }, now).reason).toBe("interval");
  });

  it("keeps an earlier, already overdue date rather than moving it later to now", () => {
    const longAgo = new Date("2023-01-01T00:00:00Z");
    const result = nextAssessment({ lastAssessedAt: longAgo, tier: "high", significantEventAt: new Date("2025-06-01T00:00:00Z") }, now);
    expect(result).toEqual({ dueAt: new Date("2024-01-01T00:00:00Z"), reason: "interval", intervalMonths: 12 });
  });

  it("is never later than the tier's interval and never later than now after a recent event", () => {
    const dateArb = fc.date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(dateArb, fc.option(dateArb, { nil: null }), dateArb, fc.constantFrom(...TIERS), (last, event, at, tier) => {
        const due = nextAssessmentDate({ lastAssessedAt: last, tier, significantEventAt: event }, at);
        expect(due.getTime()).toBeLessThanOrEqual(addMonths(last, tierPolicy(tier).reassessmentMonths).getTime());
        if (event !== null && event > last && event <= at) expect(due.getTime()).toBeLessThanOrEqual(at.getTime());
      }),
    );
  });
});
