import { generateTOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { extractLinks } from "~/email/outbox.server";
import { isCommonPassword, loadCommonPasswords, passwordProblem } from "~/staff/password-policy.server";
import { SupplierListQuerySchema, isValidCvr } from "~/staff/supplier-forms";
import { SettingsFormSchema } from "~/staff/settings-forms";
import { generateTotpSecret, matchingTotpStep, totpCodeAt, totpKey, totpStep, totpUri } from "~/staff/totp.server";
import { twoFactorRequired } from "~/staff/two-factor-policy";
import { daysBetween, addDaysIso } from "~/staff/dates";
import { slugify } from "~/organisations/setup.server";

describe("CVR modulus 11", () => {
  it("accepts real CVR numbers and refuses near misses", () => {
    // Weights 2,7,6,5,4,3,2,1; the weighted sum must be divisible by 11.
    for (const cvr of ["10150817", "25313763", "61126228", "29403473"]) expect(isValidCvr(cvr), cvr).toBe(true);
    for (const cvr of ["10150818", "12345678", "01234567", "1015081", "101508170", "1015O817", ""]) expect(isValidCvr(cvr), cvr).toBe(false);
  });
});

describe("password policy", () => {
  it("ships a list of thousands of common passwords, checked case-insensitively", () => {
    expect(loadCommonPasswords().size).toBeGreaterThan(3000);
    for (const p of ["sommer2024", "Sommer2024", "SOMMER2024!", "password123", "Qwertyuiop123", "kodeord1234", "velkommen2025"]) expect(isCommonPassword(p), p).toBe(true);
    expect(isCommonPassword("korrekt hest batteri hæfteklamme")).toBe(false);
  });

  it("names the problem with a new password", () => {
    expect(passwordProblem("kort")).toBe("staff.validation.passwordTooShort");
    expect(passwordProblem("x".repeat(257))).toBe("staff.validation.passwordTooLong");
    expect(passwordProblem("aaaaaaaaaaaaaa")).toBe("staff.validation.passwordCommon");
    expect(passwordProblem("password12345")).toBe("staff.validation.passwordCommon");
    expect(passwordProblem("anne.admin@kommune.dk", { email: "anne.admin@kommune.dk" })).toBe("staff.validation.passwordIsEmail");
    expect(passwordProblem("🦊 ræven løber over broen")).toBeNull();
  });
});

describe("TOTP", () => {
  it("makes 160-bit secrets and codes an authenticator app agrees with", () => {
    const secret = generateTotpSecret();
    expect(totpKey(secret)).toHaveLength(20);
    expect(totpCodeAt(secret, new Date())).toBe(generateTOTP(totpKey(secret), 30, 6));
    expect(totpUri(secret, "anne@kommune.dk")).toMatch(/^otpauth:\/\/totp\/Leverand%C3%B8rtjek:anne%40kommune\.dk\?/);
  });

  it("accepts one step of drift either way, and no more", () => {
    const secret = generateTotpSecret();
    const now = new Date("2026-05-01T12:00:10Z");
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCodeAt(secret, new Date(now.getTime() + offset * 30_000));
      expect(matchingTotpStep(secret, code, now)).toBe(step + offset);
    }
    for (const offset of [-3, 2]) {
      const code = totpCodeAt(secret, new Date(now.getTime() + offset * 30_000));
      const matched = matchingTotpStep(secret, code, now);
      // A different step's code can coincide by chance (1 in a million); it never matches its own far step.
      expect(matched === null || Math.abs(matched - step) <= 1).toBe(true);
    }
  });

  it("is required for admins, and for everyone when the organisation says so", () => {
    expect(twoFactorRequired({ role: "admin" }, { requireTwoFactorForAll: false })).toBe(true);
    expect(twoFactorRequired({ role: "viewer" }, { requireTwoFactorForAll: false })).toBe(false);
    expect(twoFactorRequired({ role: "reviewer" }, { requireTwoFactorForAll: true })).toBe(true);
  });
});

describe("small rules", () => {
  it("finds the links in an email", () => {
    expect(extractLinks('<a href="https://x.example/a?b=1&amp;c=2">x</a>', "see https://y.example/b and javascript:alert(1)")).toEqual([
      "https://x.example/a?b=1&c=2",
      "https://y.example/b",
    ]);
  });

  it("parses the supplier list query leniently", () => {
    expect(SupplierListQuerySchema.parse({ tier: "bogus", page: "0", sort: "name", q: "  abc " })).toEqual({ sort: "name", q: "abc" });
  });

  it("turns reminder day lists into sorted unique numbers", () => {
    const parsed = SettingsFormSchema.parse({ defaultLocale: "da", daysAfterSend: "14, 7,7", daysBeforeDue: "", escalateAfterDays: 0 });
    expect(parsed.daysAfterSend).toEqual([7, 14]);
    expect(parsed.daysBeforeDue).toEqual([]);
    expect(parsed.onDueDate).toBe(false);
  });

  it("counts calendar days and makes slugs", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(addDaysIso("2028-02-28", 1)).toBe("2028-02-29");
    expect(slugify("Ærø Kommune – Økonomi & Løn")).toBe("aeroe-kommune-oekonomi-loen");
  });
});
