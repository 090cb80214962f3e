import { decodeMessageId, encodeMessageId } from './message-id.util.js';

describe('generated message ids', () => {
  it('decode back to their coordinates, with or without braces and in any case', () => {
    const c = { sessionIdx: 4321, day: 20_400, index: 77 };
    const id = encodeMessageId(5, c, false);
    expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(decodeMessageId(5, id)).toEqual(c);
    expect(decodeMessageId(5, `{${id}}`)).toEqual(c);
    expect(decodeMessageId(5, id.toLowerCase())).toEqual(c);
    expect(encodeMessageId(5, c, true)).toBe(`{${id}}`);
  });

  it('do not decode under another seed, when altered, or when made up', () => {
    const id = encodeMessageId(5, { sessionIdx: 1, day: 20_000, index: 0 }, false);
    expect(decodeMessageId(6, id)).toBeNull();
    const altered = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    expect(decodeMessageId(5, altered)).toBeNull();
    expect(decodeMessageId(5, '67360091-581D-401E-BF11-B560495FE2E5')).toBeNull();
    expect(decodeMessageId(5, 'not-a-guid')).toBeNull();
  });
});
