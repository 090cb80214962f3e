import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { addDays, reportHorizon, toDate } from '#libs/sync';
import { databaseUrl, dropDatabase } from '../../../libs/archive/test/test-database.js';
import { compareWithGroundTruth } from '../../worker/test/ground-truth.compare.js';
import { SyncHarness, freePort } from '../../worker/test/worker.harness.js';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as an operator would, with the given environment. */
function cli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A Node stack frame: what an operator must never be shown for bad input or an unreachable server. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe('cli: migrate', () => {
  const name = `zca_test_${randomBytes(6).toString('hex')}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl(name) };
  afterAll(() => dropDatabase(name), 30_000);

  it('creates a missing database and applies the migrations, safely when run twice at once', async () => {
    const runs = await Promise.all([cli(['migrate'], env), cli(['migrate'], env)]);
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    const out = runs.map((r) => r.stdout).join('');
    expect(out.match(/Created the database\./g)).toHaveLength(1);
    expect(out.match(/^Applied: .+$/gm)).toHaveLength(1);
    expect(out.match(/The schema is up to date\./g)).toHaveLength(1);

    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.rows.map((t) => t.name)).toEqual(
        expect.arrayContaining(['messages', 'message_versions', 'sync_windows', 'sync_runs', 'archived_files']),
      );
      const applied = await client.query('SELECT name FROM migrations');
      expect(applied.rows.length).toBe(out.match(/^Applied: (.+)$/m)![1].split(', ').length);
    } finally {
      await client.end();
    }

    expect(await cli(['migrate'], env)).toEqual({ code: 0, stdout: 'The schema is up to date.\n', stderr: '' });
  }, 120_000);
});

// Each run starts a Node process: these independent ones run side by side.
describe('cli: bad input and unreachable servers', () => {
  const env = { ...process.env, DATABASE_URL: databaseUrl('zca_test_unused') };

  it.concurrent.each([
    [['sync', '--from', '2026-13-01'], /^Error: --from must be a date YYYY-MM-DD\n$/],
    [['sync', '--from', '2026-02-30'], /^Error: --from must be a date YYYY-MM-DD\n$/],
    [['sync', '--from', '2026-11-02', '--to', '2026-11-01'], /^Error: --from must not be after --to\n$/],
    [['sync', '--since', '2026-11-01'], /^Error: Unknown option '--since'/],
  ])(
    'rejects %j with a clear message',
    async (args, message) => {
      const run = await cli(args, env);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.concurrent(
    'rejects an unknown command with the usage',
    async () => {
      const run = await cli(['synk'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^Unknown command "synk"\n\nUsage: /);
      expect(run.stderr).toContain('sync:status');
      expect(run.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.concurrent.each([['migrate'], ['sync:status'], ['sync']])(
    '%s names the Postgres address it cannot reach, without the password',
    async (command) => {
      const url = 'postgres://archiver:s3cret-pw@127.0.0.1:1/zca_unreachable';
      const run = await cli([command], { ...process.env, DATABASE_URL: url });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Error: cannot connect to Postgres at postgres:\/\/archiver:\*\*\*@127\.0\.0\.1:1\//);
      expect(run.stderr).toContain('ECONNREFUSED');
      expect(run.stderr).not.toContain('s3cret-pw');
      expect(run.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );
});

describe('cli: sync and sync:status against a running worker', () => {
  let h: SyncHarness;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const today = toDate(Date.now());
  const horizon = reportHorizon(today);

  beforeAll(async () => {
    h = await SyncHarness.start();
    env = h.workerEnv();
  }, 60_000);
  afterAll(() => h?.stop(), 60_000);

  it('sync:status on an empty archive: nothing done, the horizon itself uncovered', async () => {
    const run = await cli(['sync:status'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Session windows: 0 done, 0 behind (0 running), 0 failed.');
    expect(run.stdout).toContain(`Oldest day not yet archived: ${horizon} — AT THE HORIZON: Zoom drops it soon.`);
  }, 60_000);

  it('sync --from --to --wait shows progress, a summary, exits 0, and the range is then archived', async () => {
    port = await freePort();
    await h.startWorker({ WORKER_PORT: String(port) });
    // A range across a month boundary, run while the worker's own start-up sync is under way.
    const from = addDays(today, -45);
    const to = addDays(today, -10);
    const run = await cli(['sync', '--from', from, '--to', to, '--wait'], env);
    expect(run.code).toBe(0);
    const runId = /^Sync run ([0-9a-f-]{36}) enqueued for (\S+)\.\.(\S+)\.$/m.exec(run.stdout);
    expect(runId?.slice(2)).toEqual([from, to]);
    // The progress bar goes to stderr (the summary to stdout), and ends full.
    const bars = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars)
      expect(bar).toMatch(/^Syncing \[[=-]+\] \d+\/\d+ windows \| \d+ messages, \d+ new versions \| 0 failed$/);
    const [, done, total] = /(\d+)\/(\d+) windows/.exec(bars[bars.length - 1])!;
    expect(done).toBe(total);
    const summary =
      /^Run done: (\d+) windows done, 0 failed; (\d+) messages read, (\d+) new versions archived\.$/m.exec(run.stdout);
    expect(summary).not.toBeNull();

    expect(await compareWithGroundTruth(h, from, to)).toEqual([]);
    const [row] = (await h.db.query(
      `SELECT status, windows_done, windows_failed, messages FROM sync_runs WHERE id = $1`,
      [runId![1]],
    )) as { status: string; windows_done: number; windows_failed: number; messages: number }[];
    expect(row).toEqual({
      status: 'done',
      windows_done: Number(summary![1]),
      windows_failed: 0,
      messages: Number(summary![2]),
    });
    expect(row.windows_done).toBeGreaterThan(10);
    expect(row.messages).toBeGreaterThan(100);
  }, 180_000);

  it('the worker serves /health and Prometheus /metrics', async () => {
    await h.idle();
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    for (const name of ['zoom_requests_total', 'archive_versions_added_total', 'sync_queue_depth', 'sync_lag_seconds'])
      expect(text).toContain(`# TYPE ${name} `);
    expect(value('zoom_requests_total{label="Medium",status="200"}')).toBeGreaterThan(100);
    expect(value('archive_versions_added_total')).toBeGreaterThan(1000);
    expect(value('sync_queue_depth{state="waiting"}')).toBe(0);
    expect(value('sync_queue_depth{state="active"}')).toBe(0);
    expect(value('sync_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value('sync_lag_seconds')).toBeLessThan(120);
  }, 180_000);

  it('sync:status after the sync: every window done, every day archived', async () => {
    const [{ n }] = (await h.db.query(`SELECT count(*)::int AS n FROM sync_windows`)) as { n: number }[];
    const run = await cli(['sync:status'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Session windows: ${n} done, 0 behind (0 running), 0 failed.`);
    expect(run.stdout).toContain('Every day from the horizon to today is archived.');
    expect(run.stdout).not.toContain('Channels whose details');
  }, 60_000);

  it('sync:status names a channel nobody could read and why; messages are unaffected, so it still exits 0', async () => {
    const [rows] = (await h.db.query(
      `UPDATE channels SET warning = 'no member of the channel could read it', warning_at = now()
       WHERE id = (SELECT id FROM channels ORDER BY id LIMIT 1) RETURNING id, name`,
    )) as [{ id: string; name: string }[], number];
    try {
      const run = await cli(['sync:status'], env);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(
        'Channels whose details and members could not be read: 1 (their messages are archived).\n' +
          `  channel ${rows[0].id} ${rows[0].name}: no member of the channel could read it`,
      );
    } finally {
      await h.db.query(`UPDATE channels SET warning = NULL, warning_at = NULL WHERE id = $1`, [rows[0].id]);
    }
  }, 60_000);

  it('sync:status lists a failed window, its reason and the oldest day it leaves uncovered, and exits 1', async () => {
    const [window] = (await h.db.query(
      `UPDATE sync_windows SET status = 'failed', last_error = 'Zoom said no'
       WHERE (session_id, window_from) = (SELECT session_id, window_from FROM sync_windows
                                          WHERE mode = 'sent' ORDER BY window_from, session_id LIMIT 1)
         AND mode = 'sent'
       RETURNING session_id, window_from::text AS window_from, window_to::text AS window_to`,
    )) as [{ session_id: string; window_from: string; window_to: string }[], number];
    const failed = window[0];
    const run = await cli(['sync:status'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Session windows: \d+ done, 0 behind \(0 running\), 1 failed\./);
    expect(run.stdout).toContain(`Oldest day not yet archived: ${failed.window_from}`);
    expect(run.stdout).toContain(
      `  failed: session ${failed.session_id} ${failed.window_from}..${failed.window_to} (sent): Zoom said no`,
    );
  }, 60_000);
});
