import { ApiError } from './api.error.js';

/** Longer than any cursor this API issues; refuses megabyte "cursors" before decoding them. */
const MAX_CURSOR_LENGTH = 1_024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** An opaque keyset cursor: base64url of JSON. Clients pass it back as `cursor` unchanged. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * The position in a cursor, or a 400 naming the parameter when it is not one this list issued: forged,
 * truncated or from another list. `isPosition` checks every field before a value can reach SQL.
 */
export function decodeCursor<T>(raw: string, isPosition: (value: unknown) => value is T, parameter = 'cursor'): T {
  const invalid = () => ApiError.invalid(parameter, 'is not a cursor returned by this list');
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!isPosition(value)) throw invalid();
  return value;
}

/** For `isPosition` guards: a plain object with exactly these keys. */
export function hasExactKeys(value: unknown, keys: string[]): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}
