import { type Query, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { TenantUser } from '../tenant/tenant-model.js';

/** `contact_types` is typed integer but documented as a comma-separated list of 1..8 (REFERENCE §3 #7). */
export function contactTypes(query: Query): Set<number> {
  const raw = str(query, 'contact_types');
  if (raw === undefined || raw === '') return new Set([1]);
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^[1-8]$/.test(part))) throw ZoomError.validation('contact_types');
  return new Set(parts.map(Number));
}

export function userStatus(query: Query): TenantUser['status'] | undefined {
  const raw = str(query, 'user_status');
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'active' && raw !== 'inactive') throw ZoomError.validation('user_status');
  return raw;
}

/**
 * Zoom matches `search_key` against first name, last name or email (REFERENCE §3 #7); the emulator
 * takes any case-insensitive substring of those, or of the full name so "Jill Chill" finds Jill.
 */
export function matchesSearchKey(user: TenantUser, searchKey: string): boolean {
  const needle = searchKey.trim().toLowerCase();
  const fields = [user.firstName, user.lastName, `${user.firstName} ${user.lastName}`, user.email];
  return fields.some((field) => field.toLowerCase().includes(needle));
}
