import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKeysRepository, AuditLogRepository, archiveDataSourceOptions } from '#libs/archive';
import { SYNC_QUEUE, SyncQueue, redisOptions } from '#libs/sync';
import { API_CONFIG, DATA_SOURCE, REDIS, SYNC_QUEUE_PORT } from '../api.tokens.js';
import type { ApiConfig } from '../config/api-config.js';

const BULL_QUEUE = Symbol('BullQueue');

/**
 * A request must not hang on a Redis that is down: fail the command and let the error filter answer 503
 * (the worker keeps BullMQ's wait-forever default; it has no client waiting).
 */
function apiRedisOptions(config: ApiConfig) {
  return { ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 5_000 };
}

/** Reconnection errors are logged here, not thrown: /health reports the outage and requests answer 503. */
function logErrors<T extends { on(event: 'error', listener: (error: Error) => void): unknown }>(
  source: T,
  name: string,
): T {
  const logger = new Logger('Connections');
  source.on('error', (error) => logger.warn({ err: error, dependency: name }, `${name} connection error`));
  return source;
}

async function openDataSource(config: ApiConfig): Promise<DataSource> {
  try {
    return await new DataSource({
      ...archiveDataSourceOptions(config.databaseUrl),
      applicationName: 'zca-api',
      extra: { statement_timeout: config.statementTimeoutMs },
    } as DataSourceOptions).initialize();
  } catch (error) {
    const safe = new URL(config.databaseUrl);
    if (safe.password) safe.password = '***';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to Postgres at ${safe.toString()}: ${reason}`, { cause: error });
  }
}

@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BULL_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/** The API's connections and repositories, one of each, injectable everywhere by the tokens of api.tokens.ts. */
@Global()
@Module({})
export class ConnectionsModule {
  static forConfig(config: ApiConfig): DynamicModule {
    const exported = [API_CONFIG, DATA_SOURCE, REDIS, SYNC_QUEUE_PORT, ApiKeysRepository, AuditLogRepository];
    return {
      module: ConnectionsModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: DATA_SOURCE, useFactory: () => openDataSource(config) },
        { provide: REDIS, useFactory: () => logErrors(new Redis(apiRedisOptions(config)), 'redis') },
        {
          provide: BULL_QUEUE,
          useFactory: () =>
            logErrors(
              new Queue(SYNC_QUEUE, { connection: apiRedisOptions(config), prefix: config.queuePrefix }),
              'sync queue',
            ),
        },
        { provide: SYNC_QUEUE_PORT, inject: [BULL_QUEUE], useFactory: (queue: Queue) => new SyncQueue(queue) },
        {
          provide: ApiKeysRepository,
          inject: [DATA_SOURCE],
          useFactory: (db: DataSource) => new ApiKeysRepository(db),
        },
        {
          provide: AuditLogRepository,
          inject: [DATA_SOURCE],
          useFactory: (db: DataSource) => new AuditLogRepository(db),
        },
        ConnectionsCloser,
      ],
      exports: exported,
    };
  }
}
