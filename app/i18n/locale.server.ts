import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";
import { readCookie } from "~/auth/session-cookie.server";

/** The reader's language: the `lang` cookie, else Accept-Language, else Danish. */
export function getLocale(request: Request): Locale {
  const fromCookie = readCookie(request, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

export function serializeLocaleCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Max-Age=31536000; Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
}
