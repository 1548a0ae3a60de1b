/**
 * Calendar-month arithmetic on UTC dates, shared by scoring (date answers) and reassessment
 * scheduling. Plain integer maths instead of a date library: answers are ISO dates
 * (`YYYY-MM-DD`) and the only questions asked are "how many calendar months apart".
 *
 * "Today" is the UTC calendar date of the `now` passed in; Danish local midnight and UTC midnight
 * differ by one or two hours, which is immaterial for month-scale intervals.
 */

/** A calendar date as one comparable integer: `yyyymmdd`. */
export type DateKey = number;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar; `month` is 1-based. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

/** The date key of an ISO date string (`YYYY-MM-DD`), or null when it is not a real calendar date. */
export function parseIsoDate(value: string): DateKey | null {
  // Hand-rolled instead of a regular expression: scoring parses dates in its inner loop.
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return year * 10000 + month * 100 + day;
}

const DASH = 45;
const ZERO = 48;

/** The decimal number in `text[start, end)`, or -1 if any character there is not a digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function dateKeyOf(instant: Date): DateKey {
  return instant.getUTCFullYear() * 10000 + (instant.getUTCMonth() + 1) * 100 + instant.getUTCDate();
}

/**
 * The calendar date `months` months before `now` (UTC), clamped to the end of a shorter month:
 * 12 months before 2024-02-29 is 2023-02-28.
 */
export function monthsBefore(now: Date, months: number): DateKey {
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12 + 1;
  const day = Math.min(now.getUTCDate(), daysInMonth(year, month));
  return year * 10000 + month * 100 + day;
}

/**
 * `date` plus `months` calendar months, keeping the UTC time of day and clamping the day to the
 * end of a shorter month (2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(date: Date, months: number): Date {
  const totalMonths = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const monthIndex = totalMonths - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, monthIndex + 1));
  return new Date(
    Date.UTC(
      year,
      monthIndex,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/** The ISO date string of a date key. */
export function formatDateKey(key: DateKey): string {
  const year = Math.floor(key / 10000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
