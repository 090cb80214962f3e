/**
 * A value Postgres can store as jsonb and give back unchanged, so the hash taken before the insert is the
 * one recomputed from the row: what JSON cannot hold goes the way JSON.stringify takes it (non-finite
 * numbers become null), NUL and lone surrogates become U+FFFD (jsonb and text refuse both), in keys too.
 * Audit entries record whatever a client sent, including inputs crafted to break exactly this.
 */
export function storableJson(value: Record<string, unknown>): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(value) ?? '{}') as unknown;
  const clean = cleanValue(plain);
  return clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Record<string, unknown>) : {};
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (String#toWellFormed, ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), cleanValue(v)]));
  }
  return value;
}
