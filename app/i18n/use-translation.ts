import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatDate, formatDateTime, formatNumber } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { getTranslator } from "./translate";

/** The translator and formatters for the language chosen in the root loader. */
export function useTranslation() {
  const root = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = root?.locale ?? DEFAULT_LOCALE;
  return useMemo(
    () => ({
      locale,
      t: getTranslator(locale),
      formatDate: (value: Date | string) => formatDate(value, locale),
      formatDateTime: (value: Date) => formatDateTime(value, locale),
      formatNumber: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, locale, options),
    }),
    [locale],
  );
}
