import { HttpException } from '@nestjs/common';

export type ApiErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'bad_request'
  | 'unavailable'
  | 'timeout'
  | 'internal';

export interface ApiErrorDetail {
  /** The query, path or body parameter at fault (`filters.sender` for nested body fields). */
  parameter: string;
  message: string;
}

/**
 * The one error of the API (STYLE 13): whatever throws it, the client gets
 * `{"error": {status, code, message, details?}, "request_id"}`.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super({ code, message, details }, status, options);
    this.message = message;
  }

  /** 400 naming the parameter, e.g. `ApiError.invalid('cursor', 'is not a cursor returned by this API')`. */
  static invalid(parameter: string, message: string): ApiError {
    return new ApiError(400, 'validation_failed', `Invalid parameter ${parameter}: ${message}`, [
      { parameter, message },
    ]);
  }

  static notFound(message: string): ApiError {
    return new ApiError(404, 'not_found', message);
  }
}
