import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { ZoomPermanentError } from '#libs/zoom-client';
import {
  type ChannelJob,
  type FetchJob,
  type ListJob,
  type PlanJob,
  SYNC_JOB_NAMES,
  SYNC_QUEUE,
  type SyncJobName,
} from '#libs/sync';
import { RatePausedError } from '../rate/redis-rate-gate.js';
import { CHANNEL_SYNC_SERVICE, SYNC_CONFIG, SYNC_SERVICE } from '../worker.tokens.js';
import type { SyncConfig } from '#libs/sync';
import type { ChannelSyncService } from './channel-sync.service.js';
import type { SyncService } from './sync.service.js';

type Handler = (job: Job, token?: string) => Promise<unknown>;

/**
 * How long a channel job waits for its channel's messages (and their senders) before it looks again:
 * 2 s, doubling up to a minute, so a short sync is not held up and a long backfill does not poll.
 */
export function channelWaitMs(waits: number): number {
  return Math.min(60_000, 2_000 * 2 ** waits);
}

/**
 * How long a job's lock lives without renewal: a killed worker's jobs return to the queue after it.
 * Read at load time because the decorator's options are static.
 */
const LOCK_MS = Number(process.env.SYNC_LOCK_MS) || 30_000;

/** Runs sync jobs; rate pauses delay a job without using an attempt, permanent errors fail it at once. */
@Processor(SYNC_QUEUE, { lockDuration: LOCK_MS, stalledInterval: LOCK_MS, maxStalledCount: 10 })
export class SyncProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(SyncProcessor.name);
  private readonly handlers: Record<SyncJobName, Handler>;

  constructor(
    @Inject(SYNC_SERVICE) private readonly sync: SyncService,
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
    @Inject(CHANNEL_SYNC_SERVICE) private readonly channels: ChannelSyncService,
  ) {
    super();
    this.handlers = {
      plan: (job) => this.sync.plan(job.data as PlanJob),
      list: (job) => this.sync.list(job.data as ListJob),
      fetch: (job) => this.sync.fetch(job.data as FetchJob),
      channel: (job, token) => this.syncChannel(job, token),
      files: () => this.sync.retryPendingFiles(),
    };
    const missing = SYNC_JOB_NAMES.filter((name) => !this.handlers[name]);
    if (missing.length) throw new Error(`No handler for sync jobs: ${missing.join(', ')}`);
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.concurrency;
  }

  /**
   * A channel found by a session listing is read before that session's messages are fetched, so the senders
   * it could be read as may not be known yet: while they are being fetched the job waits (delayed, no attempt
   * spent); after that an unreadable channel is tried again with the job's backoff, and keeps its warning
   * only when its last attempt cannot read it either.
   */
  private async syncChannel(job: Job, token?: string): Promise<unknown> {
    const data = job.data as ChannelJob;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.channels.sync(data, lastAttempt);
    if (outcome.status === 'waiting') {
      if (!token) throw new Error(`channel ${data.channelId} waits for its messages: ${outcome.warning}`);
      const waits = data.waits ?? 0;
      await job.updateData({ ...data, waits: waits + 1 });
      await job.moveToDelayed(Date.now() + channelWaitMs(waits), token);
      throw new DelayedError();
    }
    if (outcome.status !== 'unreadable') return outcome;
    if (!lastAttempt) throw new Error(`channel ${data.channelId} not readable yet, trying again: ${outcome.warning}`);
    this.logger.warn(`channel ${data.channelId}: ${outcome.warning}`);
    return outcome;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as SyncJobName];
    if (!handler) throw new UnrecoverableError(`Unknown sync job "${job.name}"`);
    try {
      return await handler(job, token);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      if (error instanceof RatePausedError && token) {
        this.logger.warn(
          `${job.name} ${job.id}: Zoom rate limit; delayed until ${new Date(error.untilMs).toISOString()}`,
        );
        await job.moveToDelayed(error.untilMs, token);
        throw new DelayedError();
      }
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof ZoomPermanentError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        this.logger.error(
          `${job.name} ${job.id} failed${permanent ? ' permanently' : ' after its last attempt'}: ${reason}`,
        );
        if (job.name === 'fetch') await this.sync.failWindow(job.data as FetchJob, reason);
        if (job.name === 'list') await this.sync.failListWindow(job.data as ListJob, reason);
        if (job.name === 'channel') await this.channels.fail(job.data as ChannelJob, reason);
      }
      if (permanent) throw new UnrecoverableError(reason);
      throw error;
    }
  }
}
