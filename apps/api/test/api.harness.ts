import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ApiKeysRepository, type ApiKeyRole } from '#libs/archive';
import { redisOptions } from '#libs/sync';
import { createTestDatabase } from '../../../libs/archive/test/test-database.js';
import { createApiApp } from '../src/api-app.factory.js';
import { type ApiConfig, loadApiConfig } from '../src/config/api-config.js';

/**
 * Starting the API (a database copied from the template, Nest booting) and running the built CLI take
 * seconds on a loaded machine; jest's project-level testTimeout is ignored (it only reads the global one).
 */
jest.setTimeout(60_000);

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type QueryValue = string | number | boolean | (string | number | boolean)[];

export interface RequestOptions {
  /** An API key (sent as `Authorization: Bearer <key>`); omit for none. */
  key?: string;
  query?: Record<string, QueryValue | undefined>;
  /** An object or array is sent as JSON; a string is sent as it is, as application/json unless headers say otherwise. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: T;
  text: string;
}

export interface ApiHarness {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>`, without the /api/v1 prefix. */
  url: string;
  /** A DataSource on this app's own fresh database (a copy of the migrated template). */
  db: DataSource;
  databaseUrl: string;
  config: ApiConfig;
  /** One active key per role, created through ApiKeysRepository. */
  keys: Record<ApiKeyRole, string>;
  keyIds: Record<ApiKeyRole, string>;
  /** `path` is as served, e.g. `/api/v1/messages/search` or `/health`, sent without normalisation. */
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * The whole API on an ephemeral port over a database of its own and a Redis key prefix of its own.
 * `env` overrides settings (LOG_LEVEL is silent unless API_TEST_LOG_LEVEL says otherwise).
 */
export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const config = loadApiConfig({
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: `zcatest-api-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.API_TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const repository = new ApiKeysRepository(database.dataSource);
  const keys = {} as Record<ApiKeyRole, string>;
  const keyIds = {} as Record<ApiKeyRole, string>;
  for (const role of ['admin', 'compliance_officer', 'auditor'] as const) {
    const created = await repository.create({ name: `test ${role}`, role, createdBy: 'test' });
    keys[role] = created.token;
    keyIds[role] = created.key.id;
  }
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    db: database.dataSource,
    databaseUrl: database.url,
    config,
    keys,
    keyIds,
    request: (method, path, options) => send(url, method, path, options),
    close: async () => {
      await app.close();
      await removeRedisKeys(config.queuePrefix);
      await database.drop();
    },
  };
}

/**
 * node:http rather than fetch: the path goes out exactly as given (no URL normalisation of `..` or bad
 * percent-encoding) and a GET may carry a body, as hostile clients do.
 */
async function send<T>(
  base: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const query = search.toString();
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    body = Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body), 'utf8');
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(body.length);
  }
  const { port, hostname } = new URL(base);
  const target = query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
  const { status, responseHeaders, text } = await new Promise<{
    status: number;
    responseHeaders: Headers;
    text: string;
  }>((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
            responseHeaders.append(name, item);
          }
        }
        resolve({ status: res.statusCode ?? 0, responseHeaders, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text is the body.
  }
  return { status, headers: responseHeaders, body: parsed as T, text };
}

/** Deletes every key under a test's prefix (BullMQ writes queue metadata as soon as it connects). */
export async function removeRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisOptions(REDIS_URL));
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
