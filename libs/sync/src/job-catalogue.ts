/**
 * Every queue and job of the worker, with its payload and retry policy, in one place. Payloads carry
 * ids and windows; the state lives in Postgres. Job ids derive from the work, so a re-plan is a no-op.
 */
export const SYNC_QUEUE = 'sync';

export type WindowMode = 'sent' | 'modified';

export interface PlanJob {
  /** Set for runs requested by a person (CLI, API); scheduled ticks create their own run. */
  runId?: string;
  from?: string;
  to?: string;
  force?: boolean;
}

export interface ListJob {
  runId: string;
  from: string;
  to: string;
  force: boolean;
}

export interface FetchJob {
  runId: string;
  sessionId: string;
  from: string;
  to: string;
  mode: WindowMode;
}

/** A channel and its members, read once per tick: the run is the tick's, so the next tick reads it again. */
export interface ChannelJob {
  runId: string;
  channelId: string;
  /** How many times the job has waited for the channel's messages to be fetched (see SyncProcessor). */
  waits?: number;
}

/** Files whose download never finished (no payload: the archive knows which). */
export type PendingFilesJob = Record<string, never>;

export interface SyncJobs {
  plan: PlanJob;
  list: ListJob;
  fetch: FetchJob;
  channel: ChannelJob;
  files: PendingFilesJob;
}

export type SyncJobName = keyof SyncJobs;

export const SYNC_JOB_NAMES: readonly SyncJobName[] = ['plan', 'list', 'fetch', 'channel', 'files'];

/** Transient failures (5xx after the client's own retries, network) retry with backoff; permanent ones fail at once. */
export const RETRY_POLICY = {
  plan: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  list: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 } },
  fetch: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 } },
  channel: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 } },
  files: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
} as const;

/** BullMQ job ids may not contain ':' and must not be all digits. */
export function jobId(name: SyncJobName, ...parts: string[]): string {
  return [name, ...parts].join('__').replace(/:/g, '_');
}
