import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^zca_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyToken {
  id: string;
  secret: string;
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function newApiKeySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `zca_<key id>_<secret>`: the id finds the row without a scan, the prefix makes a leaked key easy to grep for. */
export function formatApiKeyToken(token: ApiKeyToken): string {
  return `zca_${token.id}_${token.secret}`;
}

export function parseApiKeyToken(raw: string): ApiKeyToken | null {
  const match = TOKEN.exec(raw);
  return match ? { id: match[1], secret: match[2] } : null;
}

/**
 * A fast hash is enough: the secret is 256 random bits, so there is nothing to brute-force, unlike a
 * password that would need a slow KDF.
 */
export function apiKeySecretSha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time, so response times say nothing about how much of a guessed secret was right. */
export function apiKeySecretMatches(secret: string, storedSha256: string): boolean {
  const expected = Buffer.from(storedSha256, 'hex');
  const actual = Buffer.from(apiKeySecretSha256(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
