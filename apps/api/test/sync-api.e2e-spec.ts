import { Queue } from 'bullmq';
import { SYNC_QUEUE, redisOptions } from '#libs/sync';
import { type ApiHarness, REDIS_URL, startApi } from './api.harness.js';

/** Issue #5: GET /sync/status, POST /sync/runs (admin), GET /sync/runs/{id}. */
describe('sync API', () => {
  let h: ApiHarness;
  let queue: Queue;

  beforeAll(async () => {
    h = await startApi({ ZOOM_ACCOUNT_ID: 'acct-e2e' });
    queue = new Queue(SYNC_QUEUE, { connection: redisOptions(REDIS_URL), prefix: h.config.queuePrefix });
  });
  afterAll(async () => {
    await queue?.close();
    await h?.close();
  });

  it('reports coverage of the configured account as sync:status does, also to auditors', async () => {
    await h.db.query(
      `INSERT INTO sync_windows (account_id, session_id, window_from, window_to, mode, status, last_error)
       VALUES ('acct-e2e', 's1', current_date - 3, current_date - 2, 'sent', 'failed', 'HTTP 500 from Zoom'),
              ('acct-e2e', 's2', current_date - 3, current_date - 2, 'sent', 'pending', NULL)`,
    );
    await h.db.query(
      `INSERT INTO channels (id, account_id, name, warning, warning_at)
       VALUES ('ch-hidden', 'acct-e2e', 'Deals desk', 'no member of the channel could read it', '2026-11-20T10:00:00Z'),
              ('ch-fine', 'acct-e2e', 'General', NULL, NULL),
              ('ch-other', 'acct-other', 'Elsewhere', 'no member of the channel could read it', '2026-11-21T10:00:00Z')`,
    );
    const res = await h.request('GET', '/api/v1/sync/status', { key: h.keys.auditor });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      horizon: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      queue: expect.any(Object),
    });
    expect(res.body.data.accounts).toEqual([
      {
        account_id: 'acct-e2e',
        configured: true,
        windows: { done: 0, pending: 1, running: 0, failed: 1, behind: 1 },
        oldest_uncovered_day: res.body.data.horizon,
        at_horizon: true,
        covered_from: null,
        failed: [
          {
            session_id: 's1',
            from: expect.any(String),
            to: expect.any(String),
            mode: 'sent',
            error: 'HTTP 500 from Zoom',
          },
        ],
        channel_warnings: [
          {
            channel_id: 'ch-hidden',
            name: 'Deals desk',
            warning: 'no member of the channel could read it',
            at: '2026-11-20T10:00:00.000Z',
          },
        ],
        latest_run: null,
      },
    ]);
  });

  it('lets an admin start a manual run: a run row and a plan job on the sync queue', async () => {
    const res = await h.request('POST', '/api/v1/sync/runs', {
      key: h.keys.admin,
      body: { from: '2026-11-01', to: '2026-11-15' },
    });
    expect(res.status).toBe(201);
    const run = res.body.data;
    expect(run).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      account_id: 'acct-e2e',
      kind: 'manual',
      status: 'planning',
      requested_from: '2026-11-01',
      requested_to: '2026-11-15',
      progress: { total: 0, done: 0, failed: 0, running: 0, pending: 0, messages: 0, versions_added: 0 },
    });
    const [row] = await h.db.query(`SELECT kind, account_id FROM sync_runs WHERE id = $1`, [run.id]);
    expect(row).toEqual({ kind: 'manual', account_id: 'acct-e2e' });
    const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed', 'active']);
    expect(jobs.map((j) => [j.name, j.data])).toEqual([
      ['plan', { runId: run.id, from: '2026-11-01', to: '2026-11-15', force: true }],
    ]);

    const read = await h.request('GET', `/api/v1/sync/runs/${run.id}`, { key: h.keys.compliance_officer });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(run);
    const status = await h.request('GET', '/api/v1/sync/status', { key: h.keys.admin });
    expect(status.body.data.accounts[0].latest_run.id).toBe(run.id);
  });

  it('refuses manual runs to everyone but admins', async () => {
    for (const key of [h.keys.compliance_officer, h.keys.auditor]) {
      expect((await h.request('POST', '/api/v1/sync/runs', { key, body: {} })).status).toBe(403);
    }
  });

  it.each([
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '01/11/2026' }, 'from'],
    [{ from: '2026-11-15', to: '2026-11-01' }, 'to'],
    [{ days: 3 }, 'days'],
  ])('answers 400 for %j naming %s, and creates no run', async (body, parameter) => {
    const before = await h.db.query(`SELECT count(*)::int AS n FROM sync_runs`);
    const res = await h.request('POST', '/api/v1/sync/runs', { key: h.keys.admin, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].parameter).toBe(parameter);
    expect(await h.db.query(`SELECT count(*)::int AS n FROM sync_runs`)).toEqual(before);
  });

  it('answers 404 for an unknown run and 400 for an id that is not one', async () => {
    const unknown = await h.request('GET', '/api/v1/sync/runs/0f8fad5b-d9cb-469f-a165-70867728950e', {
      key: h.keys.admin,
    });
    expect(unknown.status).toBe(404);
    const bad = await h.request('GET', '/api/v1/sync/runs/not-a-uuid', { key: h.keys.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].parameter).toBe('id');
  });

  it('audits the run creation with its body', async () => {
    await h.request('POST', '/api/v1/sync/runs', {
      key: h.keys.admin,
      body: { to: '2026-11-10' },
      headers: { 'x-request-id': 'sync-run-1' },
    });
    const [entry] = await h.db.query(
      `SELECT action, query, status_code FROM audit_log WHERE request_id = 'sync-run-1'`,
    );
    expect(entry).toEqual({ action: 'sync.run.create', query: { body: { to: '2026-11-10' } }, status_code: 201 });
  });
});
