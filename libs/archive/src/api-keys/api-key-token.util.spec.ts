import {
  apiKeySecretMatches,
  apiKeySecretSha256,
  formatApiKeyToken,
  newApiKeySecret,
  parseApiKeyToken,
} from './api-key-token.util.js';

const ID = '0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a';

describe('API key tokens', () => {
  it('round-trip through the zca_<id>_<secret> form, the secret being 32 random bytes', () => {
    const secret = newApiKeySecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(newApiKeySecret()).not.toBe(secret);
    const token = formatApiKeyToken({ id: ID, secret });
    expect(token).toBe(`zca_${ID}_${secret}`);
    expect(parseApiKeyToken(token)).toEqual({ id: ID, secret });
  });

  it('a secret containing "_" or "-" still parses (base64url uses both)', () => {
    const secret = '_-'.repeat(21) + 'a';
    expect(parseApiKeyToken(`zca_${ID}_${secret}`)).toEqual({ id: ID, secret });
  });

  it.each([
    '',
    'zca_',
    `zca_${ID}`,
    `zca_${ID}_short`,
    `zcb_${ID}_${'a'.repeat(43)}`,
    `zca_${ID.toUpperCase()}_${'a'.repeat(43)}`,
    `zca_${ID}_${'a'.repeat(44)}`,
    `zca_${ID}_${'a'.repeat(42)}=`,
    ` zca_${ID}_${'a'.repeat(43)}`,
    "zca_' OR 1=1 --",
  ])('refuses %j', (raw) => {
    expect(parseApiKeyToken(raw)).toBeNull();
  });

  it('stores the SHA-256 of the secret and compares it in constant time', () => {
    const secret = newApiKeySecret();
    const stored = apiKeySecretSha256(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret);
    expect(apiKeySecretMatches(secret, stored)).toBe(true);
    expect(apiKeySecretMatches(newApiKeySecret(), stored)).toBe(false);
    expect(apiKeySecretMatches(secret, 'abc')).toBe(false);
  });
});
