/**
 * `redirectTo` may only lead to a path on this site (SECURITY.md row 18): `//evil.test`,
 * `/\evil.test`, `https://evil.test` and anything not starting with a single `/` end at `/`.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://same-site.invalid");
    if (url.origin !== "http://same-site.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
