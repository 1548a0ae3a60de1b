/** Countries offered for suppliers and sub-suppliers (ISO 3166-1 alpha-2), names from Intl. */
export const COUNTRY_CODES = [
  "DK", "SE", "NO", "FI", "IS", "DE", "NL", "BE", "LU", "FR", "IE", "GB", "ES", "PT", "IT", "AT", "CH", "PL", "CZ", "SK",
  "HU", "SI", "HR", "RO", "BG", "GR", "CY", "MT", "EE", "LV", "LT", "UA", "US", "CA", "MX", "BR", "AR", "IN", "CN", "JP",
  "KR", "SG", "AU", "NZ", "IL", "TR", "AE", "ZA", "PH", "VN", "MY", "TH", "ID", "EG", "RS", "BY", "RU",
] as const;

/** EU and EEA members, for the data-location hint. */
export const EEA_COUNTRIES = new Set([
  "DK", "SE", "FI", "DE", "NL", "BE", "LU", "FR", "IE", "ES", "PT", "IT", "AT", "PL", "CZ", "SK", "HU", "SI", "HR", "RO",
  "BG", "GR", "CY", "MT", "EE", "LV", "LT", "NO", "IS", "LI",
]);

export function countryName(code: string, locale: "da" | "en"): string {
  try {
    return new Intl.DisplayNames([locale === "da" ? "da-DK" : "en-GB"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryOptions(locale: "da" | "en") {
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale === "da" ? "da" : "en"),
  );
}
