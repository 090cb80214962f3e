import type { Request, Response } from 'express';
import { ApiError } from './api.error.js';
import { errorBody } from './error-body.util.js';
import { requestIdOf } from './request-id.util.js';

/**
 * Mounted last: Nest answers unknown paths under the global prefix itself, but anything else would get
 * Express's HTML page instead of the API's error body.
 */
export function notFoundMiddleware(req: Request, res: Response): void {
  const error = ApiError.notFound(`No route ${req.method} ${req.path.slice(0, 200)}`);
  res.status(404).json(errorBody(error, requestIdOf(req)));
}
