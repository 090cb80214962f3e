import type { ChildProcess } from 'node:child_process';
import { reportHorizon, toDate } from '#libs/sync';
import { compareWithGroundTruth, groundTruth } from './ground-truth.compare.js';
import { SyncHarness, waitFor } from './worker.harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KILLS = 3;

/**
 * Crash safety: the worker is SIGKILLed three times at random moments of a sync, each time mid-way, and
 * started again. Its jobs come back after their lock lapses (SYNC_LOCK_MS 5 s here), pages are written
 * idempotently, and the archive must end equal to the emulator's ground truth.
 */
describe('sync survives SIGKILL of the worker', () => {
  let h: SyncHarness;
  const today = toDate(Date.now());
  const horizon = reportHorizon(today);

  beforeAll(async () => {
    // Fewer jobs at once and some latency: the sync lasts long enough to be killed three times in it.
    h = await SyncHarness.start({}, { SYNC_CONCURRENCY: '3' });
    await h.emu.control('PUT', '/faults', { latency_ms: 40 });
  }, 60_000);
  afterAll(() => h?.stop(), 60_000);

  const archived = async () => ((await h.db.query('SELECT count(*)::int AS n FROM messages')) as { n: number }[])[0].n;

  it('ends equal to ground truth after three kills at random points and restarts', async () => {
    const total = (await groundTruth(h, horizon, today)).length;
    // Random points of progress to kill at, apart from each other and short of the end.
    const targets = Array.from({ length: KILLS }, () => Math.random())
      .sort((a, b) => a - b)
      .map((r, i) => Math.round(total * (0.1 + 0.22 * i + 0.12 * r)));
    const killedAt: number[] = [];

    let worker = await h.startWorker();
    for (const target of targets) {
      await waitFor(async () => (await archived()) >= target, 90_000, `${target} messages archived (the sync stalled)`);
      // A random moment after the target: mid-page, mid-download, between jobs.
      await sleep(Math.random() * 1_000);
      await kill(h, worker);
      killedAt.push(await archived());
      worker = await h.startWorker();
    }
    await h.idle(150_000);

    // Each kill was mid-sync: more archived than at the previous kill, not yet everything.
    for (let i = 0; i < KILLS; i++) {
      expect(killedAt[i]).toBeGreaterThan(i === 0 ? 0 : killedAt[i - 1]);
      expect(killedAt[i]).toBeLessThan(total);
    }
    const notDone = (await h.db.query(
      `SELECT status, count(*)::int AS n FROM sync_windows WHERE status <> 'done' GROUP BY status
       UNION ALL SELECT 'listing ' || status, count(*)::int FROM session_list_windows WHERE status <> 'done' GROUP BY status`,
    )) as { status: string; n: number }[];
    expect(notDone).toEqual([]);
    expect(await compareWithGroundTruth(h, horizon, today)).toEqual([]);
  }, 300_000);

  it('a restarted worker fetches the files a killed one left pending, without waiting for the next tick', async () => {
    // As a worker killed between writing a page and downloading its files leaves them.
    const [left] = (await h.db.query(
      `UPDATE archived_files SET status = 'pending', content_sha256 = NULL, stored_at = NULL
       WHERE file_id IN (SELECT file_id FROM archived_files WHERE status = 'stored' ORDER BY file_id LIMIT 3)
       RETURNING file_id`,
    )) as [{ file_id: string }[], number];
    expect(left).toHaveLength(3);
    const runsBefore = await h.db.query('SELECT id FROM sync_runs ORDER BY id');
    await kill(h, h.workers[h.workers.length - 1]);

    // Restarted at once: it joins the start-up run already made (no new plan), and still fetches them.
    await h.startWorker();
    await h.idle(60_000);
    expect(await h.db.query('SELECT id FROM sync_runs ORDER BY id')).toEqual(runsBefore);
    expect(await compareWithGroundTruth(h, horizon, today)).toEqual([]);
  }, 120_000);
});

async function kill(h: SyncHarness, worker: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
  // A killed process keeps a null exitCode (it has a signalCode); the harness's stop() would wait for it.
  h.workers.splice(h.workers.indexOf(worker), 1);
}
