/**
 * One export, rendered by the worker's own renderer in a process of its own, so its peak RSS (VmHWM) is the
 * export's alone. Prints one JSON line: rows, seconds, bytes, peak RSS.
 *
 *   node dist/scripts/bench-export/export-child.js <database url> <export dir> <zip level> <format> <time zone>
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  type ExportFormat,
  ExportJobsRepository,
  ExportSourceRepository,
  ExportWarningsRepository,
  MessageFilterRepository,
  archiveDataSourceOptions,
} from '#libs/archive';
import { loadExportConfig } from '#libs/sync';
import { ExportRendererService } from '../../apps/worker/src/exports/export-renderer.service.js';

async function main(): Promise<void> {
  const [url, exportDir, level, format, timeZone] = process.argv.slice(2);
  const db = await new DataSource({ ...archiveDataSourceOptions(url), extra: { max: 2 } }).initialize();
  try {
    const jobs = new ExportJobsRepository(db);
    const renderer = new ExportRendererService({
      config: { ...loadExportConfig({}), exportDir, exportZipLevel: Number(level) },
      jobs,
      filters: new MessageFilterRepository(db),
      source: new ExportSourceRepository(db),
      warnings: new ExportWarningsRepository(db),
    });
    const job = await jobs.create({
      format: format as ExportFormat,
      filters: {},
      options: { timeZone, bom: false, formulaGuard: true, rowsPerFile: null },
      requestedByKeyId: null,
      requestedByName: 'bench:export',
      requestedByRole: null,
    });
    const started = performance.now();
    const outcome = await renderer.render(job.id);
    const seconds = (performance.now() - started) / 1000;
    const done = (await jobs.get(job.id))!;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    process.stdout.write(
      `${JSON.stringify({
        outcome,
        rows: Number(done.rowsWritten),
        seconds,
        data_bytes: done.files.reduce((sum, f) => sum + f.bytes, 0),
        zip_bytes: Number(done.artifactBytes),
        artifact: done.artifactName,
        peak_rss_mb: hwm ? Math.round(Number(hwm[1]) / 1024) : null,
      })}\n`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
