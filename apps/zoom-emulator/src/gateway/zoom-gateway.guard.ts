import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { endpointByOperationId } from '#libs/zoom-contract';
import {
  FAULTS,
  type FaultInjector,
  LIMITER,
  type RateLimiter,
  STATS,
  type RequestStats,
  TOKENS,
  type TokenStore,
} from './emulator-state.js';
import { ZOOM_OPERATION } from './zoom-operation.decorator.js';
import type { ZoomRequest } from './zoom-request.js';
import { ZoomError } from './zoom-error.js';

const QPS_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';
const DAILY_MESSAGE =
  'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Zoom's API gateway in front of every /v2 route: injected faults, then the bearer token, then the
 * app type and scopes, then the account's rate limit for the endpoint's label.
 */
@Injectable()
export class ZoomGatewayGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKENS) private readonly tokens: TokenStore,
    @Inject(LIMITER) private readonly limiter: RateLimiter,
    @Inject(FAULTS) private readonly faults: FaultInjector,
    @Inject(STATS) private readonly stats: RequestStats,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operationId = this.reflector.get<string | undefined>(ZOOM_OPERATION, context.getHandler());
    if (!operationId) return true;
    const endpoint = endpointByOperationId(operationId);
    const req = context.switchToHttp().getRequest<ZoomRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const bucket = endpoint.label ?? 'File';
    let admitted = false;
    // Counted at arrival, as Zoom counts, not when a busy emulator finishes answering.
    const arrivedAt = Date.now();
    res.on('finish', () => this.stats.record(bucket, operationId, res.statusCode, admitted, arrivedAt));
    // The Date header follows the emulator's clock, so a client can compute waits from Retry-After - Date.
    res.setHeader('Date', new Date(this.limiter.now()).toUTCString());
    res.setHeader('x-zm-trackingid', `v=2.0;clid=emu;rid=WEB_${Math.random().toString(16).slice(2, 18)}`);

    const { latency_ms, burst_retry_after_s } = this.faults.settings;
    if (latency_ms > 0) await sleep(latency_ms);
    if (this.faults.shouldFail()) {
      throw new ZoomError(Math.random() < 0.5 ? 500 : 503, 500, 'Internal server error. Please try again later.');
    }

    const token = this.authenticate(req.headers.authorization);
    if (endpoint.userLevelOnly && token.app.type !== 'user') throw missingScopes(endpoint.scopes, true);
    if (!endpoint.scopes.some((scope) => token.app.scopes.includes(scope))) throw missingScopes(endpoint.scopes, false);

    if (this.faults.takeBurst()) {
      const headers: Record<string, string> = {
        'X-RateLimit-Category': endpoint.label ?? 'Light',
        'X-RateLimit-Type': 'QPS',
        'X-RateLimit-Limit': String(this.limiter.limitPerWindow(bucket).limit),
        'X-RateLimit-Remaining': '0',
      };
      if (burst_retry_after_s > 0) headers['Retry-After'] = String(burst_retry_after_s);
      throw new ZoomError(429, 429, QPS_MESSAGE, headers);
    }
    const decision = this.limiter.check(token.accountId, bucket);
    if (!decision.allowed) {
      throw new ZoomError(429, 429, decision.type === 'Daily-limit' ? DAILY_MESSAGE : QPS_MESSAGE, decision.headers);
    }
    for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
    admitted = true;
    req.zoom = { endpoint, token };
    return true;
  }

  private authenticate(header: string | undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new ZoomError(401, 124, 'Invalid access token.');
    const { token, problem } = this.tokens.lookup(match[1]);
    if (!token)
      throw new ZoomError(401, 124, problem === 'expired' ? 'Access token is expired.' : 'Invalid access token.');
    return token;
  }
}

/** Zoom's answer to a token without the endpoint's scopes (code 4711, reported as HTTP 400). */
function missingScopes(scopes: readonly string[], userLevel: boolean): ZoomError {
  const wanted = userLevel ? scopes.filter((s) => !s.endsWith(':admin')) : scopes;
  return new ZoomError(400, 4711, `Invalid access token, does not contain scopes:[${wanted.join(', ')}].`);
}
