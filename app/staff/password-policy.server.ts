/**
 * Choosing a password (SECURITY.md row 12): 12 to 256 characters of any Unicode (the form schema
 * checks the length), and not on the shipped list of common passwords (app/auth/common-passwords.txt),
 * compared case-insensitively after Unicode normalisation.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const LIST = path.join("app", "auth", "common-passwords.txt");

/** The shipped list, found from the working directory or, failing that, upwards from this module (source or build). */
function listFile(): string {
  const fromCwd = path.resolve(process.cwd(), LIST);
  if (existsSync(fromCwd)) return fromCwd;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, LIST);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${LIST} not found`);
    dir = parent;
  }
}

let commonPasswords: Set<string> | undefined;

function normalise(password: string): string {
  return password.normalize("NFKC").toLowerCase().trim();
}

export function loadCommonPasswords(file = listFile()): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith("#"))
      .map(normalise),
  );
  return commonPasswords;
}

export function isCommonPassword(password: string): boolean {
  const candidate = normalise(password);
  const list = loadCommonPasswords();
  if (list.has(candidate)) return true;
  // One character repeated, or the email-style "same word twice" padding, is as weak as the list.
  return /^(.)\1*$/u.test(candidate);
}

/** The message key of what is wrong with a new password, or null when it may be used. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < 12) return "staff.validation.passwordTooShort";
  if (password.length > 256) return "staff.validation.passwordTooLong";
  if (isCommonPassword(password)) return "staff.validation.passwordCommon";
  const lower = normalise(password);
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && (lower === normalise(context.email!) || lower === local)) return "staff.validation.passwordIsEmail";
  return null;
}
