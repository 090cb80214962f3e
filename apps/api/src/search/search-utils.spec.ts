import { ApiError } from '../common/api.error.js';
import { isKeyText, isMicroTimestamp } from './cursor-fields.util.js';
import { dateParam } from './date-param.util.js';
import { containsPattern } from './like-pattern.util.js';

describe('dateParam', () => {
  it('reads ISO 8601 date-times and dates', () => {
    expect(dateParam('from', '2026-11-17T08:00:00+01:00')?.toISOString()).toBe('2026-11-17T07:00:00.000Z');
    expect(dateParam('from', '2026-11-17')?.toISOString()).toBe('2026-11-17T00:00:00.000Z');
    expect(dateParam('from', undefined)).toBeUndefined();
  });

  it.each(['0000-01-01T00:00:00Z', '2026-W01-1', '+275760-09-13T00:00:00Z'])(
    'refuses %s with a 400 naming the parameter, before Postgres would fail on it',
    (value) => {
      const error = (() => {
        try {
          dateParam('to', value);
        } catch (e) {
          return e as ApiError;
        }
      })();
      expect(error).toBeInstanceOf(ApiError);
      expect(error?.getStatus()).toBe(400);
      expect(error?.details).toEqual([{ parameter: 'to', message: expect.any(String) }]);
    },
  );
});

describe('containsPattern', () => {
  it('takes %, _ and backslash literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('cursor fields', () => {
  it('accept what the API writes and nothing else', () => {
    expect(isMicroTimestamp('2026-11-17T08:01:00.135000Z')).toBe(true);
    expect(isMicroTimestamp('2026-11-17T08:01:00.135Z')).toBe(false);
    expect(isMicroTimestamp('2026-13-45T08:01:00.135000Z')).toBe(false);
    expect(isMicroTimestamp('2026-02-30T08:01:00.135000Z')).toBe(false);
    expect(isMicroTimestamp(1)).toBe(false);
    expect(isKeyText('67360091-581D-401E-BF11-000000000001')).toBe(true);
    expect(isKeyText('')).toBe(false);
    expect(isKeyText('a\nb')).toBe(false);
    expect(isKeyText('x'.repeat(201))).toBe(false);
  });
});
