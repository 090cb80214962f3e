import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.service.js';

export type AppType = 'account' | 'user';

/** An OAuth app registered with the emulated account. */
export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly type: AppType;
  readonly scopes: readonly string[];
}

export interface AccessToken {
  readonly token: string;
  readonly app: OAuthApp;
  readonly accountId: string;
  /** The user a user-level token acts for (`me`); null for account-level tokens. */
  readonly userId: string | null;
  readonly expiresAt: number;
  revoked: boolean;
}

interface Grant {
  readonly app: OAuthApp;
  readonly userId: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

/** Default scopes of the demo apps: what an archive's Server-to-Server app and a user app would hold. */
export const ACCOUNT_APP_SCOPES = [
  'report_chat:read:admin',
  'imchat:read:admin',
  'contact:read:admin',
  'chat_message:read:admin',
  'chat_message:write:admin',
  'chat_channel:read:admin',
  'chat_channel:write:admin',
];
export const USER_APP_SCOPES = [
  'imchat:read',
  'imchat:write',
  'contact:read',
  'chat_contact:read',
  'chat_message:read',
  'chat_message:write',
  'chat_channel:read',
  'chat_channel:write',
];

/** Apps, authorization codes, access and refresh tokens. Tokens are opaque random strings. */
export class TokenStore {
  private readonly apps = new Map<string, OAuthApp>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, { app: OAuthApp; userId: string }>();
  private readonly codes = new Map<string, Grant>();

  constructor(
    private readonly clock: Clock,
    readonly accountId: string,
    public ttlSeconds: number,
  ) {}

  registerApp(app: OAuthApp): void {
    this.apps.set(app.clientId, app);
  }

  app(clientId: string): OAuthApp | undefined {
    return this.apps.get(clientId);
  }

  authenticate(clientId: string, clientSecret: string): OAuthApp | undefined {
    const app = this.apps.get(clientId);
    return app && app.clientSecret === clientSecret ? app : undefined;
  }

  issue(app: OAuthApp, userId: string | null): AccessToken {
    const token: AccessToken = {
      // Shaped like Zoom's JWT-looking tokens; the content means nothing.
      token: `eyJ${randomBytes(48).toString('base64url')}`,
      app,
      accountId: this.accountId,
      userId,
      expiresAt: this.clock.now() + this.ttlSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  issueRefreshToken(app: OAuthApp, userId: string): string {
    const refresh = `eyJ${randomBytes(40).toString('base64url')}`;
    this.refreshTokens.set(refresh, { app, userId });
    return refresh;
  }

  /** One use only: a refresh rotates the refresh token, as Zoom's does. */
  redeemRefreshToken(refresh: string, app: OAuthApp): string | undefined {
    const grant = this.refreshTokens.get(refresh);
    if (!grant || grant.app.clientId !== app.clientId) return undefined;
    this.refreshTokens.delete(refresh);
    return grant.userId;
  }

  createCode(app: OAuthApp, userId: string, redirectUri: string): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { app, userId, redirectUri, expiresAt: this.clock.now() + 10 * 60_000 });
    return code;
  }

  redeemCode(code: string, app: OAuthApp, redirectUri: string | undefined): string | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.app.clientId !== app.clientId || grant.expiresAt < this.clock.now()) return undefined;
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) return undefined;
    return grant.userId;
  }

  lookup(token: string): { token?: AccessToken; problem?: 'invalid' | 'expired' } {
    const found = this.tokens.get(token);
    if (!found || found.revoked) return { problem: 'invalid' };
    if (found.expiresAt <= this.clock.now()) return { problem: 'expired' };
    return { token: found };
  }

  /** Revokes every live token (fault injection and "app deactivated"); returns how many. */
  revokeAll(): number {
    let n = 0;
    for (const token of this.tokens.values()) {
      if (!token.revoked) {
        token.revoked = true;
        n++;
      }
    }
    this.purge();
    return n;
  }

  private purge(): void {
    const now = this.clock.now();
    for (const [key, token] of this.tokens) if (token.expiresAt <= now - 3_600_000) this.tokens.delete(key);
  }
}
