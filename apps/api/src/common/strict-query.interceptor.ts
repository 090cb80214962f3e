import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ApiError } from './api.error.js';
import { RouteParamtypes, handlerArgTypes } from './route-args.util.js';

/**
 * A route that takes no query DTO still refuses query parameters, as the ValidationPipe refuses unknown
 * ones on routes that do: a misspelt filter must fail loudly rather than silently return everything.
 */
@Injectable()
export class StrictQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const names = Object.keys(req.query);
    if (
      names.length > 0 &&
      !handlerArgTypes(context.getClass().prototype as object, context.getHandler().name).has(RouteParamtypes.QUERY)
    ) {
      throw ApiError.invalid(names[0], 'is not a known parameter');
    }
    return next.handle();
  }
}
