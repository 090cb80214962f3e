import { ApiError } from './api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from './cursor.util.js';

const isPosition = (value: unknown): value is { id: string } =>
  hasExactKeys(value, ['id']) && typeof value.id === 'string' && /^\d+$/.test(value.id);

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('cursors', () => {
  it('round-trip a position', () => {
    const cursor = encodeCursor({ id: '42' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, isPosition)).toEqual({ id: '42' });
  });

  it.each([
    ['empty', ''],
    ['not base64url', '!!!'],
    ['padding', `${b64('{"id":"1"}')}=`],
    ['not JSON', b64('hello')],
    ['JSON of another shape', b64('{"id":"1","x":2}')],
    ['an array', b64('["1"]')],
    ['null', b64('null')],
    ['a value that must not reach SQL', b64(`{"id":"1' OR 1=1 --"}`)],
    ['huge', 'A'.repeat(5_000)],
  ])('refuses %s with a 400 naming the parameter', (_, raw) => {
    let error: unknown;
    try {
      decodeCursor(raw, isPosition, 'cursor');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    expect((error as ApiError).details).toEqual([{ parameter: 'cursor', message: expect.any(String) }]);
  });
});
