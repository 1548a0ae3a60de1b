import type { MessageKey } from "~/i18n/messages";
import type { Translator } from "~/i18n/translate";

/**
 * One risk-rating reason as a sentence in the reader's language: tier, rating, severity and flag
 * ids in the reader's words rather than as codes. Used by the review page and the PDF report.
 */
export function riskReasonText(
  reason: { code: string; params: unknown },
  t: Translator,
  formatNumber: (value: number) => string,
  flagTitle: (flagId: string) => string,
): string {
  const params = Object.fromEntries(
    Object.entries((reason.params ?? {}) as Record<string, unknown>).map(([key, value]) => {
      if (key === "tier" && typeof value === "string") return [key, t(`tier.${value}` as MessageKey)];
      if (key === "rating" && typeof value === "string") return [key, t(`rating.${value}` as MessageKey)];
      if (key === "severity" && typeof value === "string") return [key, t(`severity.${value}` as MessageKey)];
      if (key === "flagId") return [key, flagTitle(String(value))];
      if (typeof value === "number") return [key, formatNumber(value)];
      return [key, value === null || value === undefined ? "–" : String(value)];
    }),
  );
  return t(`review.risk.reason.${reason.code}` as MessageKey, params);
}
