import { storableJson, storableText } from './storable-json.util.js';

describe('storableJson', () => {
  it('replaces what jsonb refuses, in values and keys, and drops what JSON cannot hold', () => {
    expect(
      storableJson({
        nul: 'a\u0000b',
        'k\u0000': 'v',
        lone: '\ud800x',
        low: 'x\udc00',
        pair: '😀',
        inf: Infinity,
        nested: [{ u: undefined, n: NaN }],
        fn: () => 1,
      }),
    ).toEqual({
      nul: 'a\uFFFDb',
      'k\uFFFD': 'v',
      lone: '\uFFFDx',
      low: 'x\uFFFD',
      pair: '😀',
      inf: null,
      nested: [{ n: null }],
    });
  });

  it('keeps a __proto__ key as data', () => {
    const value = storableJson(JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('leaves ordinary text alone', () => {
    expect(storableText("' OR 1=1 -- <script>")).toBe("' OR 1=1 -- <script>");
  });
});
