import { describe, expect, it } from "vitest";
import { ClockError, clockNow } from "../../../app/config/clock.server";

describe("clockNow (the job runner's injectable clock)", () => {
  const real = () => new Date("2026-05-01T00:00:00Z");
  it("is the real time without LT_NOW", () => {
    expect(clockNow({}, real).toISOString()).toBe("2026-05-01T00:00:00.000Z");
  });
  it("takes LT_NOW outside production", () => {
    expect(clockNow({ LT_NOW: "2027-05-02T08:00:00Z", NODE_ENV: "test" }, real).toISOString()).toBe("2027-05-02T08:00:00.000Z");
    expect(clockNow({ LT_NOW: "2027-05-02" }, real).toISOString()).toBe("2027-05-02T00:00:00.000Z");
  });
  it("refuses LT_NOW in production unless explicitly allowed, and refuses a malformed one", () => {
    expect(() => clockNow({ LT_NOW: "2027-05-02T08:00:00Z", NODE_ENV: "production" }, real)).toThrow(ClockError);
    expect(clockNow({ LT_NOW: "2027-05-02T08:00:00Z", NODE_ENV: "production", LT_ALLOW_TEST_CLOCK: "1" }, real).getUTCFullYear()).toBe(2027);
    expect(() => clockNow({ LT_NOW: "next year" }, real)).toThrow(ClockError);
  });
});
