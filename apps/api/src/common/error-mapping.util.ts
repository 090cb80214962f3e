import { HttpException } from '@nestjs/common';
import { ApiError, type ApiErrorCode } from './api.error.js';

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Messages of client errors echo what the client sent; keep a hostile 16 kB URL from coming back whole. */
const MAX_MESSAGE = 500;

/** body-parser's error types (http-errors `type`), as the cause of the HttpException Nest maps them to. */
const BODY_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'is not valid JSON',
  'entity.too.large': 'is larger than this API accepts',
  'entity.verify.failed': 'could not be verified',
  'encoding.unsupported': 'has an unsupported content encoding',
  'encoding.invalid': 'does not decode with its Content-Encoding',
  'charset.unsupported': 'has an unsupported charset',
  'request.aborted': 'was not received completely',
  'request.size.invalid': 'does not match its Content-Length',
};

/** Whatever was thrown, as the API's one error; internals of a server fault never reach the client. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  return fromServerError(error);
}

function fromHttpException(error: HttpException): ApiError {
  const status = error.getStatus();
  if (status >= 500) return internal(error);
  const code = CODE_BY_STATUS[status] ?? 'bad_request';
  if (error.cause instanceof URIError) {
    const message = 'is not valid percent-encoding';
    return new ApiError(400, 'validation_failed', `The request path ${message}`, [{ parameter: 'path', message }], {
      cause: error,
    });
  }
  const bodyError = bodyParserType(error.cause);
  if (bodyError) {
    const message = BODY_ERRORS[bodyError] ?? 'could not be read';
    return new ApiError(status, code, `The request body ${message}`, [{ parameter: 'body', message }], {
      cause: error,
    });
  }
  return new ApiError(status, code, clip(messageOf(error)), [], { cause: error });
}

function fromServerError(error: unknown): ApiError {
  const sqlState = sqlStateOf(error);
  if (sqlState?.startsWith('22')) {
    // Data exceptions: a value the database cannot take (too long, out of range, bad encoding). Input reached
    // SQL unvalidated — a gap in a DTO — but it is still the client's value, not a server fault.
    return new ApiError(400, 'validation_failed', 'A parameter has a value the database cannot use', [], {
      cause: error,
    });
  }
  if (sqlState === '57014') {
    return new ApiError(503, 'timeout', 'The query took too long; narrow it down and try again', [], {
      cause: error,
    });
  }
  if (sqlState && /^(08|53|57P)/.test(sqlState)) return unavailable(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return unavailable(error);
  return internal(error);
}

function internal(cause: unknown): ApiError {
  return new ApiError(500, 'internal', 'Internal error; quote the request id when reporting it', [], { cause });
}

function unavailable(cause: unknown): ApiError {
  return new ApiError(503, 'unavailable', 'A backing service is unavailable; try again shortly', [], { cause });
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return error.message;
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function bodyParserType(cause: unknown): string | undefined {
  const { type, code } = (cause ?? {}) as { type?: unknown; code?: unknown };
  // A body that does not inflate: zlib's error, passed on by body-parser with a 400 but no type.
  if (typeof code === 'string' && code.startsWith('Z_')) return 'encoding.invalid';
  return typeof type === 'string' &&
    (type.startsWith('entity.') || type.includes('.unsupported') || type.startsWith('request.'))
    ? type
    : undefined;
}

/** The SQLSTATE of a Postgres error, from node-postgres directly or wrapped by TypeORM. */
function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name !== 'QueryFailedError' && error.name !== 'DatabaseError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
