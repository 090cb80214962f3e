import { ConfigError } from './config-error.js';

/** Settings of exports, shared by the API (downloads, reports) and the worker (rendering, schedules). */
export interface ExportConfig {
  /** The export store: where zips are written and served from. */
  readonly exportDir: string;
  /** Export jobs one worker renders at once. */
  readonly exportConcurrency: number;
  /**
   * Deflate level of the zips, 0 (stored) to 9. Stored by default: deflating competes with Postgres and the
   * CSV pass for the CPUs and slows an export several times (bench:export); set 1-9 for smaller zips.
   */
  readonly exportZipLevel: number;
  /** Days an on-demand export's zip is kept; 0 keeps it (scheduled runs use their schedule's retention). */
  readonly exportRetentionDays: number;
  /** When expired artifacts are removed (cron, UTC). */
  readonly exportSweepCron: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function loadExportConfig(env: NodeJS.ProcessEnv = process.env): ExportConfig {
  const exportSweepCron = env.EXPORT_SWEEP_CRON || '*/15 * * * *';
  if (exportSweepCron.trim().split(/\s+/).length < 5) {
    throw new ConfigError(`EXPORT_SWEEP_CRON must be a cron pattern, got "${exportSweepCron}"`);
  }
  return {
    exportDir: env.EXPORT_DIR || './var/exports',
    exportConcurrency: integer(env, 'EXPORT_CONCURRENCY', 1, 1, 32),
    exportZipLevel: integer(env, 'EXPORT_ZIP_LEVEL', 0, 0, 9),
    exportRetentionDays: integer(env, 'EXPORT_RETENTION_DAYS', 30, 0, 36_500),
    exportSweepCron,
  };
}
