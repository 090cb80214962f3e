import { ConfigError, type SyncConfig, integerSetting, loadSyncConfig } from '#libs/sync';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings of the API process: the sync's (database, Redis, queue, account) plus its own. */
export interface ApiConfig extends SyncConfig {
  readonly apiPort: number;
  readonly apiHost: string;
  readonly logLevel: LogLevel;
  /** Express `trust proxy`: hops of reverse proxies whose X-Forwarded-For gives the client address. */
  readonly trustProxyHops: number;
  /** Largest JSON body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** Statements running longer are cancelled and the request answered 503, not left holding a connection. */
  readonly statementTimeoutMs: number;
}

/** Reads and validates the environment once, before Nest starts; an error names the variable. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  return {
    ...loadSyncConfig(env),
    apiPort: integerSetting(env, 'API_PORT', 3000, 0, 65_535),
    apiHost: env.API_HOST || '127.0.0.1',
    logLevel,
    trustProxyHops: integerSetting(env, 'API_TRUST_PROXY_HOPS', 0, 0, 10),
    bodyLimitBytes: integerSetting(env, 'API_BODY_LIMIT_BYTES', 64 * 1024, 1_024, 10 * 1024 * 1024),
    statementTimeoutMs: integerSetting(env, 'API_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
  };
}
