/** Field checks for cursor guards (common/cursor.util.ts): every value is checked before it can reach SQL. */

const MICRO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A database timestamp as cursors carry it: UTC, six fractional digits, a real calendar time (JavaScript
 * would roll 2026-02-30 over to March; Postgres refuses it).
 */
export function isMicroTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !MICRO_TIMESTAMP.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** An id this API returned: non-empty, short, no control characters. */
export function isKeyText(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return typeof value === 'string' && value.length > 0 && value.length <= 200 && !/[\u0000-\u001f]/.test(value);
}
