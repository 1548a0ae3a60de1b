/**
 * argon2id with OWASP's minimum parameters (m=19456 KiB, t=2, p=1; SECURITY.md row 11). A hash
 * made with older parameters is replaced on the next successful login (`needsRehash`).
 */
import { hash, verify } from "@node-rs/argon2";

export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PARAMETERS = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_PARAMETERS);
}

let dummyHash: Promise<string> | undefined;
/**
 * For unknown accounts: verify against a real hash anyway, so the answer takes as long as for a
 * known account (SECURITY.md row 13).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that never matches anything");
  await verify(await dummyHash, password).catch(() => false);
  return false;
}
