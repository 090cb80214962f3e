import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, dropDatabase } from '../../../libs/archive/test/test-database.js';
import { removeRedisKeys } from '../../api/test/api.harness.js';
import { REDIS_URL, freePort } from '../../worker/test/worker.harness.js';

const MAIN = 'dist/apps/cli/src/main.js';
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * Runs a printed command as a pasted one would run, in a POSIX shell in `cwd`, adding only curl's status
 * output. The body is parsed JSON, or null when the command saves it to a file.
 */
function runPasted(command: string, cwd: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', `${command} -w '\\n%{http_code}'`], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command}\nfailed: ${error.message}\n${stderr}`));
      const cut = stdout.lastIndexOf('\n');
      const raw = stdout.slice(0, cut);
      resolve({ status: Number(stdout.slice(cut + 1)), body: raw ? JSON.parse(raw) : null });
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run demo` end to end, as an evaluator runs it: a database of its own (created by the demo), a Redis
 * prefix of its own, free ports, the tiny tenant. Every command it prints is run with the real curl, then
 * Ctrl-C (SIGINT) must stop every child and exit 0.
 */
describe('the demo', () => {
  const name = `zca_test_demo_${randomBytes(5).toString('hex')}`;
  const prefix = `zcatest-demo-${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'zca-demo-'));
  const ports = { api: 0, worker: 0, emulator: 0 };
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null>;

  /** Starts the demo on this suite's database, prefix and ports, and waits until it says it is running. */
  async function startDemo(): Promise<void> {
    stdout = '';
    stderr = '';
    child = spawn(process.execPath, [MAIN, 'demo'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(name),
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        EMULATOR_PROFILE: 'tiny',
        API_PORT: String(ports.api),
        WORKER_PORT: String(ports.worker),
        EMULATOR_PORT: String(ports.emulator),
        ARCHIVE_FILES_DIR: join(dir, 'files'),
        EXPORT_DIR: join(dir, 'exports'),
        DEMO_LOG_DIR: join(dir, 'logs'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const current = child;
    exited = new Promise((resolve) => current.once('exit', (code) => resolve(code)));
    const started = Date.now();
    while (!stdout.includes('Press Ctrl-C')) {
      if (child.exitCode !== null) throw new Error(`the demo exited ${child.exitCode}:\n${stdout}\n${stderr}`);
      if (Date.now() - started > 240_000) throw new Error(`the demo is not up after 240 s:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const childPids = () => [...stdout.matchAll(/\(pid (\d+),/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    await startDemo();
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    for (const pid of childPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await removeRedisKeys(prefix);
    await dropDatabase(name);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('creates the database, starts the three processes, syncs the horizon and prints a key per role', () => {
    expect(stdout).toMatch(/^✓ Postgres: .*\/zca_test_demo_\w+ \(created\)$/m);
    expect(stdout).toMatch(/^✓ Schema: applied \d+ migrations$/m);
    expect(stdout).toContain(`✓ Zoom emulator, tiny tenant: http://127.0.0.1:${ports.emulator} (pid `);
    expect(stdout).toContain(`✓ Worker: http://127.0.0.1:${ports.worker}/metrics (pid `);
    expect(stdout).toContain(`✓ API: http://127.0.0.1:${ports.api}/api/v1 (pid `);
    expect(stdout).toMatch(/^Run done: \d+ windows done, 0 failed;/m);
    const archived = /^✓ Archived: (\d+) messages, (\d+) versions \((\d+) edited, (\d+) deleted in Zoom\)/m.exec(
      stdout,
    );
    expect(Number(archived?.[1])).toBeGreaterThan(1_000);
    expect(Number(archived?.[2])).toBeGreaterThan(Number(archived?.[1]));
    expect(Number(archived?.[4])).toBeGreaterThan(0);
    expect(stdout).toMatch(/^✓ Export [0-9a-f-]{36}: [1-9]\d* deleted messages as CSV, zipped with its manifest$/m);
    for (const role of ['admin', 'compliance_officer', 'auditor']) {
      expect(stdout).toMatch(new RegExp(`^  ${role} +zca_\\S+$`, 'm'));
    }
    // The progress bar is drawn on stderr and ends full.
    expect(stderr).toMatch(/Syncing \[=+\] (\d+)\/\1 windows/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('prints requests that each work pasted into a shell, with the role they need', async () => {
    const commands = stdout.split('\n').filter((line) => line.startsWith('curl '));
    expect(commands.length).toBeGreaterThanOrEqual(11);
    const seen = new Set<string>();
    const cwd = join(dir, 'pasted');
    mkdirSync(cwd);
    let zipSha256 = '';
    for (const command of commands) {
      const url = new URL(/'(http:[^']+)'$/.exec(command)![1]);
      const { status, body } = await runPasted(command, cwd);
      expect({ command, status }).toEqual({ command, status: command.includes('-X POST') ? 201 : 200 });
      const path = url.pathname;
      seen.add(
        path === '/api/v1/messages/search'
          ? path
          : path.replace(/\/messages\/[^/]+$/, '/messages/{id}').replace(/(sessions|exports)\/[^/]+/, '$1/{id}'),
      );
      if (path === '/api/v1/messages/search') {
        // A word of a deleted message's original text finds deleted messages through their stored versions.
        const term = url.searchParams.get('q')!;
        expect(body.data.length).toBeGreaterThan(0);
        for (const hit of body.data) {
          expect(hit.status).toBe('deleted');
          expect(hit.matched_version.text.toLowerCase()).toContain(term);
        }
      } else if (/^\/api\/v1\/messages\/[^/]+$/.test(path)) {
        expect(body.data.versions.length).toBeGreaterThan(1);
        for (const version of body.data.versions) expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
      } else if (/^\/api\/v1\/sessions\/[^/]+\/messages$/.test(path)) {
        expect(body.data.length).toBeGreaterThan(0);
      } else if (path === '/api/v1/exports') {
        expect(body.data).toMatchObject({ format: 'messages.csv', filters: { deleted: true } });
        expect(['queued', 'running', 'done']).toContain(body.data.status);
      } else if (/^\/api\/v1\/exports\/[^/]+$/.test(path)) {
        // The export the demo made is done before the demo says it is ready.
        expect(body.data.status).toBe('done');
        expect(body.data.files.map((f: { name: string }) => f.name)).toContain('messages.csv');
        expect(body.data.rows).toBeGreaterThan(0);
        zipSha256 = body.data.zip_sha256;
      } else if (/^\/api\/v1\/exports\/[^/]+\/download$/.test(path)) {
        const zip = readFileSync(join(cwd, 'demo-export.zip'));
        expect(zip.subarray(0, 2).toString()).toBe('PK');
        expect(createHash('sha256').update(zip).digest('hex')).toBe(zipSha256);
        for (const name of ['messages.csv', 'manifest.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
      } else if (path === '/api/v1/reports/audit-log.csv') {
        const csv = readFileSync(join(cwd, 'audit-log.csv'), 'utf8');
        expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(5);
      } else if (path === '/api/v1/sync/status') {
        const [account] = body.data.accounts;
        expect(account.windows).toMatchObject({ failed: 0, behind: 0 });
        expect(account.windows.done).toBeGreaterThan(0);
        expect(account.oldest_uncovered_day).toBeNull();
      } else if (path === '/api/v1/audit-log') {
        // The requests run above are in the log, as the printout says.
        expect(body.data.map((e: { action: string }) => e.action)).toEqual(
          expect.arrayContaining(['message.search', 'message.read', 'export.create', 'export.download', 'sync.status']),
        );
      } else if (path === '/api/v1/audit-log/verify') {
        expect(body.data).toMatchObject({ intact: true });
      } else if (path === '/api/v1/api-keys') {
        expect(body.data.map((k: { name: string }) => k.name)).toEqual(
          expect.arrayContaining(['demo admin', 'demo compliance_officer', 'demo auditor']),
        );
      }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        '/api/v1/messages/search',
        '/api/v1/messages/{id}',
        '/api/v1/sessions/{id}/messages',
        '/api/v1/exports',
        '/api/v1/exports/{id}',
        '/api/v1/exports/{id}/download',
        '/api/v1/reports/audit-log.csv',
        '/api/v1/sync/status',
        '/api/v1/audit-log',
      ]),
    );
  });

  it('prints the OpenAPI page it serves', async () => {
    const docs = /^OpenAPI docs: (\S+)$/m.exec(stdout)![1];
    expect(docs).toBe(`http://127.0.0.1:${ports.api}/docs`);
    const page = await fetch(docs);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('stops every child on Ctrl-C and exits 0', async () => {
    const pids = childPids();
    expect(pids).toHaveLength(3);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/Ctrl-C: stopping .*\nStopped\.\n$/);
    expect(pids.filter(alive)).toEqual([]);
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  }, 60_000);

  it('runs again on the same database, and its children stop on their own when it is killed outright', async () => {
    await startDemo();
    expect(stdout).toMatch(/^✓ Postgres: .*\/zca_test_demo_\w+$/m);
    expect(stdout).toMatch(/^✓ Schema: up to date$/m);
    const pids = childPids();
    expect(pids).toHaveLength(3);
    // SIGKILL gives the demo no chance to stop them: each child notices its parent is gone and shuts down.
    child.kill('SIGKILL');
    await exited;
    const deadline = Date.now() + 30_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(pids.filter(alive)).toEqual([]);
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  }, 300_000);
});
