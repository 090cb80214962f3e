import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toApiError } from './error-mapping.util.js';
import { errorBody } from './error-body.util.js';
import { requestIdOf } from './request-id.util.js';

/** Every error of every route (and of no route: 404s, unreadable bodies) leaves in the one error body. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = toApiError(exception);
    const requestId = requestIdOf(req);
    const status = error.getStatus();
    if (status >= 500) {
      const cause = error.cause ?? exception;
      this.logger.error(
        { err: cause instanceof Error ? cause : new Error(String(cause)), request_id: requestId, status },
        'Request failed',
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(errorBody(error, requestId));
  }
}
