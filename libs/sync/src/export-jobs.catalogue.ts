/**
 * The exports queue: its jobs, payloads and retry policy. Payloads carry ids; the state lives in Postgres
 * (export_jobs, export_schedules).
 */
export const EXPORTS_QUEUE = 'exports';

/** Render one export_jobs row into its zip. */
export interface RenderExportJob {
  exportId: string;
}

/** One tick of a schedule: create its run (once) and render it. The tick's time is the job's `prevMillis`. */
export interface FireScheduleJob {
  scheduleId: string;
}

/** Remove artifacts whose retention has passed. */
export type SweepExportsJob = Record<string, never>;

export interface ExportQueueJobs {
  render: RenderExportJob;
  fire: FireScheduleJob;
  sweep: SweepExportsJob;
}

export type ExportJobName = keyof ExportQueueJobs;

export const EXPORT_JOB_NAMES: readonly ExportJobName[] = ['render', 'fire', 'sweep'];

/**
 * A render that fails for a transient reason (a lost connection) is tried again from the start; the zip is
 * written under a temporary name, so a half-written one is never served.
 */
export const EXPORT_RETRY_POLICY = {
  render: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
  fire: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  sweep: { attempts: 1 },
} as const;

/** Job scheduler id of an export schedule (BullMQ ids may not contain ':'). */
export function exportSchedulerId(scheduleId: string): string {
  return `export-schedule__${scheduleId}`;
}

export const EXPORT_SWEEP_SCHEDULER = 'export-sweep';
