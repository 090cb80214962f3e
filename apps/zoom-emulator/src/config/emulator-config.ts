import type { RateLimitPlan } from '../gateway/rate-limit-table.js';

/** Everything the emulator reads from its environment, validated once at boot. */
export interface EmulatorConfig {
  readonly port: number;
  readonly host: string;
  /** Base URL written into download links and printed at start. */
  publicUrl: string;
  readonly seed: number;
  readonly profile: string;
  /** Overrides of the profile's knobs; undefined keeps the profile's value. */
  readonly messages?: number;
  readonly users?: number;
  /** Upper bound on a generated file's size; undefined means the profile's. */
  readonly maxFileBytes?: number;
  /** Emulator clock at start (ISO); undefined means the real time. The clock runs on from there. */
  readonly now?: string;
  readonly accountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly userClientId: string;
  readonly userClientSecret: string;
  readonly tokenTtlSeconds: number;
  readonly pageTokenTtlSeconds: number;
  readonly plan: RateLimitPlan;
  /** Multiplies every rate limit; 0 switches rate limiting off. */
  readonly rateScale: number;
  /** Reject report windows over one month or before the six-month horizon (true) or clamp them (false). */
  readonly strictReportWindow: boolean;
}

export class EmulatorConfigError extends Error {}

const PLANS: readonly RateLimitPlan[] = ['pro', 'business'];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new EmulatorConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new EmulatorConfigError(`${name} must be a number >= 0, got "${raw}"`);
  return value;
}

function optionalInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  return env[name] ? int(env, name, 0, 1) : undefined;
}

export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const port = int(env, 'EMULATOR_PORT', 9090);
  const host = env.EMULATOR_HOST || '127.0.0.1';
  const now = env.EMULATOR_NOW || undefined;
  if (now !== undefined && Number.isNaN(Date.parse(now))) {
    throw new EmulatorConfigError(`EMULATOR_NOW must be an ISO date-time, got "${now}"`);
  }
  const plan = (env.EMULATOR_PLAN || 'business') as RateLimitPlan;
  if (!PLANS.includes(plan)) throw new EmulatorConfigError(`EMULATOR_PLAN must be one of ${PLANS.join(', ')}`);
  const rateLimits = env.EMULATOR_RATE_LIMITS || 'on';
  if (rateLimits !== 'on' && rateLimits !== 'off')
    throw new EmulatorConfigError('EMULATOR_RATE_LIMITS must be on or off');
  const window = env.EMULATOR_REPORT_WINDOW || 'strict';
  if (window !== 'strict' && window !== 'clamp') {
    throw new EmulatorConfigError('EMULATOR_REPORT_WINDOW must be strict or clamp');
  }
  return {
    port,
    host,
    publicUrl: (env.EMULATOR_PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(
      /\/$/,
      '',
    ),
    seed: int(env, 'EMULATOR_SEED', 1),
    profile: env.EMULATOR_PROFILE || 'demo',
    messages: optionalInt(env, 'EMULATOR_MESSAGES'),
    users: optionalInt(env, 'EMULATOR_USERS'),
    maxFileBytes: optionalInt(env, 'EMULATOR_MAX_FILE_BYTES'),
    now,
    accountId: env.EMULATOR_ACCOUNT_ID || 'demo-account',
    clientId: env.EMULATOR_CLIENT_ID || 'demo-client',
    clientSecret: env.EMULATOR_CLIENT_SECRET || 'demo-secret',
    userClientId: env.EMULATOR_USER_CLIENT_ID || 'demo-user-client',
    userClientSecret: env.EMULATOR_USER_CLIENT_SECRET || 'demo-user-secret',
    tokenTtlSeconds: int(env, 'EMULATOR_TOKEN_TTL', 3600, 1),
    pageTokenTtlSeconds: int(env, 'EMULATOR_PAGE_TOKEN_TTL', 900, 1),
    plan,
    rateScale: rateLimits === 'off' ? 0 : num(env, 'EMULATOR_RATE_SCALE', 1),
    strictReportWindow: window === 'strict',
  };
}
