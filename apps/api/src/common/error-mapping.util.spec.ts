import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ApiError } from './api.error.js';
import { toApiError } from './error-mapping.util.js';

const dbError = (code: string, name = 'QueryFailedError') =>
  Object.assign(new Error(`db says ${code}`), { name, code });

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const error = ApiError.invalid('limit', 'must be an integer');
    expect(toApiError(error)).toBe(error);
  });

  it('gives HttpExceptions a code from their status and keeps their message', () => {
    const notFound = toApiError(new NotFoundException('Cannot GET /x'));
    expect([notFound.getStatus(), notFound.code, notFound.message]).toEqual([404, 'not_found', 'Cannot GET /x']);
    expect(toApiError(new HttpException('teapot', 418)).code).toBe('bad_request');
  });

  it('names the body for what the body parser rejects', () => {
    const parse = toApiError(
      new BadRequestException('Unexpected token', {
        cause: Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed' }),
      }),
    );
    expect(parse.details).toEqual([{ parameter: 'body', message: 'is not valid JSON' }]);
    const large = toApiError(
      new HttpException('too large', 413, { cause: Object.assign(new Error('x'), { type: 'entity.too.large' }) }),
    );
    expect([large.getStatus(), large.code]).toEqual([413, 'payload_too_large']);
  });

  it('names the path for a percent-encoding Express cannot decode', () => {
    const error = toApiError(new BadRequestException('Failed to decode param', { cause: new URIError('x') }));
    expect(error.details).toEqual([{ parameter: 'path', message: 'is not valid percent-encoding' }]);
  });

  it('answers a data exception from Postgres 400, a cancelled statement 503, anything else 500 without internals', () => {
    expect(toApiError(dbError('22P02')).getStatus()).toBe(400);
    expect(toApiError(dbError('22021', 'DatabaseError')).getStatus()).toBe(400);
    expect(toApiError(dbError('57014')).code).toBe('timeout');
    expect(toApiError(dbError('08006')).code).toBe('unavailable');
    const internal = toApiError(dbError('42P01'));
    expect([internal.getStatus(), internal.code]).toEqual([500, 'internal']);
    expect(internal.message).not.toContain('db says');
    expect(toApiError(Object.assign(new Error('x'), { code: 'EPIPE' })).getStatus()).toBe(500);
    expect(toApiError('a string').getStatus()).toBe(500);
  });

  it('never passes on the message of a 5xx HttpException', () => {
    const error = toApiError(new HttpException('connection to 10.0.0.3 failed', 502));
    expect([error.getStatus(), error.message]).toEqual([500, expect.not.stringContaining('10.0.0.3')]);
  });
});
