import { INTL_LOCALE, LOCALES, type Locale } from "./locales";

const TIME_ZONE = "Europe/Copenhagen";

// Intl formatters are costly to build and pages format dozens of values: build each once.
function perLocale<F>(make: (locale: Locale) => F): Record<Locale, F> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as Record<Locale, F>;
}

const dateFormats = perLocale((locale) => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" }));
const dateTimeFormats = perLocale((locale) => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" }));
const plainNumberFormats = perLocale((locale) => new Intl.NumberFormat(INTL_LOCALE[locale]));
const numberFormats = new Map<string, Intl.NumberFormat>();

/** An ISO calendar date (`2026-11-23`) or a Date, as a date in the reader's language. */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return dateFormats[locale].format(date);
}

export function formatDateTime(value: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(value);
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  if (!options || Object.keys(options).length === 0) return plainNumberFormats[locale].format(value);
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}
