import { describe, expect, it } from "vitest";
import { generateToken, hashesEqual, hashToken, newId } from "~/security/tokens.server";

describe("tokens", () => {
  it("carry 160 random bits as 32 base32 characters", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const many = new Set(Array.from({ length: 1000 }, generateToken));
    expect(many.size).toBe(1000);
  });

  it("hash to SHA-256 hex, and one changed character gives another hash", () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hash);
    const changed = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(hashesEqual(hashToken(changed), hash)).toBe(false);
    expect(hashesEqual(hash, hash)).toBe(true);
  });

  it("ids are random and URL-safe", () => {
    expect(newId()).toMatch(/^[a-z2-7]{16}$/);
    expect(newId()).not.toBe(newId());
  });
});
