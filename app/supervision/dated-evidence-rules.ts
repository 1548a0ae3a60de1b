/**
 * Rules for assurance reports and other dated evidence (SPEC C11). Pure: no I/O, the clock is a
 * parameter; calendar dates are ISO text (`YYYY-MM-DD`, UTC).
 *
 * A report is flagged when
 * - it is older than 12 months: the end of the period it covers (for a certificate, its issue
 *   period; for a penetration test, the test date) lies more than 12 months back, so it no
 *   longer says much about the controls today (CFCS 5.3: IT audits by certified auditors as a
 *   recurring control);
 * - the auditor's opinion is qualified ("med forbehold");
 * - staff have marked that its scope does not cover the service delivered. Whether a scope
 *   covers a service is a judgement on free text, so the rule does not guess it: staff mark it,
 *   and until they do it raises no flag but is shown as "not yet marked".
 */
import type { DatedEvidenceKind } from "#db/schema";
import { addMonths } from "~/scoring/calendar";
import { daysBetween, isoDate } from "~/staff/dates";

/** Auditor's statements and certificates: the assurance reports proper. */
export const ASSURANCE_REPORT_KINDS = ["isae3402", "isae3000", "isae3000_gdpr", "d_maerket", "iso27001"] as const satisfies readonly DatedEvidenceKind[];
/** Kinds that come as type 1 (design) or type 2 (design and operating effectiveness). */
export const TYPED_KINDS: readonly DatedEvidenceKind[] = ["isae3402", "isae3000", "isae3000_gdpr"];

export const EXPIRY_WARNING_DAYS = 30;
const STALE_AFTER_MONTHS = 12;

function monthsAfter(date: string, months: number): string {
  return isoDate(addMonths(new Date(`${date}T00:00:00Z`), months));
}

/** A penetration test has no expiry of its own: it is out of date 12 months after it was done. */
export function expiryFor(kind: DatedEvidenceKind, periodEnd: string, expiresOn: string | null | undefined): string {
  if (expiresOn) return expiresOn;
  return monthsAfter(periodEnd, STALE_AFTER_MONTHS);
}

export type AssuranceFlagReason = "older-than-12-months" | "qualified" | "scope-not-covered";

export interface AssuranceFlagInput {
  kind: DatedEvidenceKind;
  periodEnd: string;
  qualified: boolean;
  scopeCovers: boolean | null;
}

/** Why a report deserves a reviewer's attention; empty when it does not. */
export function assuranceFlags(report: AssuranceFlagInput, now: Date): AssuranceFlagReason[] {
  const reasons: AssuranceFlagReason[] = [];
  if (monthsAfter(report.periodEnd, STALE_AFTER_MONTHS) < isoDate(now)) reasons.push("older-than-12-months");
  if (report.qualified) reasons.push("qualified");
  if (report.scopeCovers === false) reasons.push("scope-not-covered");
  return reasons;
}

export type ExpiryStatus = "valid" | "expiring" | "lapsed";

/** Lapsed after its expiry day; expiring from 30 days before it. */
export function expiryStatus(expiresOn: string, now: Date): ExpiryStatus {
  const days = daysBetween(isoDate(now), expiresOn);
  if (days < 0) return "lapsed";
  if (days <= EXPIRY_WARNING_DAYS) return "expiring";
  return "valid";
}

export interface ExpiryItem {
  id: string;
  expiresOn: string;
}

export type ExpiryNotice = { kind: "request-renewal"; id: string; dedupeKey: string } | { kind: "lapsed"; id: string; dedupeKey: string };

/**
 * What the expiry job owes for each current item today: within 30 days of expiry, one request to
 * the supplier for the new document; after expiry, one warning to the internal owner. The dedupe
 * keys name the item and its expiry date, so a replaced document (new expiry) starts afresh and a
 * second run sends nothing twice.
 */
export function expiryNotices(items: readonly ExpiryItem[], now: Date): ExpiryNotice[] {
  const notices: ExpiryNotice[] = [];
  for (const item of items) {
    const status = expiryStatus(item.expiresOn, now);
    if (status === "expiring") notices.push({ kind: "request-renewal", id: item.id, dedupeKey: `evidence-renewal:${item.id}:${item.expiresOn}` });
    if (status === "lapsed") notices.push({ kind: "lapsed", id: item.id, dedupeKey: `evidence-lapsed:${item.id}:${item.expiresOn}` });
  }
  return notices;
}

/**
 * The questionnaire's dated questions that are documents followed here, by their stable question
 * ids (ids never change meaning across questionnaire versions): the certificate's and the
 * policy's "valid until" dates, and the penetration test's date. The questionnaire promises the
 * supplier a reminder before these lapse.
 */
export const DATED_QUESTIONS: Readonly<Record<string, DatedEvidenceKind>> = {
  "iso27001-certificate-expiry": "iso27001",
  "insurance-end-date": "insurance",
  "penetration-test-date": "pentest",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dated evidence read from a submitted answer, or null for other questions and unusable values.
 * A "valid until" answer expires on its date; the period it speaks for ends when it was submitted
 * (or at the expiry, if earlier). A penetration test's date ends its period, and it lapses 12
 * months later.
 */
export function datedEvidenceFromAnswer(questionId: string, value: unknown, submittedOn: string): { kind: DatedEvidenceKind; periodEnd: string; expiresOn: string } | null {
  const kind = DATED_QUESTIONS[questionId];
  if (!kind || typeof value !== "string" || !ISO_DATE.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) return null;
  if (kind === "pentest") return { kind, periodEnd: value, expiresOn: expiryFor(kind, value, null) };
  return { kind, periodEnd: value < submittedOn ? value : submittedOn, expiresOn: value };
}
