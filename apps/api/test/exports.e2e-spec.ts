import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { EXPORTS_QUEUE, redisOptions } from '#libs/sync';
import { testRenderer } from '../../worker/test/export-renderer.fixture.js';
import { readZip } from '../../worker/test/zip-reader.js';
import { type ApiHarness, type QueryValue, REDIS_URL, startApi } from './api.harness.js';
import { ALICE, CAROL, type Seed, TRADING_DESK, seedArchive } from './search-seed.fixture.js';

const EXPORTS = '/api/v1/exports';

/** Issue #6, "Export jobs" and "Reports": the API side, with the worker's renderer run in-process. */
describe('exports and reports', () => {
  let h: ApiHarness;
  let seed: Seed;
  let exportDir: string;
  let queue: Queue;

  beforeAll(async () => {
    const filesDir = mkdtempSync(join(tmpdir(), 'zca-api-files-'));
    exportDir = mkdtempSync(join(tmpdir(), 'zca-api-exports-'));
    h = await startApi({ ARCHIVE_FILES_DIR: filesDir, EXPORT_DIR: exportDir });
    seed = await seedArchive(h.db, filesDir);
    queue = new Queue(EXPORTS_QUEUE, { connection: redisOptions(REDIS_URL), prefix: h.config.queuePrefix });
  });
  afterAll(async () => {
    await queue?.close();
    await h?.close();
  });

  const create = (body: unknown, key = h.keys.compliance_officer) => h.request('POST', EXPORTS, { key, body });

  /** Renders an export as the worker would, with the API's export store. */
  async function render(id: string): Promise<void> {
    const { renderer } = testRenderer(h.db, { exportDir });
    expect(await renderer.render(id)).toBe('done');
  }

  async function download(id: string, key = h.keys.auditor) {
    const res = await fetch(`${h.url}${EXPORTS}/${id}/download`, { headers: { authorization: `Bearer ${key}` } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** Every search hit for the filters, oldest first (the export's order). */
  async function searchIds(query: Record<string, QueryValue | undefined>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await h.request('GET', '/api/v1/messages/search', {
        key: h.keys.compliance_officer,
        query: { ...query, sort: 'oldest', limit: 200, cursor },
      });
      expect(res.status).toBe(200);
      ids.push(...(res.body.data as { id: string }[]).map((hit) => hit.id));
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor);
    return ids;
  }

  async function reportIds(query: Record<string, QueryValue | undefined>): Promise<string[]> {
    const res = await h.request('GET', '/api/v1/reports/messages.csv', { key: h.keys.auditor, query });
    expect(res.status).toBe(200);
    return (parse(res.text, { columns: true }) as { message_id: string }[]).map((r) => r.message_id);
  }

  it('queues an export for the worker and answers with its id and status', async () => {
    const res = await create({ format: 'messages.csv', filters: { sender: ALICE.sender } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      format: 'messages.csv',
      status: 'queued',
      filters: { sender: ALICE.sender },
      options: { time_zone: 'UTC', bom: false, formula_guard: true, rows_per_file: null },
      requested_by: 'test compliance_officer',
      download: null,
    });
    const job = await queue.getJob(`render__${res.body.data.id}`);
    expect(job?.data).toEqual({ exportId: res.body.data.id });
  });

  it('renders, lists and serves the zip, whose SHA-256 is the one reported, and audits the download', async () => {
    const created = await create({
      format: 'messages.csv',
      filters: { participant: CAROL.email },
      options: { time_zone: 'America/New_York', bom: true, rows_per_file: 3 },
    });
    const id = created.body.data.id as string;
    await render(id);
    const got = await h.request('GET', `${EXPORTS}/${id}`, { key: h.keys.auditor });
    expect(got.body.data).toMatchObject({ status: 'done', download: `${EXPORTS}/${id}/download` });
    const expected = seed.messages.filter((m) => m.session === TRADING_DESK).length;
    expect(got.body.data.rows).toBe(expected);
    expect(got.body.data.files).toHaveLength(Math.ceil(expected / 3));

    const { res, bytes } = await download(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(got.body.data.zip_sha256);
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    const zipPath = join(mkdtempSync(join(tmpdir(), 'zca-dl-')), 'export.zip');
    writeFileSync(zipPath, bytes);
    const entries = await readZip(zipPath);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.files).toEqual(got.body.data.files);
    expect(manifest.requested_by).toMatchObject({
      name: 'test compliance_officer',
      key_id: h.keyIds.compliance_officer,
    });

    const list = await h.request('GET', EXPORTS, { key: h.keys.auditor, query: { limit: 1 } });
    expect(list.body.data[0].id).toBe(id);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const next = await h.request('GET', EXPORTS, { key: h.keys.auditor, query: { cursor: list.body.next_cursor } });
    expect(next.body.data.map((e: { id: string }) => e.id)).not.toContain(id);

    const audit = await h.db.query<{ actor_key_id: string; target: { id: string }; status_code: number }[]>(
      `SELECT actor_key_id, target, status_code FROM audit_log WHERE action = 'export.download' ORDER BY id`,
    );
    expect(audit).toContainEqual({ actor_key_id: h.keyIds.auditor, target: { id }, status_code: 200 });
  });

  it.each([
    ['no filters', {}],
    ['a sender', { sender: ALICE.sender }],
    ['a participant through channel membership', { participant: CAROL.email }],
    ['text over every version', { q: 'quokka' }],
    ['edited in a channel', { edited: true, channel: TRADING_DESK.channel_id! }],
    ['deleted or external', { deleted: true }],
    ['external senders', { external: true }],
    ['a date range', { from: '2026-11-02T09:30:00Z', to: '2026-11-02T09:50:00Z' }],
    ['a sender nobody knows', { sender: 'nobody@example.com' }],
  ])('exports exactly what search finds for %s', async (_name, filters: Record<string, QueryValue>) => {
    const found = await searchIds(filters);
    expect(await reportIds(filters)).toEqual(found);
    const created = await create({ format: 'messages.csv', filters });
    await render(created.body.data.id);
    const zipPath = join(exportDir, `export-${created.body.data.id}.zip`);
    const rows = parse((await readZip(zipPath)).get('messages.csv')!, { columns: true }) as { message_id: string }[];
    expect(rows.map((r) => r.message_id)).toEqual(found);
  });

  it('streams /reports/messages.csv byte for byte as the export file with the same filters and options', async () => {
    const options = { time_zone: 'Europe/Paris', bom: true, formula_guard: false };
    const created = await create({ format: 'messages.csv', filters: { q: 'budget' }, options });
    await render(created.body.data.id);
    const zip = await readZip(join(exportDir, `export-${created.body.data.id}.zip`));
    const res = await fetch(
      `${h.url}/api/v1/reports/messages.csv?q=budget&time_zone=Europe/Paris&bom=true&formula_guard=false`,
      { headers: { authorization: `Bearer ${h.keys.auditor}` } },
    );
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(await res.arrayBuffer()).equals(zip.get('messages.csv')!)).toBe(true);
  });

  it('streams the audit log as CSV with every entry verified against its hash', async () => {
    const res = await h.request('GET', '/api/v1/reports/audit-log.csv', {
      key: h.keys.auditor,
      query: { time_zone: 'Asia/Kolkata' },
    });
    expect(res.status).toBe(200);
    const rows = parse(res.text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.hash_verified === 'true')).toBe(true);
    expect(rows[0].occurred_at_local).toMatch(/\+05:30$/);
    const ids = rows.map((r) => Number(r.entry_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rows.some((r) => r.action === 'export.download')).toBe(true);
    const filtered = await h.request('GET', '/api/v1/reports/audit-log.csv', {
      key: h.keys.admin,
      query: { action: 'export.create' },
    });
    const created = parse(filtered.text, { columns: true }) as Record<string, string>[];
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((r) => r.action === 'export.create' && JSON.parse(r.query).body.format)).toBe(true);
  });

  it('cancels a queued export once; a cancelled or unfinished export cannot be downloaded', async () => {
    const created = await create({ format: 'jsonl' });
    const id = created.body.data.id as string;
    expect((await download(id)).res.status).toBe(409);
    const cancel = await h.request('POST', `${EXPORTS}/${id}/cancel`, { key: h.keys.compliance_officer });
    expect(cancel.status).toBe(200);
    expect(cancel.body.data.status).toBe('cancelled');
    const again = await h.request('POST', `${EXPORTS}/${id}/cancel`, { key: h.keys.compliance_officer });
    expect(again.status).toBe(409);
    expect((await download(id)).res.status).toBe(409);
  });

  it.each([
    [{ format: 'xlsx' }, 'format'],
    [{ format: 'jsonl', options: { time_zone: 'Mars/Olympus_Mons' } }, 'options.time_zone'],
    [{ format: 'jsonl', options: { time_zone: 'not a zone' } }, 'options.time_zone'],
    [{ format: 'jsonl', filters: { q: '!!!' } }, 'filters.q'],
    [{ format: 'jsonl', filters: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, 'filters.to'],
    [{ format: 'messages.csv', options: { rows_per_file: 0 } }, 'options.rows_per_file'],
    [{ format: 'messages.csv', filters: { colour: 'red' } }, 'filters.colour'],
    [{ format: 'messages.csv', options: { bom: 'yes' } }, 'options.bom'],
  ])('refuses %j naming %s', async (body, parameter) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { parameter: string }) => d.parameter)).toContain(parameter);
  });

  it('lets compliance officers and admins export; auditors read and download only', async () => {
    expect((await create({ format: 'jsonl' }, h.keys.auditor)).status).toBe(403);
    expect((await create({ format: 'jsonl' }, h.keys.admin)).status).toBe(201);
    expect((await h.request('GET', EXPORTS, { key: h.keys.auditor })).status).toBe(200);
    expect((await h.request('GET', '/api/v1/reports/messages.csv', { key: h.keys.auditor })).status).toBe(200);
    const auditLog = await h.request('GET', '/api/v1/reports/audit-log.csv', { key: h.keys.compliance_officer });
    expect(auditLog.status).toBe(403);
    expect(
      (await h.request('GET', `${EXPORTS}/00000000-0000-4000-8000-000000000000`, { key: h.keys.auditor })).status,
    ).toBe(404);
    expect((await h.request('GET', EXPORTS)).status).toBe(401);
  });
});
