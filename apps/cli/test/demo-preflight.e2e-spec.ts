import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createTestDatabase, databaseUrl } from '../../../libs/archive/test/test-database.js';
import { removeRedisKeys } from '../../api/test/api.harness.js';
import { REDIS_URL, freePort } from '../../worker/test/worker.harness.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point with the given settings and no terminal, as CI or a service manager would. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still running after 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const CLI = 'dist/apps/cli/src/main.js';
const WORKER = 'dist/apps/worker/src/main.js';
const API = 'dist/apps/api/src/main.js';
/** Nothing listens on port 1 here: connections are refused at once. */
const DOWN_PG = 'postgres://archiver:s3cret-pw@127.0.0.1:1/zca_unreachable';
const DOWN_REDIS = 'redis://:r3dis-pw@127.0.0.1:1';
const UNUSED_DB = databaseUrl('zca_test_never_created');

/** The servers a process cannot use are named with their address and how to start them; no stack, no secret. */
describe('start-up with Postgres or Redis unreachable', () => {
  it.concurrent.each([
    ['the demo', CLI, ['demo']],
    ['the worker', WORKER, []],
    ['the API', API, []],
  ])(
    '%s names Postgres, its address and how to start it',
    async (_name, script, args) => {
      const port = String(await freePort());
      const result = await run(script, args, {
        DATABASE_URL: DOWN_PG,
        API_PORT: port,
        WORKER_PORT: port,
        EMULATOR_PORT: port,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /Postgres is not reachable at 127\.0\.0\.1:1 \(DATABASE_URL=postgres:\/\/archiver:\*\*\*@127\.0\.0\.1:1\/zca_unreachable\): .*ECONNREFUSED/,
      );
      expect(result.stderr).toContain('Start it with `docker compose up -d postgres redis`');
      expect(result.stderr).not.toContain('s3cret-pw');
      expect(result.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.concurrent.each([
    ['the demo', CLI, ['demo'], UNUSED_DB],
    ['the worker', WORKER, [], databaseUrl('postgres')],
    ['the API', API, [], databaseUrl('postgres')],
    ['cli sync', CLI, ['sync'], databaseUrl('postgres')],
  ])(
    '%s names Redis, its address and how to start it',
    async (_name, script, args, database) => {
      const port = String(await freePort());
      const result = await run(script, args, {
        DATABASE_URL: database,
        REDIS_URL: DOWN_REDIS,
        API_PORT: port,
        WORKER_PORT: port,
        EMULATOR_PORT: port,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /Redis is not reachable at 127\.0\.0\.1:1 \(REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:1\): .*ECONNREFUSED/,
      );
      expect(result.stderr).toContain('Start it with `docker compose up -d postgres redis`');
      expect(result.stderr).not.toContain('r3dis-pw');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      // Nothing was started or created: the demo checks both servers before doing anything.
      expect(result.stdout).not.toContain('✓ Schema');
    },
    60_000,
  );

  it.concurrent(
    'the worker says a missing database needs migrate',
    async () => {
      const result = await run(WORKER, [], {
        DATABASE_URL: UNUSED_DB,
        REDIS_URL,
        WORKER_PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'The database zca_test_never_created does not exist on Postgres at 127.0.0.1:5432.\nCreate it and its schema with `npm run cli -- migrate`',
      );
      expect(result.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.concurrent(
    'the demo names a port already in use and the variable that moves it, before starting anything',
    async () => {
      const holder = createServer();
      const port = await new Promise<number>((resolve) =>
        holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
      );
      try {
        const result = await run(CLI, ['demo'], {
          DATABASE_URL: UNUSED_DB,
          REDIS_URL,
          EMULATOR_PORT: String(await freePort()),
          WORKER_PORT: String(await freePort()),
          API_PORT: String(port),
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `Error: Port ${port} on 127.0.0.1 for the api is already in use. Stop what holds it, or pick another with API_PORT=<port>.\n`,
        );
      } finally {
        holder.close();
      }
    },
    60_000,
  );
});

describe('start-up with a taken port or a malformed setting', () => {
  it.concurrent.each([
    ['the worker', WORKER, 'WORKER_PORT'],
    ['the API', API, 'API_PORT'],
  ])(
    '%s names the port in use and the variable that moves it',
    async (_name, script, variable) => {
      const holder = createServer();
      const port = await new Promise<number>((resolve) =>
        holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
      );
      const db = await createTestDatabase();
      const prefix = `zcatest-port-${port}`;
      try {
        const result = await run(script, [], {
          DATABASE_URL: db.url,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          SYNC_CRON: '0 0 1 1 *',
          [variable]: String(port),
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `Port ${port} on 127.0.0.1 is already in use. Stop what holds it, or pick another with ${variable}=<port>.`,
        );
        expect(result.stderr).not.toMatch(STACK_FRAME);
      } finally {
        holder.close();
        await removeRedisKeys(prefix);
        await db.drop();
      }
    },
    60_000,
  );

  it.concurrent(
    'the worker names a malformed Zoom credential as a configuration error',
    async () => {
      const result = await run(WORKER, [], {
        DATABASE_URL: databaseUrl('postgres'),
        REDIS_URL,
        ZOOM_CLIENT_ID: 'pasted with a space',
        WORKER_PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Configuration error: ZOOM_CLIENT_ID is malformed: it must not contain whitespace or ":"\n',
      );
    },
    60_000,
  );
});
