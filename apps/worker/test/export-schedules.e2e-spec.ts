import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportSchedulesRepository } from '#libs/archive';
import { SyncHarness, waitFor } from './worker.harness.js';

interface Run {
  id: string;
  status: string;
  scheduled_for: Date;
  filters: { from: string; to: string };
  artifact_name: string | null;
  requested_by_name: string;
}

/**
 * Issue #6, "A schedule fires once per tick however many worker processes run": two built workers, a
 * schedule ticking every two seconds, and the retention sweep every second.
 */
describe('scheduled exports in the worker', () => {
  let h: SyncHarness;
  const exportDir = mkdtempSync(join(tmpdir(), 'zca-worker-exports-'));

  beforeAll(async () => {
    h = await SyncHarness.start(
      { EMULATOR_PROFILE: 'tiny' },
      { EXPORT_DIR: exportDir, EXPORT_SWEEP_CRON: '* * * * * *' },
    );
  }, 60_000);
  afterAll(() => h?.stop(), 60_000);

  const runs = (scheduleId: string) =>
    h.db.query(
      `SELECT id, status, scheduled_for, filters, artifact_name, requested_by_name FROM export_jobs
       WHERE schedule_id = $1 ORDER BY scheduled_for`,
      [scheduleId],
    ) as Promise<Run[]>;

  it('creates one run per tick with two workers, renders each, and removes expired zips', async () => {
    // Created before the workers start: they find it in Postgres and register its job scheduler.
    const schedule = await new ExportSchedulesRepository(h.db).create({
      name: 'every two seconds',
      cron: '*/2 * * * * *',
      timeZone: 'Europe/Paris',
      period: 'previous_day',
      format: 'messages.csv',
      filters: {},
      options: { timeZone: 'Europe/Paris', bom: false, formulaGuard: true, rowsPerFile: null },
      retentionDays: 30,
      enabled: true,
      createdBy: 'test',
    });
    await Promise.all([h.startWorker(), h.startWorker()]);
    await waitFor(async () => (await runs(schedule.id)).length >= 4, 60_000, 'four scheduled runs');
    await h.db.query('UPDATE export_schedules SET enabled = false WHERE id = $1', [schedule.id]);
    await waitFor(
      async () => (await runs(schedule.id)).every((r) => r.status !== 'queued' && r.status !== 'running'),
      60_000,
      'every run to end',
    );

    const all = await runs(schedule.id);
    const ticks = all.map((r) => r.scheduled_for.getTime());
    // One run per tick: every tick is a distinct even second, and the ticks follow each other.
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick % 2_000).toBe(0);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(gaps.filter((g) => g === 2_000).length).toBeGreaterThanOrEqual(gaps.length - 1);
    const audited = (await h.db.query(
      `SELECT target->>'export_id' AS id FROM audit_log WHERE action = 'export.schedule.run'`,
    )) as { id: string }[];
    expect(audited.map((a) => a.id).sort()).toEqual(all.map((r) => r.id).sort());

    for (const run of all) {
      expect(run.status).toBe('done');
      expect(run.requested_by_name).toBe('schedule:every two seconds');
      // The previous day in Paris, before the tick.
      const to = new Date(run.filters.to);
      expect(to.getTime()).toBeLessThanOrEqual(run.scheduled_for.getTime());
      expect(run.scheduled_for.getTime() - to.getTime()).toBeLessThan(86_400_000);
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeStyle: 'medium' }).format(to)).toBe(
        '00:00:00',
      );
      expect(existsSync(join(exportDir, run.artifact_name!))).toBe(true);
    }

    // Retention: a run whose time is up loses its zip at the next sweep.
    const [first] = all;
    await h.db.query(`UPDATE export_jobs SET expires_at = now() - interval '1 minute' WHERE id = $1`, [first.id]);
    await waitFor(
      async () => (await runs(schedule.id)).find((r) => r.id === first.id)!.status === 'expired',
      30_000,
      'the first run to expire',
    );
    expect(existsSync(join(exportDir, first.artifact_name!))).toBe(false);
    expect(existsSync(join(exportDir, all[1].artifact_name!))).toBe(true);
  }, 180_000);
});
