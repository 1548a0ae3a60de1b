import { messages, type MessageKey } from "./messages";
import type { Locale } from "./locales";

export type TranslationParams = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: TranslationParams) => string;

export function interpolate(template: string, params?: TranslationParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function getTranslator(locale: Locale): Translator {
  const dictionary: Record<string, string> = messages[locale];
  return (key, params) => interpolate(dictionary[key] ?? key, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in messages.da;
}
