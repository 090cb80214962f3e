import { ConfigError } from './config-error.js';
import { integerSetting } from './env-setting.util.js';

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

export function loadExportConfig(env: NodeJS.ProcessEnv = process.env): ExportConfig {
  const exportSweepCron = env.EXPORT_SWEEP_CRON || '*/15 * * * *';
  if (exportSweepCron.trim().split(/\s+/).length < 5) {
    throw new ConfigError(`EXPORT_SWEEP_CRON must be a cron pattern, got "${exportSweepCron}"`);
  }
  return {
    exportDir: env.EXPORT_DIR || './var/exports',
    exportConcurrency: integerSetting(env, 'EXPORT_CONCURRENCY', 1, 1, 32),
    exportZipLevel: integerSetting(env, 'EXPORT_ZIP_LEVEL', 0, 0, 9),
    exportRetentionDays: integerSetting(env, 'EXPORT_RETENTION_DAYS', 30, 0, 36_500),
    exportSweepCron,
  };
}
