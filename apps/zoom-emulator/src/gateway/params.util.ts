import type { EndpointSpec } from '#libs/zoom-contract';
import type { PageTokenStore } from '../pagination/page-token.store.js';
import { PageTokenStore as Pages } from '../pagination/page-token.store.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { TenantUser } from '../tenant/tenant-model.js';
import { ZoomError } from './zoom-error.js';
import type { ZoomRequest } from './zoom-request.js';

export type Query = Record<string, unknown>;

export function str(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw ZoomError.validation(name);
  return value;
}

export function requiredStr(query: Query, name: string): string {
  const value = str(query, name);
  if (value === undefined || value === '') throw ZoomError.validation(name, `${name} is required.`);
  return value;
}

export function bool(query: Query, name: string, fallback: boolean): boolean {
  const value = str(query, name);
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw ZoomError.validation(name);
}

/** `page_size` with the endpoint's default; values over the maximum are clamped and echoed clamped. */
export function pageSize(query: Query, endpoint: EndpointSpec): number {
  const spec = endpoint.pageSize;
  if (!spec) throw new Error(`${endpoint.operationId} is not paginated`);
  const raw = str(query, 'page_size');
  if (raw === undefined || raw === '') return spec.default;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) throw ZoomError.validation('page_size');
  return Math.min(value, spec.max);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `yyyy-mm-dd` date as the epoch ms of its UTC midnight. */
export function parseDate(query: Query, name: string, required: boolean): number | undefined {
  const raw = str(query, name);
  if (raw === undefined || raw === '') {
    if (required) throw ZoomError.validation(name, `${name} is required.`);
    return undefined;
  }
  const m = DATE.exec(raw);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) {
    throw ZoomError.validation(name, `Invalid date: ${raw}. Expected yyyy-mm-dd.`);
  }
  return ms;
}

/** A `yyyy-MM-dd'T'HH:mm:ss'Z'` date-time (milliseconds accepted) as epoch ms. */
export function parseDateTime(query: Query, name: string): number | undefined {
  const raw = str(query, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw ZoomError.validation(name, `Invalid date-time: ${raw}. Expected yyyy-MM-ddTHH:mm:ssZ.`);
  }
  return Date.parse(raw);
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The user a `/chat/users/{userId}` route acts for: `me` is the token's user (or, for an
 * account-level token, the account owner); otherwise an account user by id or email.
 */
export function actingUser(tenant: TenantService, req: ZoomRequest, userId: string): TenantUser {
  if (userId === 'me') {
    const id = req.zoom.token.userId;
    const user = id ? tenant.user(id) : tenant.owner();
    if (!user) throw ZoomError.userNotFound(userId);
    return user;
  }
  const user = tenant.user(userId);
  if (!user || user.external || user.isBot) throw ZoomError.userNotFound(userId);
  return user;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken: string;
}

/**
 * Keyset pagination behind an opaque token: `fetch(cursor, n)` returns up to n items after the
 * cursor, and `cursorOf` gives the cursor of an item. One extra item is fetched to know whether a
 * next page exists, so the last page carries `""`.
 */
export function paginate<T, C>(
  pages: PageTokenStore,
  req: ZoomRequest,
  size: number,
  fetch: (cursor: C | null, limit: number) => T[],
  cursorOf: (item: T) => C,
  wording: 'either' | 'short' = 'either',
): Page<T> {
  const binding = Pages.binding(req.zoom.endpoint.operationId, req.params, req.query);
  const token = str(req.query, 'next_page_token');
  const cursor = token ? pages.resolve<C>(token, binding, wording) : null;
  const items = fetch(cursor, size + 1);
  if (items.length <= size) return { items, nextPageToken: '' };
  const page = items.slice(0, size);
  return { items: page, nextPageToken: pages.issue(binding, cursorOf(page[page.length - 1])) };
}

/** Offset-free pagination over an in-memory list ordered by a unique key. */
export function paginateList<T>(
  pages: PageTokenStore,
  req: ZoomRequest,
  size: number,
  list: T[],
  keyOf: (item: T) => string | number,
  wording: 'either' | 'short' = 'either',
): Page<T> {
  return paginate<T, string | number>(
    pages,
    req,
    size,
    (after, limit) => {
      const start = after === null ? 0 : list.findIndex((item) => keyOf(item) > after);
      return start < 0 ? [] : list.slice(start, start + limit);
    },
    keyOf,
    wording,
  );
}
