import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/http/safe-redirect";

const SITE = "https://portal.example";
// Relative paths resolve against the page the browser is on, so check from a deep page too.
const BASES = [`${SITE}/`, `${SITE}/staff/suppliers/abc/edit?x=1#top`];

describe("safeRedirectPath", () => {
  it.each([
    ["/staff/suppliers?page=2", "/staff/suppliers?page=2"],
    ["/", "/"],
    ["/staff/../staff/review#top", "/staff/review#top"],
    ["//evil.test", "/"],
    ["//evil.test/path", "/"],
    ["https://evil.test", "/"],
    ["http://localhost:3000/staff", "/"],
    ["/\\evil.test", "/"],
    ["\\\\evil.test", "/"],
    ["javascript:alert(1)", "/"],
    ["staff", "/"],
    ["/%2F%2Fevil.test", "/%2F%2Fevil.test"],
    ["/\tevil", "/"],
    ["", "/"],
    // Dot segments and their percent-encoded forms normalise into a scheme-relative URL.
    ["/.//evil.test", "/"],
    ["/./%2f/evil.test", "/%2f/evil.test"],
    ["/%2e//evil.test", "/"],
    ["/%2E//evil.test", "/"],
    ["/..//evil.test", "/"],
    ["/a/..//evil.test", "/"],
    ["/%2e%2e//evil.test", "/"],
    ["/.%2e//evil.test", "/"],
    ["/./.././/evil.test/x?y#z", "/"],
    // Characters browsers strip or reinterpret.
    ["/\t/evil.test", "/"],
    ["/\n/evil.test", "/"],
    ["/\r/evil.test", "/"],
    ["/\u0000/evil.test", "/"],
    ["/\u007f/evil.test", "/"],
    ["/.\\evil.test", "/"],
    [" //evil.test", "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it("uses the fallback for missing values", () => {
    expect(safeRedirectPath(null, "/staff")).toBe("/staff");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath("/.//evil.test", "/staff")).toBe("/staff");
  });

  const pieces = fc.constantFrom(
    "/", "//", "\\", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%00", "%09", "%0a",
    "\t", "\n", "\r", " ", "\u0000", "\u007f", "\u00a0", "\u3000", "\ufeff", "evil.test", "@", ":",
    "?", "#", "http:", "https:", "javascript:", "staff", "%", "ø", "ｅ",
  );
  const hostile = fc.oneof(
    fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")),
    fc.array(pieces, { maxLength: 12 }).map((parts) => `/${parts.join("")}`),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/${s}`),
  );

  it("never returns anything that leads to another host, whatever the input", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const result = safeRedirectPath(input, "/fallback");
        if (result === "/fallback") return;
        expect(result.startsWith("/")).toBe(true);
        expect(["/", "\\"]).not.toContain(result[1]);
        for (const base of BASES) expect(new URL(result, base).origin).toBe(SITE);
        // What it returns is itself safe and unchanged by a second pass.
        expect(safeRedirectPath(result, "/fallback")).toBe(result);
      }),
      { numRuns: 5_000 },
    );
  });
});
