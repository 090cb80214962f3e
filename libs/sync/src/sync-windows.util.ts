/** Date arithmetic of sync windows. Dates are `yyyy-mm-dd` strings in UTC. */

const DAY_MS = 86_400_000;

export const toDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const parseDay = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string => toDate(parseDay(date) + days * DAY_MS);

export function addMonths(date: string, months: number): string {
  const d = new Date(parseDay(date));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return toDate(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay)));
}

/** Zoom serves reports from the same day six calendar months ago (REFERENCE §3 #1/#2). */
export function reportHorizon(today: string): string {
  return addMonths(today, -6);
}

export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * Calendar-month windows covering [from, to]: as wide as Zoom allows (one month), so a quiet
 * session costs one call per month, and aligned to months so they stay the same from tick to tick.
 */
export function monthWindows(from: string, to: string): DateWindow[] {
  const windows: DateWindow[] = [];
  let start = from;
  while (start <= to) {
    const d = new Date(parseDay(start));
    const monthEnd = toDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    const end = monthEnd < to ? monthEnd : to;
    windows.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return windows;
}

/** A window is still open while messages may arrive or settle in it. */
export function isOpen(window: DateWindow, today: string, lookbackDays: number): boolean {
  return window.to >= addDays(today, -lookbackDays);
}
