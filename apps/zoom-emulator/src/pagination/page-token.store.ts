import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.service.js';
import { ZoomError } from '../gateway/zoom-error.js';

interface PageState {
  readonly binding: string;
  readonly cursor: unknown;
  readonly issuedAt: number;
}

/**
 * Opaque `next_page_token`s bound to the endpoint and every other query parameter, expiring after
 * the configured lifetime (Zoom: 15 minutes). A token may be presented again (a retried request)
 * until it expires.
 */
export class PageTokenStore {
  private readonly states = new Map<string, PageState>();
  private issuedSincePurge = 0;

  constructor(
    private readonly clock: Clock,
    public ttlSeconds: number,
  ) {}

  /** Binding of a request: the operation, its path parameters and its query without the token. */
  static binding(operation: string, params: Record<string, unknown>, query: Record<string, unknown>): string {
    const entries = Object.entries(query)
      .filter(([name]) => name !== 'next_page_token')
      .map(([name, value]) => [name, String(value)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify([operation, params, entries]);
  }

  issue(binding: string, cursor: unknown): string {
    if (++this.issuedSincePurge > 10_000) this.purge();
    const token = randomBytes(24).toString('base64url');
    this.states.set(token, { binding, cursor, issuedAt: this.clock.now() });
    return token;
  }

  /** The cursor a token stands for, or Zoom's 400 / code 300 when it is unknown, expired or rebound. */
  resolve<T>(token: string, binding: string, wording: 'either' | 'short' = 'either'): T {
    const state = this.states.get(token);
    if (!state || state.binding !== binding || this.expired(state)) throw ZoomError.invalidPageToken(wording);
    return state.cursor as T;
  }

  private expired(state: PageState): boolean {
    return this.clock.now() - state.issuedAt > this.ttlSeconds * 1000;
  }

  private purge(): void {
    this.issuedSincePurge = 0;
    for (const [token, state] of this.states) if (this.expired(state)) this.states.delete(token);
  }
}
