import { ZoomError } from '../gateway/zoom-error.js';
import { type Query, isoDate, parseDate } from '../gateway/params.util.js';

const DAY_MS = 86_400_000;

export interface ReportWindow {
  /** Epoch ms of `from`'s UTC midnight. */
  readonly from: number;
  /** Epoch ms of the last millisecond of `to` (the window includes the whole `to` day). */
  readonly toEnd: number;
  /** The dates echoed in the body (from may have been clamped). */
  readonly fromDate: string;
  readonly toDate: string;
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay));
}

/** The earliest `from` Zoom serves: the same day six calendar months before today (UTC). */
export function reportHorizon(now: number): number {
  return addMonths(Math.floor(now / DAY_MS) * DAY_MS, -6);
}

/**
 * Zoom's report window rules (REFERENCE §3 #1/#2, §4): `from`/`to` are required dates, the range
 * covers at most one month ("the report includes only one month worth of data at once") and must lie
 * within the last six months. What Zoom answers on a violation is undocumented (REFERENCE §10):
 * strict mode answers 400 / code 300 with a message that says which rule; clamp mode moves `from`
 * up and echoes it, as Zoom does for recording lists.
 */
export function reportWindow(query: Query, now: number, strict: boolean): ReportWindow {
  let from = parseDate(query, 'from', true)!;
  const to = parseDate(query, 'to', true)!;
  if (to < from)
    throw ZoomError.badRequest(`Invalid date range: 'to' (${isoDate(to)}) is before 'from' (${isoDate(from)}).`);
  const horizon = reportHorizon(now);
  if (to > addMonths(from, 1)) {
    if (strict) {
      throw ZoomError.badRequest(
        `Invalid date range: ${isoDate(from)} to ${isoDate(to)} is longer than one month. The report includes only one month worth of data at once.`,
      );
    }
    from = addMonths(to, -1);
  }
  if (from < horizon) {
    if (strict || to < horizon) {
      throw ZoomError.badRequest(
        `Invalid date range: 'from' (${isoDate(from)}) is before ${isoDate(horizon)}. The monthly date range must be within the last six months.`,
      );
    }
    from = horizon;
  }
  return { from, toEnd: to + DAY_MS - 1, fromDate: isoDate(from), toDate: isoDate(to) };
}
