import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseApiKeyToken } from '#libs/archive';
import { type ApiHarness, startApi } from './api.harness.js';

const CLI = 'dist/apps/cli/src/main.js';

/** Runs the built CLI against the harness's database. */
async function cli(h: ApiHarness, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: h.databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

describe('API keys', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
    h = await startApi();
  });
  afterAll(() => h?.close());

  describe('through the API', () => {
    it('an admin creates a key, shown once, that works for its role at once', async () => {
      const created = await h.request('POST', '/api/v1/api-keys', {
        key: h.keys.admin,
        body: { name: 'Q3 review', role: 'auditor' },
      });
      expect(created.status).toBe(201);
      const key = created.body.data;
      expect(key).toEqual({
        id: expect.any(String),
        name: 'Q3 review',
        role: 'auditor',
        created_at: expect.any(String),
        created_by: `key:${h.keyIds.admin}`,
        revoked_at: null,
        revoked_by: null,
        last_used_at: null,
        key: expect.stringMatching(/^zca_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/),
      });
      expect((await h.request('GET', '/api/v1/audit-log', { key: key.key })).status).toBe(200);
      expect((await h.request('GET', '/api/v1/api-keys', { key: key.key })).status).toBe(403);

      const listed = await h.request('GET', '/api/v1/api-keys', { key: h.keys.admin });
      const { secret } = parseApiKeyToken(key.key)!;
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain(createHash('sha256').update(secret).digest('hex'));
      expect(listed.body.data.find((k: { id: string }) => k.id === key.id)).toEqual({
        ...key,
        key: undefined,
        last_used_at: expect.any(String),
      });
    });

    it('the database holds the SHA-256 of the secret, never the secret', async () => {
      const created = await h.request('POST', '/api/v1/api-keys', {
        key: h.keys.admin,
        body: { name: 'hash check', role: 'compliance_officer' },
      });
      const { id, secret } = parseApiKeyToken(created.body.data.key)!;
      const rows = await h.db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(rows[0].secret_sha256).toBe(createHash('sha256').update(secret).digest('hex'));
    });

    it('a revoked key gets 401 at once; revoking again keeps the first revocation', async () => {
      const created = await h.request('POST', '/api/v1/api-keys', {
        key: h.keys.admin,
        body: { name: 'temporary', role: 'compliance_officer' },
      });
      const { id, key } = created.body.data;
      const revoked = await h.request('DELETE', `/api/v1/api-keys/${id}`, { key: h.keys.admin });
      expect(revoked.status).toBe(200);
      expect(revoked.body.data).toMatchObject({
        id,
        revoked_at: expect.any(String),
        revoked_by: `key:${h.keyIds.admin}`,
      });
      const denied = await h.request('GET', '/api/v1/audit-log', { key });
      expect(denied.status).toBe(401);
      expect(denied.body.error.message).toMatch(/revoked/);
      const again = await h.request('DELETE', `/api/v1/api-keys/${id}`, { key: h.keys.admin });
      expect(again.body.data.revoked_at).toBe(revoked.body.data.revoked_at);
      const listed = await h.request('GET', '/api/v1/api-keys', { key: h.keys.admin });
      expect(listed.body.data.map((k: { id: string }) => k.id)).not.toContain(id);
      const all = await h.request('GET', '/api/v1/api-keys', { key: h.keys.admin, query: { include_revoked: true } });
      expect(all.body.data.map((k: { id: string }) => k.id)).toContain(id);
    });

    it('answers 404 for an unknown key and 400 naming the parameter for bad input', async () => {
      const unknown = await h.request('DELETE', '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', {
        key: h.keys.admin,
      });
      expect(unknown.status).toBe(404);
      const bad = await h.request('POST', '/api/v1/api-keys', {
        key: h.keys.admin,
        body: { name: '', role: 'superuser', extra: 1 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { parameter: string }) => d.parameter).sort()).toEqual([
        'extra',
        'name',
        'role',
      ]);
    });

    it('pages through keys with a cursor', async () => {
      const all = await h.request('GET', '/api/v1/api-keys', { key: h.keys.admin, query: { include_revoked: true } });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.request('GET', '/api/v1/api-keys', {
          key: h.keys.admin,
          query: { include_revoked: true, limit: 2, cursor },
        });
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((k: { id: string }) => k.id));
        cursor = page.body.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all.body.data.map((k: { id: string }) => k.id));
    });
  });

  describe('through the CLI', () => {
    it('apikey:create prints the key once; it works; apikey:revoke makes it a 401', async () => {
      const created = await cli(h, 'apikey:create', '--role', 'auditor', '--name', 'from the terminal');
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const token = /^(zca_\S+)$/m.exec(created.stdout)?.[1];
      expect(token).toBeDefined();
      const { id } = parseApiKeyToken(token!)!;
      expect(created.stdout).toContain(`Created API key ${id} (auditor, "from the terminal")`);

      const log = await h.request('GET', '/api/v1/audit-log', { key: token, query: { action: 'apikey.create' } });
      expect(log.status).toBe(200);
      expect(log.body.data[0]).toMatchObject({
        actor: { key_id: null, name: expect.stringMatching(/^cli:/) },
        action: 'apikey.create',
        target: { id },
      });

      const revoked = await cli(h, 'apikey:revoke', '--id', id);
      expect(revoked).toMatchObject({ code: 0, stderr: '' });
      expect(revoked.stdout).toContain(`Revoked API key ${id}`);
      expect((await h.request('GET', '/api/v1/audit-log', { key: token })).status).toBe(401);
    });

    it('refuses a bad role or id with a message and a non-zero exit', async () => {
      const badRole = await cli(h, 'apikey:create', '--role', 'root', '--name', 'x');
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toContain('--role must be one of admin, compliance_officer, auditor');
      const badId = await cli(h, 'apikey:revoke', '--id', 'nope');
      expect(badId.code).toBe(1);
      expect(badId.stderr).toContain('--id must be the UUID');
      const unknown = await cli(h, 'apikey:revoke', '--id', '00000000-0000-4000-8000-000000000000');
      expect(unknown.code).toBe(1);
    });
  });
});
