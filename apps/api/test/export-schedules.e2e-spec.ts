import { Queue } from 'bullmq';
import { EXPORTS_QUEUE, exportSchedulerId, redisOptions } from '#libs/sync';
import { type ApiHarness, REDIS_URL, startApi } from './api.harness.js';

const SCHEDULES = '/api/v1/export-schedules';

/** Issue #6, "Schedules": CRUD by admins, one BullMQ job scheduler per enabled schedule. */
describe('/export-schedules', () => {
  let h: ApiHarness;
  let queue: Queue;

  beforeAll(async () => {
    h = await startApi();
    queue = new Queue(EXPORTS_QUEUE, { connection: redisOptions(REDIS_URL), prefix: h.config.queuePrefix });
  });
  afterAll(async () => {
    await queue?.close();
    await h?.close();
  });

  const body = {
    name: 'Daily compliance',
    cron: '30 2 * * *',
    time_zone: 'Europe/Paris',
    period: 'previous_day',
    format: 'changes.csv',
    filters: { external: true },
    options: { bom: true },
    retention_days: 90,
  };
  const create = (b: unknown = body, key = h.keys.admin) => h.request('POST', SCHEDULES, { key, body: b });

  it('creates a schedule and its job scheduler, with the cron in the schedule’s zone', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    expect(res.body.data).toMatchObject({
      name: 'Daily compliance',
      cron: '30 2 * * *',
      time_zone: 'Europe/Paris',
      period: 'previous_day',
      format: 'changes.csv',
      filters: { external: true },
      options: { bom: true, formula_guard: true, rows_per_file: null },
      retention_days: 90,
      enabled: true,
      runs: `${SCHEDULES}/${id}/runs`,
    });
    const scheduler = await queue.getJobScheduler(exportSchedulerId(id));
    expect(scheduler).toMatchObject({ pattern: '30 2 * * *', tz: 'Europe/Paris', name: 'fire' });
    // The next tick is 02:30 in Paris, whatever the offset of the day.
    const next = new Date(scheduler!.next!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(next)).toBe(
      '02:30',
    );
  });

  it('reads, lists, changes and deletes; disabling removes the job scheduler, enabling restores it', async () => {
    const id = (await create({ ...body, name: 'to change' })).body.data.id as string;
    expect((await h.request('GET', `${SCHEDULES}/${id}`, { key: h.keys.admin })).body.data.name).toBe('to change');
    const list = await h.request('GET', SCHEDULES, { key: h.keys.admin });
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(id);

    const off = await h.request('PATCH', `${SCHEDULES}/${id}`, { key: h.keys.admin, body: { enabled: false } });
    expect(off.body.data).toMatchObject({ enabled: false, name: 'to change', cron: '30 2 * * *' });
    expect(await queue.getJobScheduler(exportSchedulerId(id))).toBeUndefined();

    const on = await h.request('PATCH', `${SCHEDULES}/${id}`, {
      key: h.keys.admin,
      body: { enabled: true, cron: '0 6 * * 1', time_zone: 'America/New_York', period: 'previous_week' },
    });
    expect(on.body.data).toMatchObject({ enabled: true, cron: '0 6 * * 1', period: 'previous_week' });
    expect(await queue.getJobScheduler(exportSchedulerId(id))).toMatchObject({
      pattern: '0 6 * * 1',
      tz: 'America/New_York',
    });

    expect((await h.request('DELETE', `${SCHEDULES}/${id}`, { key: h.keys.admin })).status).toBe(204);
    expect((await h.request('GET', `${SCHEDULES}/${id}`, { key: h.keys.admin })).status).toBe(404);
    expect(await queue.getJobScheduler(exportSchedulerId(id))).toBeUndefined();
    expect((await h.request('DELETE', `${SCHEDULES}/${id}`, { key: h.keys.admin })).status).toBe(404);
  });

  it('lists the runs of a schedule, which auditors may read', async () => {
    const id = (await create()).body.data.id as string;
    const runs = await h.request('GET', `${SCHEDULES}/${id}/runs`, { key: h.keys.auditor });
    expect(runs.status).toBe(200);
    expect(runs.body).toEqual({ data: [], next_cursor: null });
  });

  it.each([
    [{ cron: 'every day' }, 'cron'],
    [{ cron: '61 * * * *' }, 'cron'],
    [{ time_zone: 'Nowhere/Land' }, 'time_zone'],
    [{ period: 'yesterday' }, 'period'],
    [{ retention_days: 0 }, 'retention_days'],
    [{ filters: { from: '2026-01-01T00:00:00Z' } }, 'filters.from'],
    [{ options: { time_zone: 'UTC' } }, 'options.time_zone'],
    [{ filters: { q: '&&&' } }, 'filters.q'],
  ])('refuses %j naming %s', async (change, parameter) => {
    const res = await create({ ...body, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { parameter: string }) => d.parameter)).toContain(parameter);
  });

  it('is for admins only', async () => {
    expect((await create(body, h.keys.compliance_officer)).status).toBe(403);
    expect((await h.request('GET', SCHEDULES, { key: h.keys.auditor })).status).toBe(403);
  });
});
