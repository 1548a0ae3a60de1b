import type { MetaDescriptor } from "@remix-run/node";
import type { MessageKey } from "~/i18n/messages";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/translate";

/** A page title in the reader's language (from the root loader's locale): "<page> · Leverandørtjek". */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: MessageKey, params?: Record<string, string | number>): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = getTranslator(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE);
  return [{ title: `${t(key, params)} · ${t("app.name")}` }];
}
