import { describe, expect, it } from "vitest";
import { DEMO_SUPPLIERS, seededRandom } from "#db/factories/demo-suppliers";
import { generateCvr, isValidCvr } from "~/suppliers/cvr";
import { computeTier } from "~/suppliers/tiering";

describe("CVR numbers", () => {
  it.each([
    ["61126228", true], // Danske Bank
    ["61126229", false],
    ["01126228", false],
    ["6112622", false],
    ["611262288", false],
    ["6112622a", false],
  ])("%s valid: %s", (cvr, valid) => {
    expect(isValidCvr(cvr)).toBe(valid);
  });

  it("generates valid numbers, the same ones for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const cvr = generateCvr(a);
      expect(isValidCvr(cvr)).toBe(true);
      expect(generateCvr(b)).toBe(cvr);
    }
  });
});

describe("demo suppliers", () => {
  it("cover every tier", () => {
    const tiers = new Set(DEMO_SUPPLIERS.map((s) => computeTier(s.profile).tier));
    expect([...tiers].sort()).toEqual(["critical", "high", "low", "medium"]);
    expect(DEMO_SUPPLIERS.length).toBeGreaterThanOrEqual(40);
  });
});
