import type { IncomingMessage } from 'node:http';

/** The id requestIdMiddleware gave the request (pino-http types it loosely). */
export function requestIdOf(req: IncomingMessage): string {
  const id: unknown = req.id;
  if (typeof id === 'string') return id;
  return typeof id === 'number' ? String(id) : 'unknown';
}
