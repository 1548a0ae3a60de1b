import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/http/safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/staff/suppliers?page=2", "/staff/suppliers?page=2"],
    ["/", "/"],
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
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it("uses the fallback for missing values", () => {
    expect(safeRedirectPath(null, "/staff")).toBe("/staff");
    expect(safeRedirectPath(undefined)).toBe("/");
  });
});
