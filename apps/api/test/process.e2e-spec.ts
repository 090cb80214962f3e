import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ApiKeysRepository, parseApiKeyToken } from '#libs/archive';
import { createTestDatabase, type TestDatabase } from '../../../libs/archive/test/test-database.js';
import { freePort } from '../../worker/test/worker.harness.js';
import { REDIS_URL, removeRedisKeys } from './api.harness.js';

const MAIN = 'dist/apps/api/src/main.js';

/**
 * `npm run start:api` as deployed: the built process, its structured logs (one JSON line per request with
 * its request id, never a key) and its refusal to start on a bad setting.
 */
describe('the API process', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let output = '';
  let base = '';
  let prefix = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prefix = `zcatest-apiproc-${port}`;
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        API_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    for (let i = 0; i < 300 && !output.includes('API ready'); i++) {
      if (child.exitCode !== null) throw new Error(`the API exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!output.includes('API ready')) throw new Error(`the API did not start: ${output}`);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (prefix) await removeRedisKeys(prefix);
    await db?.drop();
  });

  it('logs each request as JSON with its request id, and no API key anywhere', async () => {
    const { token } = await new ApiKeysRepository(db.dataSource).create({
      name: 'ops',
      role: 'admin',
      createdBy: 'test',
    });
    const created = await fetch(`${base}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'trace-42' },
      body: JSON.stringify({ name: 'new one', role: 'auditor', api_key: 'zca_smuggled' }),
    });
    expect(created.status).toBe(400);
    const ok = await fetch(`${base}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'trace-43' },
      body: JSON.stringify({ name: 'new one', role: 'auditor' }),
    });
    const newKey = ((await ok.json()) as { data: { key: string } }).data.key;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { id?: string }; res?: { status_code?: number }; level: number });
    expect(lines.find((l) => l.req?.id === 'trace-42')).toMatchObject({ res: { status_code: 400 } });
    expect(lines.find((l) => l.req?.id === 'trace-43')).toMatchObject({ res: { status_code: 201 } });
    for (const secret of [parseApiKeyToken(token)!.secret, parseApiKeyToken(newKey)!.secret, 'zca_smuggled']) {
      expect(output).not.toContain(secret);
    }
  });

  it('answers /health', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses to start on an invalid setting, naming it', async () => {
    const bad = spawn(process.execPath, [MAIN], { env: { ...process.env, API_PORT: 'eighty' }, stdio: 'pipe' });
    let stderr = '';
    bad.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Configuration error: API_PORT must be an integer');
  });
});
