import { describe, expect, it } from "vitest";
import { addMonths, daysInMonth, formatDateKey, monthsBefore, parseIsoDate } from "../../../app/scoring/calendar";

describe("calendar", () => {
  it("parses only real ISO calendar dates", () => {
    expect(parseIsoDate("2024-02-29")).toBe(20240229);
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2024-13-01")).toBeNull();
    expect(parseIsoDate("2024-04-31")).toBeNull();
    expect(parseIsoDate("2024-4-01")).toBeNull();
    expect(parseIsoDate("2024-04-01T00:00:00Z")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
  });

  it("knows leap years", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it("subtracts calendar months, clamping to the end of a shorter month", () => {
    expect(formatDateKey(monthsBefore(new Date("2025-06-15T10:00:00Z"), 12))).toBe("2024-06-15");
    expect(formatDateKey(monthsBefore(new Date("2025-03-31T00:00:00Z"), 1))).toBe("2025-02-28");
    expect(formatDateKey(monthsBefore(new Date("2024-02-29T00:00:00Z"), 12))).toBe("2023-02-28");
    expect(formatDateKey(monthsBefore(new Date("2025-01-10T00:00:00Z"), 13))).toBe("2023-12-10");
  });

  it("adds calendar months keeping the time of day", () => {
    expect(addMonths(new Date("2025-01-31T08:30:00Z"), 1).toISOString()).toBe("2025-02-28T08:30:00.000Z");
    expect(addMonths(new Date("2024-02-29T00:00:00Z"), 12).toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(addMonths(new Date("2025-11-15T23:59:59.999Z"), 3).toISOString()).toBe("2026-02-15T23:59:59.999Z");
  });
});
