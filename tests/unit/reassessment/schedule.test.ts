/**
 * Reassessment scheduling maths (issue 11): the tier's interval from the organisation's settings,
 * counted from the last decision, month ends and leap years, a significant event moving the date
 * earlier, and when the job starts one.
 */
import { describe, expect, it } from "vitest";
import { isReassessmentDue } from "../../../app/reassessment/schedule";
import { nextAssessment, nextAssessmentDate } from "../../../app/suppliers/supervision-plan";
import { SettingsFormSchema } from "../../../app/staff/settings-forms";

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe("next reassessment date", () => {
  const now = at("2026-01-15");

  it("uses the tier's interval: 12 months for critical and high, longer for medium and low", () => {
    const last = at("2025-06-10");
    expect(day(nextAssessmentDate({ lastAssessedAt: last, tier: "critical" }, now))).toBe("2026-06-10");
    expect(day(nextAssessmentDate({ lastAssessedAt: last, tier: "high" }, now))).toBe("2026-06-10");
    expect(day(nextAssessmentDate({ lastAssessedAt: last, tier: "medium" }, now))).toBe("2027-06-10");
    expect(day(nextAssessmentDate({ lastAssessedAt: last, tier: "low" }, now))).toBe("2028-06-10");
  });

  it("takes the organisation's shorter interval and ignores a longer one than the guide allows", () => {
    const last = at("2025-06-10");
    expect(nextAssessment({ lastAssessedAt: last, tier: "critical", orgOverrides: { reassessmentMonths: { critical: 6 } } }, now)).toMatchObject({
      intervalMonths: 6,
      reason: "interval",
    });
    expect(day(nextAssessmentDate({ lastAssessedAt: last, tier: "high", orgOverrides: { reassessmentMonths: { high: 18 } } }, now))).toBe("2026-06-10");
  });

  it("clamps to the end of a shorter month", () => {
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2025-08-31"), tier: "critical", orgOverrides: { reassessmentMonths: { critical: 6 } } }, now))).toBe(
      "2026-02-28",
    );
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2025-03-31"), tier: "high", orgOverrides: { reassessmentMonths: { high: 1 } } }, at("2025-04-01")))).toBe(
      "2025-04-30",
    );
  });

  it("handles leap years: 29 February plus a year is 28 February, plus four years is 29 February", () => {
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2024-02-29"), tier: "critical" }, at("2024-03-01")))).toBe("2025-02-28");
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2024-02-29"), tier: "low" }, at("2024-03-01")))).toBe("2027-02-28");
    expect(
      day(nextAssessmentDate({ lastAssessedAt: at("2024-02-29"), tier: "medium", orgOverrides: { reassessmentMonths: { medium: 24 } } }, at("2024-03-01"))),
    ).toBe("2026-02-28");
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2027-02-28"), tier: "high" }, at("2027-03-01")))).toBe("2028-02-28");
    expect(day(nextAssessmentDate({ lastAssessedAt: at("2023-02-28"), tier: "critical" }, at("2023-03-01")))).toBe("2024-02-28");
  });

  it("moves the date earlier after a significant incident or change since the last decision", () => {
    const last = at("2025-06-10");
    const result = nextAssessment({ lastAssessedAt: last, tier: "high", significantEventAt: at("2026-01-05") }, now);
    expect(result.reason).toBe("significant-event");
    expect(day(result.dueAt)).toBe("2026-01-15");
    // An event before the last decision changes nothing.
    expect(nextAssessment({ lastAssessedAt: last, tier: "high", significantEventAt: at("2025-05-01") }, now).reason).toBe("interval");
  });
});

describe("interval settings", () => {
  const base = { defaultLocale: "da" };
  const refusal = (values: Record<string, number>) => {
    const result = SettingsFormSchema.safeParse({ ...base, ...values, escalateAfterDays: 3 });
    return result.success ? null : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };
  it("refuses critical and high intervals over 12 months, and less than one month", () => {
    expect(refusal({ months_critical: 13 })).toEqual(["months_critical:staff.settings.monthsTooLong"]);
    expect(refusal({ months_high: 13 })).toEqual(["months_high:staff.settings.monthsTooLong"]);
    expect(refusal({ months_high: 0 })).toEqual(["months_high:staff.settings.monthsRange"]);
    expect(refusal({ months_high: 12, months_medium: 24 })).toBeNull();
  });
});

describe("isReassessmentDue", () => {
  const supplier = {
    lastAssessedAt: at("2025-01-10"),
    tier: "high" as const,
    nextAssessmentDue: "2026-01-10",
    archivedAt: null,
    hasOpenAssessment: false,
  };
  it("is due on the date and after it, not the day before", () => {
    expect(isReassessmentDue(supplier, at("2026-01-09"))).toBe(false);
    expect(isReassessmentDue(supplier, at("2026-01-10"))).toBe(true);
    expect(isReassessmentDue(supplier, at("2026-03-01"))).toBe(true);
  });
  it("is not due for a supplier never assessed, archived, untiered, or with an assessment open", () => {
    const later = at("2026-03-01");
    expect(isReassessmentDue({ ...supplier, lastAssessedAt: null }, later)).toBe(false);
    expect(isReassessmentDue({ ...supplier, archivedAt: later }, later)).toBe(false);
    expect(isReassessmentDue({ ...supplier, tier: null }, later)).toBe(false);
    expect(isReassessmentDue({ ...supplier, hasOpenAssessment: true }, later)).toBe(false);
  });
});
