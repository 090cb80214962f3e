import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type EmulatorHandle, startEmulator } from '../../zoom-emulator/test/emulator.harness.js';
import { createTestDatabase } from '../../../libs/archive/test/test-database.js';
import { SYNC_QUEUE, SyncQueue, redisOptions } from '#libs/sync';
import type { DataSource } from 'typeorm';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` until it holds; fails naming what was awaited once `timeoutMs` has passed. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A sync under test: a fresh database, the emulator as a real HTTP server (on the real clock, as
 * the worker is), a Redis key prefix of its own, and worker processes started from the build.
 */
export class SyncHarness {
  readonly workers: ChildProcess[] = [];
  /** The /metrics and /health port of each worker, in start order. */
  readonly workerPorts: number[] = [];
  readonly prefix = `zcatest-${randomBytes(4).toString('hex')}`;
  readonly filesDir = mkdtempSync(join(tmpdir(), 'zca-files-'));
  private queue!: Queue;

  constructor(
    readonly emu: EmulatorHandle,
    readonly db: DataSource,
    readonly databaseUrl: string,
    private readonly dropDb: () => Promise<void>,
    readonly env: Record<string, string>,
  ) {
    this.queue = new Queue(SYNC_QUEUE, { connection: redisOptions(REDIS_URL), prefix: this.prefix });
  }

  static async start(
    emulatorEnv: Record<string, string> = {},
    workerEnv: Record<string, string> = {},
  ): Promise<SyncHarness> {
    const emu = await startEmulator({ EMULATOR_NOW: '', EMULATOR_RATE_LIMITS: 'off', ...emulatorEnv });
    const { url, dataSource, drop } = await createTestDatabase();
    return new SyncHarness(emu, dataSource, url, drop, workerEnv);
  }

  workerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: this.prefix,
      ZOOM_API_URL: `${this.emu.url}/v2`,
      ZOOM_OAUTH_URL: `${this.emu.url}/oauth/token`,
      ZOOM_ACCOUNT_ID: this.emu.config.accountId,
      ZOOM_CLIENT_ID: this.emu.config.clientId,
      ZOOM_CLIENT_SECRET: this.emu.config.clientSecret,
      ARCHIVE_FILES_DIR: this.filesDir,
      // A tick far away: tests enqueue their cycles themselves (the first tick still runs at start).
      SYNC_CRON: '0 0 1 1 *',
      SYNC_LOCK_MS: '5000',
      ...this.env,
      ...extra,
    };
  }

  async startWorker(extra: Record<string, string> = {}): Promise<ChildProcess> {
    const port = await freePort();
    this.workerPorts.push(port);
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: this.workerEnv({ WORKER_PORT: String(port), ...extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    this.workers.push(child);
    for (let i = 0; i < 200; i++) {
      if (output.includes('Worker ready')) return child;
      if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`worker did not start: ${output}`);
  }

  /** Enqueues a cycle as the scheduler's tick would. */
  async tick(): Promise<void> {
    await new SyncQueue(this.queue).plan({});
  }

  /** Waits until the queue is empty and no window is pending or running. */
  async idle(timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    let quietSince = 0;
    while (Date.now() - started < timeoutMs) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      // The scheduler always keeps its next tick as one delayed job.
      const schedulers = await this.queue.getJobSchedulersCount();
      const busy = Object.values(counts).reduce((a, b) => a + b, 0) - schedulers;
      const [{ open }] = (await this.db.query(
        "SELECT count(*)::int AS open FROM sync_windows WHERE status IN ('pending','running')",
      )) as { open: number }[];
      if (busy === 0 && open === 0) {
        if (!quietSince) quietSince = Date.now();
        if (Date.now() - quietSince > 1_500) return;
      } else quietSince = 0;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the sync did not finish in time');
  }

  async stop(): Promise<void> {
    // A process ended by a signal keeps exitCode null; signalCode tells it has exited.
    const running = this.workers.filter((w) => w.exitCode === null && w.signalCode === null);
    for (const w of running) w.kill('SIGTERM');
    await Promise.all(running.map((w) => new Promise((r) => w.once('exit', r))));
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
    const redis = new Redis(redisOptions(REDIS_URL));
    const keys = await redis.keys(`${this.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await this.db.destroy();
    await this.dropDb();
    await this.emu.close();
  }
}
