import { ConfigError } from './config-error.js';
import { type ExportConfig, loadExportConfig } from './export-config.js';

export { ConfigError } from './config-error.js';

/** Settings of the worker and the CLI, read from the environment once and validated. */
export interface SyncConfig extends ExportConfig {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Prefix of every BullMQ and limiter key in Redis (tests use their own). */
  readonly queuePrefix: string;
  readonly accountId: string;
  readonly plan: 'pro' | 'business';
  /** Share of the plan's per-second limit the archive may use (other apps share the account's budget). */
  readonly rateBudget: number;
  readonly syncCron: string;
  /** First day to archive (yyyy-mm-dd); the six-month horizon when unset. */
  readonly syncStart: string | null;
  readonly lookbackDays: number;
  readonly concurrency: number;
  readonly port: number;
  readonly filesDir: string;
  readonly fileMaxBytes: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, integer: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol))
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${raw}"`);
  return raw;
}

export function loadSyncConfig(env: NodeJS.ProcessEnv = process.env): SyncConfig {
  const plan = env.ZOOM_PLAN || 'business';
  if (plan !== 'pro' && plan !== 'business') throw new ConfigError(`ZOOM_PLAN must be pro or business, got "${plan}"`);
  const rateBudget = positiveNumber(env, 'ZOOM_RATE_BUDGET', 0.8, false);
  if (rateBudget > 1) throw new ConfigError(`ZOOM_RATE_BUDGET must be at most 1, got "${rateBudget}"`);
  const syncStart = env.SYNC_START || null;
  if (syncStart !== null && (!DATE.test(syncStart) || Number.isNaN(Date.parse(syncStart)))) {
    throw new ConfigError(`SYNC_START must be a date yyyy-mm-dd, got "${syncStart}"`);
  }
  const syncCron = env.SYNC_CRON || '0 * * * *';
  if (syncCron.trim().split(/\s+/).length < 5)
    throw new ConfigError(`SYNC_CRON must be a cron pattern, got "${syncCron}"`);
  return {
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/zoom_archive', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env.QUEUE_PREFIX || 'zca',
    accountId: env.ZOOM_ACCOUNT_ID || 'demo-account',
    plan,
    rateBudget,
    syncCron,
    syncStart,
    lookbackDays: positiveNumber(env, 'SYNC_LOOKBACK_DAYS', 3, true),
    concurrency: positiveNumber(env, 'SYNC_CONCURRENCY', 32, true),
    port: positiveNumber(env, 'WORKER_PORT', 3001, true),
    filesDir: env.ARCHIVE_FILES_DIR || './var/files',
    fileMaxBytes: positiveNumber(env, 'ARCHIVE_FILE_MAX_BYTES', 100 * 1024 * 1024, true),
    ...loadExportConfig(env),
  };
}
