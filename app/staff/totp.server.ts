/**
 * TOTP second factor (RFC 6238 via @oslojs/otp; SECURITY.md row 15): a 160-bit secret, 30-second
 * steps, ±1 step of clock drift, a step once accepted is never accepted again (users.totpLastStep),
 * and ten single-use recovery codes of which only SHA-256 hashes are kept.
 */
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import QRCode from "qrcode";
import { getDb, type Db } from "#db/client";
import { claimTotpStep, replaceRecoveryCodes, useRecoveryCode, type UserRow } from "#db/repos/users";
import { hashesEqual, hashToken, newId } from "~/security/tokens.server";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

export function generateTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

export function totpKey(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.toUpperCase());
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(secret: string, now: Date): string {
  return generateHOTP(totpKey(secret), BigInt(totpStep(now)), TOTP_DIGITS);
}

export function totpUri(secret: string, accountName: string, issuer = "Leverandørtjek"): string {
  return createTOTPKeyURI(issuer, accountName, totpKey(secret), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The QR code to scan, as a data: URL image (the CSP allows img-src data:). */
export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
}

/** The step within ±1 of now whose code is `code`, or null. Every candidate is compared. */
export function matchingTotpStep(secret: string, code: string, now: Date): number | null {
  const key = totpKey(secret);
  const current = totpStep(now);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    if (hashesEqual(generateHOTP(key, BigInt(step), TOTP_DIGITS), code) && matched === null) matched = step;
  }
  return matched;
}

/** Checks a code against a confirmed secret and claims its step, so it cannot be used again. */
export function verifyTotpForUser(user: Pick<UserRow, "id" | "totpSecret">, code: string, options: { now?: Date; db?: Db } = {}): boolean {
  if (!user.totpSecret || !/^\d{6}$/.test(code)) return false;
  const step = matchingTotpStep(user.totpSecret, code, options.now ?? new Date());
  if (step === null) return false;
  return claimTotpStep(options.db ?? getDb(), user.id, step);
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[^A-Za-z2-7]/g, "").toLowerCase();
}

/** Makes ten new recovery codes (replacing any earlier ones); the plain codes are shown once. */
export function issueRecoveryCodes(userId: string, options: { now?: Date; db?: Db } = {}): string[] {
  const now = options.now ?? new Date();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(7);
    crypto.getRandomValues(bytes);
    const raw = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  replaceRecoveryCodes(
    options.db ?? getDb(),
    userId,
    codes.map((code) => ({ id: newId(), codeHash: hashToken(normaliseRecoveryCode(code)), createdAt: now })),
  );
  return codes;
}

export function useRecoveryCodeForUser(userId: string, code: string, options: { now?: Date; db?: Db } = {}): boolean {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 10) return false;
  return useRecoveryCode(options.db ?? getDb(), userId, hashToken(normalised), options.now ?? new Date());
}

/** A TOTP code or, failing that, a recovery code. */
export function verifySecondFactor(
  user: Pick<UserRow, "id" | "totpSecret">,
  code: string,
  options: { now?: Date; db?: Db } = {},
): "totp" | "recovery" | null {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) return verifyTotpForUser(user, trimmed, options) ? "totp" : null;
  return useRecoveryCodeForUser(user.id, trimmed, options) ? "recovery" : null;
}
