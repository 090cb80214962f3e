import { type AttemptContext, type HttpResult, classifyNetworkError, classifyResponse } from './response-classifier.js';
import {
  ZoomPageTokenExpiredError,
  ZoomPermanentError,
  ZoomRateLimitError,
  ZoomRetryableError,
} from './zoom-errors.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const GET: AttemptContext = { operationId: 'reportChatSessions', method: 'GET', attempt: 2 };
const POST: AttemptContext = { operationId: 'sendaChatMessage', method: 'POST', attempt: 1 };

const res = (status: number, body?: unknown, headers: HttpResult['headers'] = {}): HttpResult => ({
  status,
  headers,
  text: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
});

describe('classifyResponse', () => {
  it('returns the parsed body of a 2xx, and undefined for an empty 204', () => {
    expect(classifyResponse(GET, res(200, { sessions: [] }))).toEqual({ kind: 'success', body: { sessions: [] } });
    expect(classifyResponse(GET, res(204))).toEqual({ kind: 'success', body: undefined });
  });

  it('treats a 2xx that is not JSON as a transient failure', () => {
    expect(classifyResponse(GET, res(200, '<html>')).kind).toBe('retry');
  });

  it('asks for a token refresh on 401 and on code 124 under any status', () => {
    const expired = classifyResponse(GET, res(401, { code: 124, message: 'Access token is expired.' }));
    expect(expired.kind).toBe('refresh');
    expect(classifyResponse(GET, res(400, { code: 124, message: 'Invalid access token.' })).kind).toBe('refresh');
  });

  it('carries status, Zoom code and message, tracking id and attempts on a permanent error', () => {
    const outcome = classifyResponse(
      GET,
      res(404, { code: 1001, message: 'User does not exist: x.' }, { 'x-zm-trackingid': 'v=2.0;rid=WEB_1' }),
    );
    expect(outcome.kind).toBe('fail');
    const error = (outcome as { error: ZoomPermanentError }).error;
    expect(error).toBeInstanceOf(ZoomPermanentError);
    expect(error).toMatchObject({
      status: 404,
      code: 1001,
      zoomMessage: 'User does not exist: x.',
      operationId: 'reportChatSessions',
      trackingId: 'v=2.0;rid=WEB_1',
      attempts: 2,
    });
    expect(error.message).toBe('Zoom reportChatSessions failed: HTTP 404, code 1001: User does not exist: x.');
  });

  it('recognises both wordings of an expired page token, and no other code-300 error', () => {
    for (const message of [
      'The next page token is either invalid or has expired.',
      'The next page token is invalid or expired.',
    ]) {
      const outcome = classifyResponse(GET, res(400, { code: 300, message }));
      expect((outcome as { error: unknown }).error).toBeInstanceOf(ZoomPageTokenExpiredError);
    }
    const other = classifyResponse(GET, res(400, { code: 300, message: 'Validation Failed.' }));
    expect((other as { error: unknown }).error).toBeInstanceOf(ZoomPermanentError);
  });

  it('surfaces a QPS 429 with a one-second wait when Retry-After is absent', () => {
    const outcome = classifyResponse(
      GET,
      res(429, { code: 429, message: 'per-second' }, { 'x-ratelimit-type': 'QPS', 'x-ratelimit-category': 'Medium' }),
      NOW,
    );
    expect(outcome.kind).toBe('rate-limited');
    const error = (outcome as { error: ZoomRateLimitError }).error;
    expect(error).toBeInstanceOf(ZoomRateLimitError);
    expect(error).toMatchObject({ kind: 'QPS', retryAfterMs: 1000, rateLimit: { type: 'QPS', category: 'Medium' } });
    expect(error.resetAt?.getTime()).toBe(NOW + 1000);
  });

  it("measures a daily limit's ISO Retry-After against the response's Date", () => {
    const headers = {
      'x-ratelimit-type': 'Daily-limit',
      'retry-after': '2026-11-21T00:00:00Z',
      date: 'Fri, 20 Nov 2026 18:00:00 GMT',
    };
    // The local clock is six hours behind Zoom's; the wait still matches Zoom's midnight.
    const outcome = classifyResponse(GET, res(429, { code: 429, message: 'daily' }, headers), NOW);
    expect((outcome as { error: ZoomRateLimitError }).error).toMatchObject({
      kind: 'Daily-limit',
      retryAfterMs: 6 * 3_600_000,
    });
  });

  it('retries 5xx for reads, with a server-stated wait when given', () => {
    const outcome = classifyResponse(GET, res(503, { code: 500, message: 'down' }, { 'retry-after': '2' }));
    expect(outcome).toMatchObject({ kind: 'retry', delayMs: 2000 });
    expect((outcome as { error: unknown }).error).toBeInstanceOf(ZoomRetryableError);
    expect(classifyResponse(GET, res(502, '<html>bad gateway</html>')).kind).toBe('retry');
  });

  it('does not repeat a POST after a 500 that may have created something, but does after a 503', () => {
    const outcome = classifyResponse(POST, res(500, { code: 500, message: 'oops' }));
    expect(outcome.kind).toBe('fail');
    expect((outcome as { error: unknown }).error).toBeInstanceOf(ZoomRetryableError);
    expect(classifyResponse(POST, res(503)).kind).toBe('retry');
  });
});

describe('classifyNetworkError', () => {
  it('retries reads after any network failure', () => {
    const outcome = classifyNetworkError(GET, 'ECONNRESET');
    expect(outcome.kind).toBe('retry');
    expect(outcome.error).toMatchObject({ networkCode: 'ECONNRESET', status: undefined, attempts: 2 });
  });

  it('retries a POST only when the request cannot have been sent', () => {
    expect(classifyNetworkError(POST, 'ECONNREFUSED').kind).toBe('retry');
    expect(classifyNetworkError(POST, 'ETIMEDOUT').kind).toBe('fail');
    expect(classifyNetworkError(POST, 'ECONNRESET').error).toBeInstanceOf(ZoomRetryableError);
  });
});
