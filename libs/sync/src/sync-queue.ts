import type { JobsOptions, Queue } from 'bullmq';
import { type ChannelJob, type FetchJob, type ListJob, type PlanJob, RETRY_POLICY, jobId } from './job-catalogue.js';

/** How long a start-up plan stands for every worker that starts after it. */
export const STARTUP_PLAN_HOLD_MS = 5 * 60_000;

/** Enqueueing behind one class: job ids, deduplication and retry policy come from the catalogue. */
export class SyncQueue {
  constructor(private readonly queue: Queue) {}

  private options(name: keyof typeof RETRY_POLICY, id: string): JobsOptions {
    return {
      ...RETRY_POLICY[name],
      // Deduplication (not a fixed jobId) so the next tick can enqueue the same work once this one ends.
      deduplication: { id },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 5_000 },
    };
  }

  /** A plan: a manual run's (one job per run id) or a tick's. */
  async plan(data: PlanJob): Promise<void> {
    const key = data.runId ?? `tick-${Date.now()}`;
    await this.queue.add('plan', data, this.options('plan', jobId('plan', key)));
  }

  /**
   * The catch-up plan of a starting worker. Workers started within `STARTUP_PLAN_HOLD_MS` of the last
   * one that planned join its run instead of planning another: a plan takes well under a second, so
   * deduplication while queued would let a worker starting a few seconds later (a rolling deploy) plan a
   * second run and read every channel again. What changed meanwhile is the next tick's.
   */
  async startupPlan(): Promise<void> {
    const options = this.options('plan', jobId('plan', 'startup'));
    await this.queue.add(
      'plan',
      {},
      { ...options, deduplication: { ...options.deduplication!, ttl: STARTUP_PLAN_HOLD_MS } },
    );
  }

  /** A retry of the files whose download never finished; one job while one is queued or running. */
  async pendingFiles(): Promise<void> {
    await this.queue.add('files', {}, this.options('files', jobId('files')));
  }

  async list(accountId: string, jobs: ListJob[]): Promise<void> {
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: 'list',
        data,
        opts: this.options('list', jobId('list', accountId, data.from, data.to)),
      })),
    );
  }

  async fetch(accountId: string, jobs: FetchJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 500) {
      await this.queue.addBulk(
        jobs.slice(i, i + 500).map((data) => ({
          name: 'fetch',
          data,
          opts: this.options('fetch', jobId('fetch', accountId, data.sessionId, data.from, data.to, data.mode)),
        })),
      );
    }
  }

  /**
   * Channel syncs of one tick. The job id holds the channel and the tick's run, so the plan and every
   * listing of the tick that names the channel make one job, kept (completed) so a later listing in the same
   * tick does not read it again; the next tick's run id makes a new one.
   */
  async channels(accountId: string, jobs: ChannelJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 500) {
      await this.queue.addBulk(
        jobs.slice(i, i + 500).map((data) => ({
          name: 'channel',
          data,
          opts: {
            ...RETRY_POLICY.channel,
            jobId: jobId('channel', accountId, data.channelId, data.runId),
            removeOnComplete: { count: 5_000 },
            removeOnFail: { count: 5_000 },
          },
        })),
      );
    }
  }

  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
  }
}
