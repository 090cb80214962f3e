import type { NewAuditEntry } from '#libs/archive';
import type { Principal } from '../auth/principal.js';

/** Names whose values never reach the audit log (nor logs): credentials a body could carry. */
const SECRET_NAME = /secret|password|passphrase|token|authorization|api[_-]?key|^key$/i;
const MAX_DEPTH = 8;
const MAX_STRING = 4_096;
const MAX_ITEMS = 200;

export interface AuditedRequest {
  action: string;
  requestId: string;
  principal: Principal | undefined;
  method: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  clientAddress: string | undefined;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The entry for one audited request. `query` holds the query parameters and, for a write, its body under
 * `body` — both as the client sent them (bounded and with secrets redacted), also when they were rejected.
 */
export function auditEntry(
  request: AuditedRequest,
  outcome: { statusCode: number; resultCount: number | null },
): NewAuditEntry {
  const query: Record<string, unknown> = { ...(bounded(request.query, 0) as Record<string, unknown>) };
  if (WRITES.has(request.method) && request.body !== undefined) query.body = bounded(request.body, 0);
  return {
    requestId: request.requestId,
    actorKeyId: request.principal?.keyId ?? null,
    actorName: request.principal?.name ?? 'anonymous',
    role: request.principal?.role ?? null,
    action: request.action,
    target: { ...(bounded(request.params, 0) as Record<string, unknown>) },
    query,
    resultCount: outcome.resultCount,
    statusCode: outcome.statusCode,
    clientAddress: request.clientAddress ?? null,
  };
}

/** `data.length` of a list, 1 for a single object, null when the response carries no data. */
export function resultCount(body: unknown): number | null {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  if (Array.isArray(data)) return data.length;
  return data === undefined || data === null ? null : 1;
}

/** A JSON-safe copy: secrets redacted, depth, long strings and long arrays cut, each cut marked. */
function bounded(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…[${value.length - MAX_STRING} more]` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => bounded(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `…[${value.length - MAX_ITEMS} more]`] : items;
  }
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, MAX_ITEMS)
      .map(([key, item]) => [key, SECRET_NAME.test(key) ? '[redacted]' : bounded(item, depth + 1)]),
  );
}
