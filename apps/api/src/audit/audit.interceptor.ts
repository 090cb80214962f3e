import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { toApiError } from '../common/error-mapping.util.js';
import { AUDIT_ACTION_METADATA } from './audited.decorator.js';
import type { AuditedRequest } from './audit-entry.util.js';
import { resultCount } from './audit-entry.util.js';
import { AuditRecorder } from './audit-recorder.service.js';

/**
 * Appends one entry per request to an @Audited route, after the handler and before the response leaves
 * (DESIGN invariant 5). Fails closed: content whose access could not be recorded is not sent. A request that
 * failed is recorded with its status and no result count; if that record fails too, the client still gets
 * the original error and the failure is logged.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AuditRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(AUDIT_ACTION_METADATA, context.getHandler());
    if (!action) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const audited = this.recorder.capture(req, action);
    const successStatus = this.successStatus(context, req.method);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.recorder.record(audited, { statusCode: successStatus, resultCount: resultCount(body) });
        return body;
      }),
      catchError((error: unknown) =>
        from(this.recordFailure(audited, error)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private async recordFailure(audited: AuditedRequest, error: unknown): Promise<void> {
    try {
      await this.recorder.record(audited, { statusCode: toApiError(error).getStatus(), resultCount: null });
    } catch (auditError) {
      this.logger.error({ err: auditError, request_id: audited.requestId }, 'Could not record a failed request');
    }
  }

  private successStatus(context: ExecutionContext, method: string): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    if (declared) return declared;
    return method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK;
  }
}
