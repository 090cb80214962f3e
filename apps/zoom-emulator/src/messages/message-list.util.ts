import { bool, isoDate, isoSeconds, parseDate, parseDateTime, str, type Query } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { compareCursor, type Cursor, type MessageView, type TenantService } from '../tenant/tenant.service.js';
import type { TenantSession, TenantUser } from '../tenant/tenant-model.js';

const DAY_MS = 86_400_000;

/** The time window of #15 and what the body echoes of it. */
export interface ListWindow {
  readonly from: number;
  readonly to: number;
  readonly echo: { date: string; from?: string; to?: string };
}

export interface ListFilter {
  readonly includeModified: boolean;
  readonly excludeChildren: boolean;
  readonly search?: { readonly type: 'message' | 'file'; readonly key: string };
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** The start of the six-month horizon: the same calendar day six months before today (UTC). */
function horizon(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 6, d.getUTCDate());
}

/**
 * `date` (default today) selects one UTC day and wins over `from`; otherwise `from`..`to` (default
 * now). Older windows are refused: "Only provide past chat messages in recent 6 months." (§3 #15).
 */
export function listWindow(query: Query, now: number): ListWindow {
  const date = parseDate(query, 'date', false);
  const from = date === undefined ? parseDateTime(query, 'from') : undefined;
  const to = date === undefined ? parseDateTime(query, 'to') : undefined;
  const echo: ListWindow['echo'] = { date: isoDate(date ?? now) };
  let window: [number, number];
  if (date !== undefined) window = [date, date + DAY_MS - 1];
  else if (from !== undefined) window = [from, to ?? now];
  else window = [startOfDay(now), to ?? startOfDay(now) + DAY_MS - 1];
  if (from !== undefined) echo.from = isoSeconds(from);
  if (to !== undefined) echo.to = isoSeconds(to);
  if (window[0] > window[1]) throw ZoomError.validation('to', 'to must not be earlier than from.');
  if (window[0] < horizon(now)) throw ZoomError.badRequest('Only provide past chat messages in recent 6 months.');
  return { from: window[0], to: window[1], echo };
}

/** Only audio has an alternative format (`audio/mp4`); files here are served as stored either way. */
export function downloadFormats(query: Query): void {
  const formats = str(query, 'download_file_formats');
  if (formats !== undefined && formats !== '' && formats !== 'audio/mp4') {
    throw ZoomError.validation('download_file_formats');
  }
}

/** Search needs both `search_type` and `search_key`, and excludes the edited/deleted view (§3 #15). */
export function listFilter(query: Query): ListFilter {
  const includeModified = bool(query, 'include_deleted_and_edited_message', false);
  const excludeChildren = bool(query, 'exclude_child_message', false);
  downloadFormats(query);
  const type = str(query, 'search_type') || undefined;
  const key = str(query, 'search_key') || undefined;
  if (!type && !key) return { includeModified, excludeChildren };
  if (type !== 'message' && type !== 'file') {
    throw ZoomError.validation('search_type', 'search_type must be message or file when search_key is given.');
  }
  if (!key || key.length > 256) throw ZoomError.validation('search_key', 'search_key must be 1 to 256 characters.');
  if (includeModified) {
    throw ZoomError.validation(
      'include_deleted_and_edited_message',
      'include_deleted_and_edited_message cannot be used with search_type and search_key.',
    );
  }
  return { includeModified, excludeChildren, search: { type, key } };
}

export function acceptOf(filter: ListFilter): (view: MessageView) => boolean {
  const key = filter.search?.key.toLowerCase();
  return (view) => {
    if (view.deleted && !filter.includeModified) return false;
    if (filter.excludeChildren && view.message.replyTo) return false;
    if (!filter.search || key === undefined) return true;
    if (filter.search.type === 'file') return view.current.files.some((f) => f.fileName.toLowerCase().includes(key));
    return view.current.text.toLowerCase().includes(key);
  };
}

/** Every conversation of a user, for a search without `to_contact` / `to_channel`. */
export function conversationsOf(tenant: TenantService, user: TenantUser): TenantSession[] {
  const channels = tenant.channelsOf(user.idx).map((c) => tenant.dir.sessions[c.sessionIdx]);
  const direct = tenant.dir.sessions.filter((s) => s.peers !== null && s.peers.includes(user.idx));
  return [...channels, ...direct];
}

/** Newest first across sessions, after a keyset cursor; (timestamp, id) orders messages globally. */
export function newestFirst(
  tenant: TenantService,
  sessions: readonly TenantSession[],
  window: ListWindow,
  cursor: Cursor | null,
  limit: number,
  accept: (view: MessageView) => boolean,
): MessageView[] {
  const found = sessions.flatMap((s) =>
    tenant.messagesInRange(s.idx, window.from, window.to, 'desc', cursor, limit, accept),
  );
  if (sessions.length <= 1) return found;
  return found.sort((a, b) => compareCursor(cursorOf(b), cursorOf(a))).slice(0, limit);
}

export function cursorOf(view: MessageView): Cursor {
  return { ts: view.message.timestamp, id: view.message.id };
}
