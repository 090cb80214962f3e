import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Ids from a gateway or client are kept when they cannot smuggle anything into logs or headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value);
}

/**
 * Mounted before the body parser, so even a request whose body cannot be read has an id for its log line,
 * its error body and its audit entry.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const id = isSaneRequestId(given) ? given : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  next();
}
