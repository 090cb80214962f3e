/**
 * Sync benchmark: a full first sync of a tenant of at least 1 million messages through the built
 * emulator (Business+, rate limits on) and one worker at a 0.8 rate budget, then the archive's write
 * rate with the rate limits off against `psql \copy` of the same rows into copies of the same tables.
 *
 *   npm run bench:sync [-- --messages N] [--concurrency 32] [--budget 0.8] [--skip-sync] [--skip-write]
 *                      [--file-max-bytes N] [--file-bytes 65536] [--timeout-min 120]
 *
 * Files: the tenant's generated files are capped at --file-bytes (64 KiB by default). File downloads are not
 * rate-limited at Zoom; with the medium profile's sizes (up to 25 MB, ~40 GB in all) the run would measure
 * how fast one emulator process generates pseudo-random bytes and the disk takes them, not the report sync.
 *
 * The last line is one JSON object: {"messages", "messages_per_s", "utilisation", "calls_ratio",
 * "http_429", "lost", "peak_rss_mb", "write_vs_copy", ...}.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SYNC_QUEUE, monthWindows, redisOptions, reportHorizon, toDate } from '#libs/sync';
import { capturePages, replayPages } from './bench-sync/page-replay.js';

const SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Business+ (REFERENCE §5): both report endpoints are Medium. */
const MEDIUM_PER_SECOND = 60;
/** Largest pages Zoom serves: 100 messages (#1), 300 sessions (#2). */
const MESSAGE_PAGE = 100;
const SESSION_PAGE = 300;
const TARGETS = { utilisation: 0.9, callsRatio: 1.15, writeVsCopy: 0.5 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const log = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`[bench:sync] ${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds a process has used (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return hwm ? Math.round(Number(hwm[1]) / 1024) : NaN;
}

/**
 * Everything the run creates, undone in reverse order whatever happens. A signal and a failing main both
 * ask for it: they share one pass, so neither exits while the other is half-way through.
 */
class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];
  private running: Promise<void> | null = null;

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.steps.length) await this.steps.pop()!().catch((e: unknown) => progress(`cleanup: ${String(e)}`));
  }
}

/** Child processes still running when this process exits, however it exits, are killed with it. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return exited.finally(() => clearTimeout(timer));
}

// ---- emulator --------------------------------------------------------------------------------------

interface Emulator {
  base: string;
  child: ChildProcess;
  get<T>(path: string): Promise<T>;
  send(method: 'PUT' | 'POST', path: string, body?: unknown): Promise<void>;
}

interface BucketStats {
  requests: number;
  admitted: number;
  http_429: number;
  max_per_second: number;
  max_per_sliding_second: number;
}

interface EmulatorStats {
  labels: Record<string, BucketStats>;
  operations: Record<string, number>;
}

async function startEmulator(messages: number, fileBytes: number, cleanup: Cleanup): Promise<Emulator> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = track(
    spawn(process.execPath, ['dist/apps/zoom-emulator/src/main.js'], {
      // On the real clock, as the worker is: both derive today's windows and horizon from it.
      env: {
        ...process.env,
        EMULATOR_PORT: String(port),
        EMULATOR_PROFILE: 'medium',
        EMULATOR_MESSAGES: String(messages),
        EMULATOR_MAX_FILE_BYTES: String(fileBytes),
        EMULATOR_PLAN: 'business',
        EMULATOR_RATE_LIMITS: 'on',
        EMULATOR_NOW: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  cleanup.add(() => stopChild(child));
  const emulator: Emulator = {
    base,
    child,
    async get<T>(path: string) {
      const res = await fetch(`${base}${path}`);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async send(method, path, body) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    },
  };
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/_emulator/health`)).status === 200) return emulator;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the emulator did not answer within 120 s');
}

function totals(stats: EmulatorStats): { requests: number; http429: number } {
  const buckets = Object.values(stats.labels);
  return {
    requests: buckets.reduce((sum, b) => sum + b.requests, 0),
    http429: buckets.reduce((sum, b) => sum + b.http_429, 0),
  };
}

// ---- database --------------------------------------------------------------------------------------

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')}: ${output}`))));
  });
}

/** A fresh database migrated by the CLI, as an operator would; dropped at the end. */
async function freshDatabase(name: string, cleanup: Cleanup): Promise<{ url: string; pool: pg.Pool }> {
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  cleanup.add(() => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  const url = databaseUrl(name);
  await runNode(['dist/apps/cli/src/main.js', 'migrate'], { ...process.env, DATABASE_URL: url });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  cleanup.add(() => pool.end());
  return { url, pool };
}

async function scalar(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const result = await pool.query<{ n: string | number }>(sql, params);
  return Number(result.rows[0].n);
}

// ---- worker ----------------------------------------------------------------------------------------

interface WorkerOptions {
  budget: number;
  concurrency: number;
  timeoutMs: number;
  /** ARCHIVE_FILE_MAX_BYTES; the worker's default (100 MB) when undefined. */
  fileMaxBytes?: number;
}

interface WorkerRun {
  child: ChildProcess;
  startedAt: number;
  filesDir: string;
  log: { warnings: number; errors: number; lastError: string };
}

async function startWorker(
  emulator: Emulator,
  databaseUrl: string,
  prefix: string,
  options: WorkerOptions,
  cleanup: Cleanup,
): Promise<WorkerRun> {
  const filesDir = mkdtempSync(join(tmpdir(), 'zca-bench-files-'));
  cleanup.add(() => Promise.resolve(rmSync(filesDir, { recursive: true, force: true })));
  const port = await freePort();
  const startedAt = performance.now();
  const child = track(
    spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        ZOOM_API_URL: `${emulator.base}/v2`,
        ZOOM_OAUTH_URL: `${emulator.base}/oauth/token`,
        ZOOM_ACCOUNT_ID: 'demo-account',
        ZOOM_CLIENT_ID: 'demo-client',
        ZOOM_CLIENT_SECRET: 'demo-secret',
        ZOOM_PLAN: 'business',
        ZOOM_RATE_BUDGET: String(options.budget),
        SYNC_CONCURRENCY: String(options.concurrency),
        // Only the start-up catch-up runs: the next scheduled tick is months away.
        SYNC_CRON: '0 0 1 1 *',
        WORKER_PORT: String(port),
        ARCHIVE_FILES_DIR: filesDir,
        NO_COLOR: '1',
        ...(options.fileMaxBytes ? { ARCHIVE_FILE_MAX_BYTES: String(options.fileMaxBytes) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  cleanup.add(() => stopChild(child));
  let tail = '';
  const log = { warnings: 0, errors: 0, lastError: '' };
  const keep = (d: Buffer) => {
    const text = d.toString();
    tail = (tail + text).slice(-20_000);
    for (const line of text.split('\n')) {
      if (line.includes(' WARN ')) log.warnings++;
      if (line.includes(' ERROR ')) {
        log.errors++;
        log.lastError = line.trim().slice(0, 300);
      }
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  for (let i = 0; i < 600; i++) {
    if (tail.includes('Worker ready')) return { child, startedAt, filesDir, log };
    if (child.exitCode !== null) throw new Error(`the worker exited: ${tail}`);
    await sleep(50);
  }
  throw new Error(`the worker did not start: ${tail}`);
}

async function clearRedis(queue: Queue, prefix: string): Promise<void> {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  const redis = new Redis(redisOptions(REDIS_URL));
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/**
 * Waits until the run is over: no job left (the scheduler's next tick aside), no window pending or
 * running, and the start-up run settled. Returns when that state began (performance.now()).
 */
async function waitIdle(
  queue: Queue,
  pool: pg.Pool,
  emulator: Emulator,
  timeoutMs: number,
  backends: BackendCpu,
): Promise<number> {
  const started = performance.now();
  let lastSample = 0;
  let quietSince = 0;
  let lastReport = started;
  while (performance.now() - started < timeoutMs) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    const busy = Object.values(counts).reduce((a, b) => a + b, 0) - (await queue.getJobSchedulersCount());
    const { rows } = await pool.query<{ open: number; runs: number; unsettled: number; done: number }>(
      `SELECT (SELECT count(*)::int FROM sync_windows WHERE status IN ('pending','running')) AS open,
              (SELECT count(*)::int FROM sync_windows WHERE status = 'done') AS done,
              (SELECT count(*)::int FROM sync_runs) AS runs,
              (SELECT count(*)::int FROM sync_runs WHERE status IN ('planning','running')) AS unsettled`,
    );
    const state = rows[0];
    if (busy === 0 && state.open === 0 && state.runs > 0 && state.unsettled === 0) {
      if (!quietSince) quietSince = performance.now();
      if (performance.now() - quietSince > 1_500) return quietSince;
    } else quietSince = 0;
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      const stats = await emulator.get<EmulatorStats>('/_emulator/stats').catch((e: Error) => e);
      const medium = stats instanceof Error ? undefined : stats.labels.Medium;
      progress(
        `${Math.round((lastReport - started) / 1000)} s: windows ${state.done} done, ${state.open} open; ` +
          `jobs ${busy}; Medium admitted ${medium?.admitted ?? 0}, 429 ${medium?.http_429 ?? 0}`,
      );
    }
    if (performance.now() - lastSample > 5_000) {
      lastSample = performance.now();
      await backends.sample(pool);
    }
    await sleep(250);
  }
  throw new Error('the sync did not finish in time');
}

/**
 * Autovacuum's analyze, for servers that run without it (the shared test server does): without
 * statistics a growing archive plans `message_id = ANY(...)` as a sequential scan on every page. The
 * same rule as autovacuum: once a minute, tables changed by more than 50 rows + 10% since their last analyze.
 */
class AutoAnalyze {
  analyses = 0;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(private readonly pool: pg.Pool) {
    this.loop = this.run();
  }

  static async needed(pool: pg.Pool): Promise<boolean> {
    const { rows } = await pool.query<{ autovacuum: string }>('SHOW autovacuum');
    return rows[0].autovacuum !== 'on';
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      for (let waited = 0; waited < 60_000 && !this.stopped; waited += 250) await sleep(250);
      if (this.stopped) return;
      const { rows } = await this.pool.query<{ relname: string }>(
        `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
         WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
      );
      for (const { relname } of rows) {
        await this.pool.query(`ANALYZE "${relname}"`);
        this.analyses++;
      }
    }
  }

  async stop(): Promise<number> {
    this.stopped = true;
    await this.loop;
    return this.analyses;
  }
}

interface SyncRunResult {
  seconds: number;
  peakRssMb: number;
  stats: EmulatorStats;
  startedAtMs: number;
  runs: { status: string; error: string | null }[];
  failedJobs: number;
  workerLog: WorkerRun['log'];
  /** CPU seconds over the run: the worker, the emulator, and the database's backends (those still connected). */
  cpu: { worker: number; emulator: number; postgres: number };
  loadAverage: number;
  /** Analyses the bench ran in autovacuum's stead (null: the server's autovacuum is on). */
  analyses: number | null;
  /** File bytes the worker downloaded and stored (not rate-limited, but CPU, disk and network). */
  files: { stored: number; gb: number };
}

/**
 * CPU seconds of the database's backends, sampled while the run lasts: a backend the worker's pool closes
 * before the end would otherwise drop out of the sum.
 */
class BackendCpu {
  private readonly seen = new Map<number, number>();

  async sample(pool: pg.Pool): Promise<void> {
    const { rows } = await pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) this.seen.set(pid, Math.max(this.seen.get(pid) ?? 0, cpuSeconds(pid)));
  }

  total(): number {
    return [...this.seen.values()].reduce((a, b) => a + b, 0);
  }
}

/** One worker syncing the tenant into a fresh database, from its start until the queue is idle. */
async function syncOnce(
  emulator: Emulator,
  db: { url: string; pool: pg.Pool },
  options: WorkerOptions,
  cleanup: Cleanup,
): Promise<SyncRunResult> {
  const prefix = `zca_bench_${randomBytes(4).toString('hex')}`;
  const queue = new Queue(SYNC_QUEUE, { connection: redisOptions(REDIS_URL), prefix });
  cleanup.add(() => clearRedis(queue, prefix));
  await emulator.send('POST', '/_emulator/stats/reset');
  const startedAtMs = Date.now();
  const emulatorCpu = cpuSeconds(emulator.child.pid!);
  const worker = await startWorker(emulator, db.url, prefix, options, cleanup);
  const analyze = (await AutoAnalyze.needed(db.pool)) ? new AutoAnalyze(db.pool) : null;
  const backends = new BackendCpu();
  const idleAt = await waitIdle(queue, db.pool, emulator, options.timeoutMs, backends).finally(() => analyze?.stop());
  await backends.sample(db.pool);
  const analyses = analyze ? await analyze.stop() : null;
  const stats = await emulator.get<EmulatorStats>('/_emulator/stats');
  const rss = peakRssMb(worker.child.pid!);
  const cpu = {
    worker: cpuSeconds(worker.child.pid!),
    emulator: cpuSeconds(emulator.child.pid!) - emulatorCpu,
    postgres: backends.total(),
  };
  const loadAverage = loadavg()[1];
  const failedJobs = (await queue.getJobCounts('failed')).failed ?? 0;
  await stopChild(worker.child);
  // A 1M-message tenant carries tens of GB of files: they go as soon as the worker is done with them.
  rmSync(worker.filesDir, { recursive: true, force: true });
  const files = (
    await db.pool.query<{ stored: number; gb: number }>(
      `SELECT count(*) FILTER (WHERE status = 'stored')::int AS stored,
              coalesce(sum(file_size) FILTER (WHERE status = 'stored'), 0)::float8 / 1e9 AS gb FROM archived_files`,
    )
  ).rows[0];
  const runs = (await db.pool.query<{ status: string; error: string | null }>('SELECT status, error FROM sync_runs'))
    .rows;
  return {
    seconds: (idleAt - worker.startedAt) / 1000,
    peakRssMb: rss,
    stats,
    startedAtMs,
    runs,
    failedJobs,
    workerLog: worker.log,
    cpu,
    loadAverage,
    analyses,
    files,
  };
}

// ---- ground truth ----------------------------------------------------------------------------------

interface TruthLine {
  session_id: string;
  id: string;
  timestamp: number;
  versions: unknown[];
}

interface GroundTruth {
  /** Messages sent by the cut-off, within the horizon. */
  messages: number;
  versions: number;
  /** Sent after the cut-off (while the sync ran): not counted as lost when missing. */
  arrivedLater: number;
  ids: string[];
  messageCalls: number;
  listCalls: number;
  windows: number;
  /** Messages per `${window from}|${session id}`. */
  perWindow: Map<string, number>;
}

/** The archive's key for a Zoom id: braces stripped, upper case (as libs/archive normalises). */
const normaliseId = (id: string) =>
  id
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toUpperCase();

/**
 * Streams every message of the horizon and counts, per session and per month window as the sync
 * cuts them, the pages Zoom's rules force: ceil(messages / 100) per session window and
 * ceil(sessions / 300) session-list pages per window (at least one). Bots included, as the sync asks for them.
 */
async function groundTruth(emulator: Emulator, today: string, cutoffMs: number): Promise<GroundTruth> {
  const horizon = reportHorizon(today);
  const monthEnd = toDate(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
  const windows = monthWindows(horizon, monthEnd);
  const res = await fetch(`${emulator.base}/_emulator/ground-truth/messages?from=${horizon}&to=${today}`);
  if (res.status !== 200 || !res.body) throw new Error(`ground truth: ${res.status}`);
  const truth: GroundTruth = {
    messages: 0,
    versions: 0,
    arrivedLater: 0,
    ids: [],
    messageCalls: 0,
    listCalls: 0,
    windows: windows.length,
    perWindow: new Map(),
  };
  const lines = createInterface({ input: Readable.fromWeb(res.body) });
  for await (const line of lines) {
    if (!line) continue;
    const m = JSON.parse(line) as TruthLine;
    if (m.timestamp > cutoffMs) {
      truth.arrivedLater++;
      continue;
    }
    const day = toDate(m.timestamp);
    const w = windows.findIndex((win) => day >= win.from && day <= win.to);
    if (w < 0) continue;
    truth.messages++;
    truth.versions += m.versions.length;
    truth.ids.push(normaliseId(m.id));
    const key = `${windows[w].from}|${m.session_id}`;
    truth.perWindow.set(key, (truth.perWindow.get(key) ?? 0) + 1);
  }
  const sessionsPerWindow = new Map<string, number>(windows.map((w) => [w.from, 0]));
  for (const [key, count] of truth.perWindow) {
    truth.messageCalls += Math.ceil(count / MESSAGE_PAGE);
    const from = key.slice(0, key.indexOf('|'));
    sessionsPerWindow.set(from, sessionsPerWindow.get(from)! + 1);
  }
  for (const n of sessionsPerWindow.values()) truth.listCalls += Math.max(1, Math.ceil(n / SESSION_PAGE));
  return truth;
}

/** Ground-truth messages with no row in the archive, counted by id in SQL. */
async function countLost(pool: pg.Pool, ids: string[]): Promise<{ lost: number; sample: string[] }> {
  let lost = 0;
  const sample: string[] = [];
  for (let i = 0; i < ids.length; i += 20_000) {
    const { rows } = await pool.query<{ id: string }>(
      'SELECT g.id FROM unnest($1::text[]) AS g(id) WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = g.id)',
      [ids.slice(i, i + 20_000)],
    );
    lost += rows.length;
    sample.push(...rows.slice(0, 5 - sample.length).map((r) => r.id));
  }
  return { lost, sample };
}

/** Where the calls above the lower bound went: session windows read in more pages than their messages need. */
async function excessPages(pool: pg.Pool, truth: GroundTruth): Promise<string> {
  const { rows } = await pool.query<{ session_id: string; from: string; pages: number; messages_seen: number }>(
    `SELECT session_id, window_from::text AS from, pages, messages_seen FROM sync_windows WHERE mode = 'sent'`,
  );
  let windows = 0;
  let pages = 0;
  let example = '';
  for (const row of rows) {
    const expected = truth.perWindow.get(`${row.from}|${row.session_id}`) ?? 0;
    const extra = row.pages - Math.ceil(expected / MESSAGE_PAGE);
    if (extra <= 0) continue;
    windows++;
    pages += extra;
    example ||= `${row.session_id.slice(0, 12)}… from ${row.from}: ${row.pages} pages, ${row.messages_seen} rows seen, ${expected} messages`;
  }
  return windows
    ? `${pages} pages over the bound in ${windows} session windows (e.g. ${example})`
    : 'no window over the bound';
}

// ---- physical write limit --------------------------------------------------------------------------

function psql(url: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql ${command}: ${errors}`))));
  });
}

async function writableColumns(pool: pg.Pool, table: string): Promise<string> {
  const { rows } = await pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name).join(', ');
}

/** Every table a report page writes, parents first: the rows the writer is timed on and `\copy` loads. */
const PAGE_TABLES = [
  'chat_sessions',
  'directory_users',
  'messages',
  'message_versions',
  'reaction_snapshots',
  'archived_files',
] as const;

/**
 * The same rows, exported with `\copy TO` and loaded with `\copy FROM` into empty copies of the tables
 * (same columns, defaults, checks, indexes incl. the GIN, generated tsvector, and the same foreign keys;
 * not the append-only triggers, which only fire on UPDATE/DELETE/TRUNCATE).
 */
async function copyRate(
  db: { url: string; pool: pg.Pool },
  cleanup: Cleanup,
): Promise<{ rows: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zca-bench-copy-'));
  cleanup.add(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  await db.pool.query(`
    CREATE SCHEMA bench_copy;
    ${PAGE_TABLES.map((t) => `CREATE TABLE bench_copy.${t} (LIKE public.${t} INCLUDING ALL);`).join('\n    ')}
    ALTER TABLE bench_copy.messages ADD FOREIGN KEY (session_id) REFERENCES bench_copy.chat_sessions (id);
    ALTER TABLE bench_copy.message_versions ADD FOREIGN KEY (message_id) REFERENCES bench_copy.messages (id);
    ALTER TABLE bench_copy.reaction_snapshots ADD FOREIGN KEY (message_id) REFERENCES bench_copy.messages (id);
    ALTER TABLE bench_copy.archived_files ADD FOREIGN KEY (message_id) REFERENCES bench_copy.messages (id);`);
  let rows = 0;
  let seconds = 0;
  for (const table of PAGE_TABLES) {
    const columns = await writableColumns(db.pool, table);
    const file = join(dir, `${table}.copy`);
    await psql(db.url, `\\copy (SELECT ${columns} FROM public.${table}) TO '${file}'`);
    const started = performance.now();
    await psql(db.url, `\\copy bench_copy.${table} (${columns}) FROM '${file}'`);
    seconds += (performance.now() - started) / 1000;
    rows += await scalar(db.pool, `SELECT count(*) AS n FROM bench_copy.${table}`);
  }
  return { rows, seconds };
}

// ---- the benchmark ---------------------------------------------------------------------------------

const mark = (ok: boolean) => (ok ? 'reached' : 'MISSED');

/** The machine is shared: CPU used by the run against what the cores offered says whether it was starved. */
function machineLine(run: SyncRunResult): string {
  const { worker, emulator, postgres } = run.cpu;
  const analyze =
    run.analyses === null ? '' : `; the server's autovacuum is off: the bench ran ${run.analyses} ANALYZE in its stead`;
  const pages = Object.values(run.stats.labels).reduce((sum, b) => sum + b.admitted, 0);
  const perPage = (seconds: number) => ((seconds / Math.max(1, pages)) * 1000).toFixed(1);
  return (
    `CPU over ${run.seconds.toFixed(0)} s on ${cpus().length} cores (5-min load average ${run.loadAverage.toFixed(1)}): ` +
    `worker ${worker.toFixed(0)} s, emulator ${emulator.toFixed(0)} s, Postgres backends ${postgres.toFixed(0)} s ` +
    `= ${perPage(worker)} + ${perPage(emulator)} + ${perPage(postgres)} ms per request${analyze}`
  );
}

interface Options extends WorkerOptions {
  messages: number;
  /** EMULATOR_MAX_FILE_BYTES: the largest generated file. */
  fileBytes: number;
  tag: string;
}

/** Phase 1: the first full sync under Zoom's limits, against the ground truth. */
async function syncPhase(emulator: Emulator, options: Options, cleanup: Cleanup) {
  const { budget, concurrency } = options;
  const db = await freshDatabase(`zca_bench_${options.tag}_sync`, cleanup);
  progress(`phase 1: one worker, budget ${budget}, concurrency ${concurrency}`);
  const run = await syncOnce(emulator, db, options, cleanup);
  progress(`phase 1 idle after ${run.seconds.toFixed(1)} s; reading the ground truth`);
  const truth = await groundTruth(emulator, toDate(run.startedAtMs), run.startedAtMs);
  const { lost, sample } = await countLost(db.pool, truth.ids);
  const archived = await scalar(db.pool, 'SELECT count(*) AS n FROM messages');
  const archivedVersions = await scalar(db.pool, 'SELECT count(*) AS n FROM message_versions');
  const medium = run.stats.labels.Medium ?? { admitted: 0, max_per_second: 0, max_per_sliding_second: 0 };
  const { requests, http429 } = totals(run.stats);
  const lowerBound = truth.messageCalls + truth.listCalls;
  const utilisation = medium.admitted / run.seconds / (budget * MEDIUM_PER_SECOND);
  // The bound counts report pages; channel and member reads (one channel read and a member page or two per
  // channel each tick) are other work, printed beside it.
  const ops = run.stats.operations;
  const reportCalls = (ops.reportChatSessions ?? 0) + (ops.reportChatMessages ?? 0);
  const callsRatio = reportCalls / lowerBound;
  const operations = Object.entries(ops).map(([op, n]) => `${op} ${n}`);

  log(
    `Sync benchmark: ${truth.messages} messages (${truth.versions} versions) in the six-month horizon, ` +
      `${truth.windows} month windows`,
  );
  log(
    `  first full sync: ${run.seconds.toFixed(1)} s from worker start, ` +
      `${Math.round(archived / run.seconds)} messages/s archived`,
  );
  log(
    `  rate: ${medium.admitted} Medium requests admitted = ${(medium.admitted / run.seconds).toFixed(1)}/s of a ` +
      `${budget * MEDIUM_PER_SECOND}/s budget → utilisation ${(utilisation * 100).toFixed(1)}% ` +
      `(target ≥ ${TARGETS.utilisation * 100}%: ${mark(utilisation >= TARGETS.utilisation)}); ` +
      `peak ${medium.max_per_second}/s fixed, ${medium.max_per_sliding_second}/s sliding`,
  );
  log(
    `  calls: ${reportCalls} report requests vs lower bound ${lowerBound} ` +
      `(${truth.messageCalls} message pages + ${truth.listCalls} session-list pages) → ${callsRatio.toFixed(3)}× ` +
      `(target ≤ ${TARGETS.callsRatio}×: ${mark(callsRatio <= TARGETS.callsRatio)}); ` +
      `all ${requests} requests: ${operations.join(', ')}`,
  );
  log(`  extra pages: ${await excessPages(db.pool, truth)}`);
  const runs = run.runs.map((r) => r.status + (r.error ? ` (${r.error})` : '')).join(', ');
  log(`  429s: ${http429}; failed jobs: ${run.failedJobs}; runs: ${runs}`);
  log(
    `  lost: ${lost} of ${truth.messages} messages sent before the sync started (target 0: ${mark(lost === 0)})` +
      `${sample.length ? `, e.g. ${sample.join(', ')}` : ''}; the archive holds ${archived} messages, ` +
      `${archivedVersions} versions; ${truth.arrivedLater} messages arrived during the run`,
  );
  log(`  peak worker RSS: ${run.peakRssMb} MB; files downloaded: ${run.files.stored} (${run.files.gb.toFixed(1)} GB)`);
  log(`  ${machineLine(run)}`);
  log(`  ${workerLogLine(run)}`);
  return {
    messages: truth.messages,
    messages_per_s: Math.round(archived / run.seconds),
    utilisation: round(utilisation),
    calls_ratio: round(callsRatio),
    http_429: http429,
    lost,
    peak_rss_mb: run.peakRssMb,
    sync_s: round(run.seconds, 1),
    requests,
    report_requests: reportCalls,
    lower_bound: lowerBound,
  };
}

/**
 * Phase 2: the archive's own write rate against `\copy`. The pages the worker reads are captured once from
 * the emulator (rate limits off) into a file, then written through ArchiveWriter with the worker's
 * concurrency into a fresh database and timed; `\copy` then loads the same rows into copies of the same
 * tables. Neither side pays for Zoom, the network or the emulator, which run on the same cores.
 */
async function writePhase(emulator: Emulator, options: Options, cleanup: Cleanup) {
  await emulator.send('PUT', '/_emulator/settings', { rate_scale: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'zca-bench-pages-'));
  cleanup.add(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const file = join(dir, 'pages.ndjson');
  const today = toDate(Date.now());
  const monthEnd = toDate(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
  progress('phase 2: capturing every message-report page from the emulator (rate limits off)');
  const captured = performance.now();
  const pages = await capturePages(emulator.base, monthWindows(reportHorizon(today), monthEnd), file, 8);
  const db = await freshDatabase(`zca_bench_${options.tag}_write`, cleanup);
  progress(
    `phase 2: ${pages} pages captured in ${((performance.now() - captured) / 1000).toFixed(0)} s; ` +
      `writing them through ArchiveWriter, ${options.concurrency} pages at a time`,
  );
  const analyze = (await AutoAnalyze.needed(db.pool)) ? new AutoAnalyze(db.pool) : null;
  const seconds = await replayPages(db.url, file, options.concurrency).finally(() => analyze?.stop());
  let rows = 0;
  for (const table of PAGE_TABLES) rows += await scalar(db.pool, `SELECT count(*) AS n FROM ${table}`);
  const writerRowsPerS = rows / seconds;
  progress(`phase 2 written in ${seconds.toFixed(1)} s; timing \\copy of the same ${rows} rows`);
  const copy = await copyRate(db, cleanup);
  const copyRowsPerS = copy.rows / copy.seconds;
  const writeVsCopy = writerRowsPerS / copyRowsPerS;
  log(
    `  archive write rate: ${pages} pages = ${rows} rows (${PAGE_TABLES.join(', ')}) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(writerRowsPerS)} rows/s, ${options.concurrency} pages in flight (5-min load average ` +
      `${loadavg()[1].toFixed(1)} on ${cpus().length} cores)`,
  );
  log(
    `  psql \\copy of the same ${copy.rows} rows: ${copy.seconds.toFixed(1)} s = ${Math.round(copyRowsPerS)} rows/s → ` +
      `${(writeVsCopy * 100).toFixed(1)}% (target ≥ ${TARGETS.writeVsCopy * 100}%: ` +
      `${mark(writeVsCopy >= TARGETS.writeVsCopy)})`,
  );
  return {
    write_vs_copy: round(writeVsCopy),
    writer_rows_per_s: Math.round(writerRowsPerS),
    copy_rows_per_s: Math.round(copyRowsPerS),
  };
}

function workerLogLine(run: SyncRunResult): string {
  const { warnings, errors, lastError } = run.workerLog;
  return `worker log: ${warnings} warnings, ${errors} errors${lastError ? ` (last: ${lastError})` : ''}`;
}

async function main(cleanup: Cleanup): Promise<void> {
  const options: Options = {
    messages: Number(arg('messages') ?? 1_000_000),
    concurrency: Number(arg('concurrency') ?? 32),
    budget: Number(arg('budget') ?? 0.8),
    timeoutMs: Number(arg('timeout-min') ?? 120) * 60_000,
    fileMaxBytes: arg('file-max-bytes') ? Number(arg('file-max-bytes')) : undefined,
    fileBytes: Number(arg('file-bytes') ?? 65_536),
    tag: randomBytes(4).toString('hex'),
  };
  progress(
    `starting the emulator (medium profile, ${options.messages} messages, files up to ${options.fileBytes} bytes, ` +
      'Business+, rate limits on)',
  );
  const emulator = await startEmulator(options.messages, options.fileBytes, cleanup);
  const sync = process.argv.includes('--skip-sync') ? null : await syncPhase(emulator, options, cleanup);
  const write = process.argv.includes('--skip-write') ? null : await writePhase(emulator, options, cleanup);
  const result = {
    messages: sync?.messages ?? null,
    messages_per_s: sync?.messages_per_s ?? null,
    utilisation: sync?.utilisation ?? null,
    calls_ratio: sync?.calls_ratio ?? null,
    http_429: sync?.http_429 ?? null,
    lost: sync?.lost ?? null,
    peak_rss_mb: sync?.peak_rss_mb ?? null,
    write_vs_copy: write?.write_vs_copy ?? null,
    sync_s: sync?.sync_s ?? null,
    requests: sync?.requests ?? null,
    report_requests: sync?.report_requests ?? null,
    lower_bound: sync?.lower_bound ?? null,
    writer_rows_per_s: write?.writer_rows_per_s ?? null,
    copy_rows_per_s: write?.copy_rows_per_s ?? null,
  };
  log(JSON.stringify(result));
}

const cleanup = new Cleanup();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanup.run().finally(() => process.exit(130));
  });
}
main(cleanup)
  .then(() => cleanup.run())
  .catch(async (error: unknown) => {
    const cause = error instanceof Error && error.cause ? `\ncaused by: ${inspect(error.cause)}` : '';
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}\n`);
    await cleanup.run();
    process.exit(1);
  });
