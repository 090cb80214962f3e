import { Redis } from 'ioredis';
import pg from 'pg';
import { redisOptions } from './redis-connection.js';

export type ProbedService = 'Postgres' | 'Redis';

/** How an operator gets the two servers; printed with every failed probe. */
export const START_SERVICES_HINT = '`docker compose up -d postgres redis`';

/**
 * A server a process needs could not be used at start. The message is written for an operator (what, where,
 * why, what to do); callers print it alone, never with a stack.
 */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: ProbedService,
    readonly address: string,
    message: string,
  ) {
    super(message);
  }
}

const PROBE_TIMEOUT_MS = 5_000;

/** host:port of a URL, with the protocol's default port when it names none. */
export function serviceAddress(rawUrl: string, defaultPort: number): string {
  const url = new URL(rawUrl);
  return `${url.hostname || 'localhost'}:${url.port || defaultPort}`;
}

/** The URL with its password hidden, to name a server in a message. */
export function redactUrl(rawUrl: string): string {
  const url = new URL(rawUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Duck-typed: errors raised by Node's own sockets come from another realm under some runners (jest's vm). */
function asError(error: unknown): { message?: string; code?: string; name?: string; errors?: unknown[] } | null {
  return typeof error === 'object' && error !== null ? error : null;
}

function reasonOf(error: unknown): string {
  const e = asError(error);
  if (!e) return String(error);
  if (!e.message && Array.isArray(e.errors) && e.errors.length > 0) return reasonOf(e.errors[0]);
  return e.message || e.code || e.name || String(error);
}

function unreachable(service: ProbedService, variable: string, rawUrl: string, address: string, error: unknown) {
  return new ServiceUnavailableError(
    service,
    address,
    `${service} is not reachable at ${address} (${variable}=${redactUrl(rawUrl)}): ${reasonOf(error)}.\n` +
      `Start it with ${START_SERVICES_HINT}, or set ${variable} to a running server.`,
  );
}

/**
 * Connects to the database the URL names. A server that answers with its own error (wrong password, missing
 * database) was reached, and says so differently from one that was not. `databaseMayBeMissing` is for callers
 * that create it (migrate, the demo).
 */
export async function probePostgres(databaseUrl: string, options: { databaseMayBeMissing?: boolean } = {}) {
  const address = serviceAddress(databaseUrl, 5432);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') {
      if (options.databaseMayBeMissing) return;
      throw new ServiceUnavailableError(
        'Postgres',
        address,
        `The database ${new URL(databaseUrl).pathname.slice(1)} does not exist on Postgres at ${address}.\n` +
          'Create it and its schema with `npm run cli -- migrate` (safe to run at any time).',
      );
    }
    if (asError(error) && 'severity' in (error as object)) {
      throw new ServiceUnavailableError(
        'Postgres',
        address,
        `Postgres at ${address} refused the connection (DATABASE_URL=${redactUrl(databaseUrl)}): ${reasonOf(error)}.\n` +
          'Check the user, password and database in DATABASE_URL.',
      );
    }
    throw unreachable('Postgres', 'DATABASE_URL', databaseUrl, address, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One connection attempt and a PING, without ioredis's reconnect-forever default. */
export async function probeRedis(redisUrl: string): Promise<void> {
  const address = serviceAddress(redisUrl, 6379);
  const redis = new Redis({
    ...redisOptions(redisUrl),
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error: unknown) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = lastError ?? error;
    // Redis answered (NOAUTH, WRONGPASS, ...): reached, but the URL's credentials or database are wrong.
    if (asError(reason)?.name === 'ReplyError') {
      throw new ServiceUnavailableError(
        'Redis',
        address,
        `Redis at ${address} refused the connection (REDIS_URL=${redactUrl(redisUrl)}): ${reasonOf(reason)}.\n` +
          'Check the user, password and database number in REDIS_URL.',
      );
    }
    throw unreachable('Redis', 'REDIS_URL', redisUrl, address, reason);
  } finally {
    redis.disconnect();
  }
}

/** Both servers a process needs, Postgres first; the first failure is thrown. */
export async function probeServices(
  config: { databaseUrl: string; redisUrl: string },
  options: { databaseMayBeMissing?: boolean } = {},
): Promise<void> {
  await probePostgres(config.databaseUrl, options);
  await probeRedis(config.redisUrl);
}
