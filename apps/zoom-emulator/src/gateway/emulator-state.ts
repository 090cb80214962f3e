import type { Clock } from '../clock/clock.service.js';
import type { EmulatorConfig } from '../config/emulator-config.js';
import type { TokenStore } from '../oauth/token.store.js';
import type { PageTokenStore } from '../pagination/page-token.store.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { FaultInjector } from './fault-injector.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestStats } from './request-stats.js';

/** Injection tokens of the emulator's singletons (plain classes built in the module's factories). */
export const CONFIG = Symbol('EmulatorConfig');
export const CLOCK = Symbol('Clock');
export const TENANT = Symbol('TenantService');
export const TOKENS = Symbol('TokenStore');
export const PAGES = Symbol('PageTokenStore');
export const LIMITER = Symbol('RateLimiter');
export const FAULTS = Symbol('FaultInjector');
export const STATS = Symbol('RequestStats');

export type {
  Clock,
  EmulatorConfig,
  FaultInjector,
  PageTokenStore,
  RateLimiter,
  RequestStats,
  TenantService,
  TokenStore,
};
