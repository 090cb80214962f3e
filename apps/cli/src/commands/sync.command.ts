import { Queue } from 'bullmq';
import { SingleBar } from 'cli-progress';
import { SyncStateRepository } from '#libs/archive';
import type { SyncConfig } from '#libs/sync';
import { probeRedis, redisOptions } from '#libs/sync';
import { SYNC_QUEUE } from '#libs/sync';
import { SyncQueue } from '#libs/sync';
import { openDatabase } from './connections.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real day: Date.parse rolls 2026-02-30 over to March 2 rather than rejecting it. */
const isCalendarDate = (value: string) =>
  DATE.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function syncCommand(
  config: SyncConfig,
  options: { from?: string; to?: string; wait?: boolean },
): Promise<number> {
  for (const name of ['from', 'to'] as const) {
    const value = options[name];
    if (value !== undefined && !isCalendarDate(value)) throw new Error(`--${name} must be a date YYYY-MM-DD`);
  }
  if (options.from && options.to && options.from > options.to) throw new Error('--from must not be after --to');
  const db = await openDatabase(config.databaseUrl);
  // BullMQ waits for Redis forever; an operator wants to hear at once that it is down.
  await probeRedis(config.redisUrl).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  const queue = new Queue(SYNC_QUEUE, { connection: redisOptions(config.redisUrl), prefix: config.queuePrefix });
  try {
    const state = new SyncStateRepository(db);
    const runId = await enqueueSync(state, queue, config.accountId, options);
    process.stdout.write(
      `Sync run ${runId} enqueued${options.from || options.to ? ` for ${options.from ?? 'the horizon'}..${options.to ?? 'today'}` : ''}.\n`,
    );
    if (!options.wait) return 0;
    return await waitForRun(state, runId);
  } finally {
    await queue.close();
    await db.destroy();
  }
}

/** A manual run over the range (the whole horizon when open), forced so closed months are read again. */
export async function enqueueSync(
  state: SyncStateRepository,
  queue: Queue,
  accountId: string,
  range: { from?: string; to?: string },
): Promise<string> {
  const runId = await state.createRun(accountId, 'manual', range.from ?? null, range.to ?? null);
  await new SyncQueue(queue).plan({ runId, from: range.from, to: range.to, force: true });
  return runId;
}

/** Shows the run's progress bar until it ends, then its summary; 0 when every window was archived. */
export async function waitForRun(state: SyncStateRepository, runId: string): Promise<number> {
  const bar = new SingleBar({
    format: 'Syncing [{bar}] {value}/{total} windows | {messages} messages, {versions} new versions | {failed} failed',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5_000,
  });
  bar.start(1, 0, { messages: 0, versions: 0, failed: 0 });
  let idleSince = Date.now();
  let lastDone = -1;
  for (;;) {
    const p = await state.runProgress(runId);
    const run = await state.getRun(runId);
    bar.setTotal(Math.max(1, p.total));
    bar.update(p.done + p.failed, { messages: p.messages, versions: p.versionsAdded, failed: p.failed });
    if (run && (run.status === 'done' || run.status === 'failed')) {
      bar.stop();
      process.stdout.write(
        `Run ${run.status}: ${p.done} windows done, ${p.failed} failed; ${p.messages} messages read, ${p.versionsAdded} new versions archived.\n`,
      );
      if (p.failed > 0) process.stdout.write('See `npm run cli -- sync:status` for the failed windows and why.\n');
      return run.status === 'done' && p.failed === 0 ? 0 : 1;
    }
    if (p.done + p.failed !== lastDone) {
      lastDone = p.done + p.failed;
      idleSince = Date.now();
    } else if (Date.now() - idleSince > 60_000) {
      process.stdout.write('\nNo progress for a minute: is a worker running (`npm run start:worker`)?\n');
      idleSince = Date.now();
    }
    await sleep(1_000);
  }
}
