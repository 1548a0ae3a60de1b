/**
 * A message namespace: Danish is the reference; English must have exactly the same keys
 * (TypeScript refuses a missing or extra key, and tests/unit/i18n checks placeholders too).
 * Placeholders are `{name}`.
 */
export function defineMessages<const T extends Record<string, string>>(messages: {
  da: T;
  en: { [K in keyof T]: string };
}) {
  return messages;
}
