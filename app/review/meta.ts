/** Page titles in the reader's language (the root loader's locale), for the review area's routes. */
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/messages";
import { getTranslator, type TranslationParams } from "~/i18n/translate";

export function reviewTitle(
  matches: readonly { id: string; data?: unknown }[],
  key: MessageKey,
  params?: TranslationParams,
): MetaDescriptor[] {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  const t = getTranslator(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t(key, params)} · ${t("app.name")}` }];
}
