/** Calendar dates as ISO text (`YYYY-MM-DD`), UTC, as the rest of the product uses them (app/scoring/calendar.ts). */
const DAY = 24 * 60 * 60 * 1000;

export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDaysIso(date: string, days: number): string {
  return isoDate(new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY));
}

export function isoDateIn(days: number, from: Date): string {
  return isoDate(new Date(from.getTime() + days * DAY));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);
}
