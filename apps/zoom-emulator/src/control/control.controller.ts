import { Body, Controller, Get, HttpCode, Inject, Post, Put, type OnModuleDestroy } from '@nestjs/common';
import {
  CLOCK,
  type Clock,
  CONFIG,
  type EmulatorConfig,
  FAULTS,
  type FaultInjector,
  LIMITER,
  PAGES,
  type PageTokenStore,
  type RateLimiter,
  STATS,
  type RequestStats,
  TENANT,
  type TenantService,
  TOKENS,
  type TokenStore,
} from '../gateway/emulator-state.js';
import type { FaultSettings } from '../gateway/fault-injector.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { AppType } from '../oauth/token.store.js';
import { ControlInput } from './control-input.util.js';

/** The emulator's own API, outside Zoom's paths: clock, settings, fault drills, statistics. */
@Controller('_emulator')
export class ControlController implements OnModuleDestroy {
  private revoker: NodeJS.Timeout | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: EmulatorConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(TOKENS) private readonly tokens: TokenStore,
    @Inject(PAGES) private readonly pages: PageTokenStore,
    @Inject(LIMITER) private readonly limiter: RateLimiter,
    @Inject(FAULTS) private readonly faults: FaultInjector,
    @Inject(STATS) private readonly stats: RequestStats,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('info')
  info() {
    const [firstDay, lastDay] = this.tenant.historyDays();
    return {
      base_url: this.config.publicUrl,
      api_url: `${this.config.publicUrl}/v2`,
      oauth_url: `${this.config.publicUrl}/oauth/token`,
      account_id: this.config.accountId,
      client_id: this.config.clientId,
      user_client_id: this.config.userClientId,
      seed: this.tenant.seed,
      profile: this.tenant.profile,
      now: new Date(this.clock.now()).toISOString(),
      history: {
        from: new Date(firstDay * 86_400_000).toISOString().slice(0, 10),
        to: new Date(lastDay * 86_400_000).toISOString().slice(0, 10),
      },
      counts: {
        users: this.tenant.dir.users.length,
        channels: this.tenant.dir.channels.length,
        sessions: this.tenant.dir.sessions.length,
      },
      settings: this.settings(),
      faults: this.faults.settings,
    };
  }

  @Get('clock')
  getClock() {
    return { now: new Date(this.clock.now()).toISOString() };
  }

  @Put('clock')
  setClock(@Body() body: unknown) {
    const input = ControlInput.of(body);
    const now = input.fields.now;
    if (now !== undefined) {
      const at = typeof now === 'string' || typeof now === 'number' ? new Date(now).getTime() : NaN;
      if (Number.isNaN(at)) throw ZoomError.validation('now', 'now must be an ISO date-time or epoch ms.');
      this.clock.set(at);
    }
    if (input.has('advance_ms')) this.clock.advance(input.number('advance_ms', -1e13, 1e13));
    return this.getClock();
  }

  @Get('settings')
  settings() {
    return {
      token_ttl_s: this.tokens.ttlSeconds,
      page_token_ttl_s: this.pages.ttlSeconds,
      rate_scale: this.limiter.scale,
      plan: this.limiter.plan,
      daily_cap: this.limiter.dailyCap(),
      report_window: this.config.strictReportWindow ? 'strict' : 'clamp',
    };
  }

  @Put('settings')
  updateSettings(@Body() body: unknown) {
    const input = ControlInput.of(body);
    if (input.has('token_ttl_s')) this.tokens.ttlSeconds = input.number('token_ttl_s', 1, 86_400);
    if (input.has('page_token_ttl_s')) this.pages.ttlSeconds = input.number('page_token_ttl_s', 0.001, 86_400);
    if (input.has('rate_scale')) this.limiter.scale = input.number('rate_scale', 0, 1000);
    if (input.has('plan')) {
      const plan = input.fields.plan;
      if (plan !== 'pro' && plan !== 'business') throw ZoomError.validation('plan', 'plan must be pro or business.');
      this.limiter.plan = plan;
    }
    if (input.has('daily_cap'))
      this.limiter.dailyCapOverride = input.fields.daily_cap === null ? undefined : input.number('daily_cap', 1, 1e9);
    return this.settings();
  }

  @Get('faults')
  getFaults() {
    return { ...this.faults.settings, injected: this.faults.injected };
  }

  @Put('faults')
  setFaults(@Body() body: unknown) {
    const input = ControlInput.of(body);
    const patch: Partial<FaultSettings> = {};
    if (input.has('error_rate')) patch.error_rate = input.number('error_rate', 0, 1);
    if (input.has('latency_ms')) patch.latency_ms = input.number('latency_ms', 0, 60_000);
    if (input.has('rate_limit_burst')) patch.rate_limit_burst = input.number('rate_limit_burst', 0, 1e6);
    if (input.has('burst_retry_after_s')) patch.burst_retry_after_s = input.number('burst_retry_after_s', 0, 3600);
    if (input.has('revoke_tokens_every_ms'))
      patch.revoke_tokens_every_ms = input.number('revoke_tokens_every_ms', 0, 86_400_000);
    const settings = this.faults.update(patch);
    this.scheduleRevocation(settings.revoke_tokens_every_ms);
    return this.getFaults();
  }

  @Post('faults/reset')
  @HttpCode(200)
  resetFaults() {
    this.faults.reset();
    this.scheduleRevocation(0);
    return this.getFaults();
  }

  @Post('tokens/revoke')
  @HttpCode(200)
  revokeTokens() {
    return { revoked: this.tokens.revokeAll() };
  }

  /** Registers another OAuth app, e.g. one without some scopes to drill scope errors. */
  @Post('apps')
  @HttpCode(201)
  registerApp(@Body() body: unknown) {
    const input = ControlInput.of(body);
    const clientId = input.string('client_id');
    const clientSecret = input.string('client_secret');
    const type = input.string('type') as AppType;
    if (type !== 'account' && type !== 'user') throw ZoomError.validation('type', 'type must be account or user.');
    const scopes = input.stringArray('scopes');
    this.tokens.registerApp({ clientId, clientSecret, type, scopes });
    return { client_id: clientId, type, scopes };
  }

  @Get('stats')
  getStats() {
    return { ...this.stats.snapshot(), rate_limits: this.limits() };
  }

  @Post('stats/reset')
  @HttpCode(200)
  resetStats() {
    this.stats.reset();
    this.limiter.reset();
    return this.getStats();
  }

  private limits() {
    const labels = ['Light', 'Medium', 'Heavy', 'Resource-intensive', 'File'] as const;
    return Object.fromEntries(labels.map((label) => [label, this.limiter.limitPerWindow(label)]));
  }

  private scheduleRevocation(everyMs: number): void {
    clearInterval(this.revoker);
    this.revoker = undefined;
    if (everyMs > 0) {
      this.revoker = setInterval(() => {
        this.tokens.revokeAll();
        this.faults.injected.revocations++;
      }, everyMs);
      this.revoker.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.revoker);
  }
}
