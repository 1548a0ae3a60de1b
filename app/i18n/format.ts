import { INTL_LOCALE, type Locale } from "./locales";

const TIME_ZONE = "Europe/Copenhagen";
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}

/** An ISO calendar date (`2026-11-23`) or a Date, as a date in the reader's language. */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return dateFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(date);
}

export function formatDateTime(value: Date, locale: Locale): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(value);
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  const key = `n:${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    cache.set(key, format);
  }
  return format.format(value);
}
