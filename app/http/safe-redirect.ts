const SITE = "http://same-site.invalid";

/**
 * `redirectTo` may only lead to a path on this site (SECURITY.md row 18).
 *
 * The check is made on what is returned, not only on what came in: URL normalisation turns dot
 * segments (`/.//evil.test`, `/%2e//evil.test`) and stripped characters (tabs, newlines) into a
 * scheme-relative `//evil.test`, which a browser follows to another host. So the input is refused
 * when it holds anything a browser would strip or reinterpret (controls, backslashes), and the
 * normalised result is refused unless it is a single `/` not followed by `/` or `\`.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !isSingleSlashPath(target)) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isSingleSlashPath(path) ? path : fallback;
}

function isSingleSlashPath(value: string): boolean {
  return value.startsWith("/") && value[1] !== "/" && value[1] !== "\\";
}
