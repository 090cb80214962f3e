import { Controller, Get, Headers, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  CONFIG,
  type EmulatorConfig,
  TENANT,
  type TenantService,
  TOKENS,
  type TokenStore,
} from '../gateway/emulator-state.js';
import type { OAuthApp } from './token.store.js';

/** OAuth errors use their own shape, not the API's `{code, message}` (REFERENCE §6). */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

@Controller('oauth')
export class OAuthController {
  constructor(
    @Inject(TOKENS) private readonly tokens: TokenStore,
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(CONFIG) private readonly config: EmulatorConfig,
  ) {}

  /** Authorization-code flow for user-managed apps: approves at once for the user named by login_hint. */
  @Get('authorize')
  authorize(@Query() query: Record<string, string>, @Res() res: Response): void {
    const app = this.tokens.app(query.client_id ?? '');
    if (query.response_type !== 'code' || !app || app.type !== 'user' || !query.redirect_uri) {
      res.status(400).json({ reason: 'Invalid client_id, response_type or redirect_uri', error: 'invalid_request' });
      return;
    }
    const user = query.login_hint ? this.tenant.user(query.login_hint) : this.tenant.owner();
    if (!user || user.external || user.isBot) {
      res.status(400).json({ reason: `Unknown user: ${query.login_hint}`, error: 'invalid_request' });
      return;
    }
    const code = this.tokens.createCode(app, user.internalId, query.redirect_uri);
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', code);
    if (query.state) target.searchParams.set('state', query.state);
    res.redirect(302, target.toString());
  }

  @Post('token')
  @HttpCode(200)
  token(@Req() req: Request, @Headers('authorization') authorization: string | undefined, @Res() res: Response): void {
    try {
      const params = { ...(req.body as Record<string, string> | undefined), ...(req.query as Record<string, string>) };
      const app = this.client(authorization);
      res.json(this.grant(app, params));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      res.status(error.status).json({ reason: error.reason, error: error.error });
    }
  }

  private client(authorization: string | undefined): OAuthApp {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const app = colon > 0 ? this.tokens.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1)) : undefined;
    if (!app) throw new OAuthError(400, 'invalid_client', 'Invalid client_id or client_secret');
    return app;
  }

  private grant(app: OAuthApp, params: Record<string, string>): Record<string, unknown> {
    switch (params.grant_type) {
      case 'account_credentials': {
        if (app.type !== 'account') throw new OAuthError(400, 'unsupported_grant_type', 'unsupported grant type');
        if (params.account_id !== this.config.accountId)
          throw new OAuthError(400, 'invalid_request', 'Invalid account_id');
        return this.response(app, null, false);
      }
      case 'authorization_code': {
        const userId =
          app.type === 'user' ? this.tokens.redeemCode(params.code ?? '', app, params.redirect_uri) : undefined;
        if (!userId) throw new OAuthError(400, 'invalid_grant', 'Invalid authorization code');
        return this.response(app, userId, true);
      }
      case 'refresh_token': {
        const userId =
          app.type === 'user' ? this.tokens.redeemRefreshToken(params.refresh_token ?? '', app) : undefined;
        if (!userId) throw new OAuthError(400, 'invalid_grant', 'Invalid Token!');
        return this.response(app, userId, true);
      }
      case undefined:
      case '':
        throw new OAuthError(400, 'invalid_request', 'Missing grant_type');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', 'unsupported grant type');
    }
  }

  private response(app: OAuthApp, userId: string | null, withRefresh: boolean): Record<string, unknown> {
    const token = this.tokens.issue(app, userId);
    const body: Record<string, unknown> = {
      access_token: token.token,
      token_type: 'bearer',
      expires_in: this.tokens.ttlSeconds,
      scope: app.scopes.join(' '),
      api_url: this.config.publicUrl,
    };
    if (withRefresh && userId) body.refresh_token = this.tokens.issueRefreshToken(app, userId);
    return body;
  }
}
