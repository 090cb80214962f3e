import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import {
  type ExportJob,
  type ExportJobsRepository,
  type ExportSelection,
  type ExportSourceRepository,
  type ExportWarningsRepository,
  type MessageFilterRepository,
  exportSelectSql,
  resolveExportSelection,
} from '#libs/archive';
import type { ExportConfig } from '#libs/sync';
import { buildManifest, partName } from './export-manifest.util.js';
import { ExportPartsWriter } from './export-parts.writer.js';
import { ZipArtifactWriter } from './export-zip.writer.js';

/** How often progress is recorded and a cancellation looked for. */
const PROGRESS_MS = 1_000;

export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled');
  }
}

export interface ExportRendererDeps {
  config: ExportConfig;
  jobs: ExportJobsRepository;
  filters: MessageFilterRepository;
  source: ExportSourceRepository;
  warnings: ExportWarningsRepository;
  /** How often progress is recorded and a cancellation looked for (ms). */
  progressMs?: number;
}

export type RenderOutcome = 'done' | 'cancelled' | 'skipped';

/**
 * Renders an export job: selects as search does, streams rows from Postgres through the parts writer into a
 * zip in the export store (under a temporary name until complete), adds manifest.json, records the result.
 */
export class ExportRendererService {
  private readonly logger = new Logger(ExportRendererService.name);

  constructor(private readonly deps: ExportRendererDeps) {}

  artifactPath(name: string): string {
    return join(resolve(this.deps.config.exportDir), name);
  }

  async render(exportId: string): Promise<RenderOutcome> {
    const { jobs } = this.deps;
    if (!(await jobs.start(exportId))) return 'skipped';
    const job = (await jobs.get(exportId))!;
    const selection = await resolveExportSelection(job.filters, this.deps.filters);
    await mkdir(resolve(this.deps.config.exportDir), { recursive: true });
    const name = `export-${job.id}.zip`;
    const zip = new ZipArtifactWriter(this.artifactPath(`${name}.partial`), this.deps.config.exportZipLevel);
    let parts: ExportPartsWriter;
    try {
      parts = await this.writeParts(job, selection, zip);
    } catch (error) {
      await zip.abort();
      if (error instanceof ExportCancelledError) {
        await jobs.markCancelled(job.id);
        this.logger.log(`Export ${job.id} cancelled`);
        return 'cancelled';
      }
      throw error;
    }
    const warnings = await this.deps.warnings.warnings(selection);
    const manifest = buildManifest(job, selection, parts.files, warnings, new Date());
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json');
    const artifact = await zip.finish().catch(async (error: unknown) => {
      await zip.abort();
      throw error;
    });
    await rename(zip.path, this.artifactPath(name));
    const finished = await jobs.finish(
      job.id,
      {
        files: parts.files,
        rows: parts.rows,
        warnings,
        artifactName: name,
        artifactBytes: artifact.bytes,
        artifactSha256: artifact.sha256,
      },
      this.expiry(job),
    );
    if (!finished) await rm(this.artifactPath(name), { force: true });
    this.logger.log(`Export ${job.id}: ${parts.rows} rows in ${parts.files.length} file(s), ${artifact.bytes} bytes`);
    return 'done';
  }

  private async writeParts(
    job: ExportJob,
    selection: ExportSelection,
    zip: ZipArtifactWriter,
  ): Promise<ExportPartsWriter> {
    const csv = job.format !== 'jsonl';
    const select = exportSelectSql(job.format, selection, job.options.formulaGuard);
    const read = csv
      ? await this.deps.source.copyCsv(select, job.options.timeZone)
      : await this.deps.source.jsonLines(select, job.options.timeZone);
    const split = job.options.rowsPerFile !== null;
    const parts = new ExportPartsWriter(zip, {
      name: (index) => partName(job.format, index, split),
      header: csv,
      csv,
      bom: csv && job.options.bom,
      rowsPerFile: job.options.rowsPerFile,
    });
    const timer = setInterval(() => {
      this.deps.jobs.progress(job.id, parts.rows).then(
        (cancelled) => {
          if (cancelled) parts.destroy(new ExportCancelledError());
        },
        (error: unknown) => this.logger.warn({ err: error }, `Export ${job.id}: progress not recorded`),
      );
    }, this.deps.progressMs ?? PROGRESS_MS);
    try {
      await pipeline(read.stream, parts);
    } catch (error) {
      await read.close(error);
      throw error;
    } finally {
      clearInterval(timer);
    }
    await read.close();
    return parts;
  }

  /** Scheduled runs carry their schedule's retention; on-demand exports the configured one (0 keeps them). */
  private expiry(job: ExportJob): Date | null {
    if (job.expiresAt) return job.expiresAt;
    const days = this.deps.config.exportRetentionDays;
    return days > 0 ? new Date(Date.now() + days * 86_400_000) : null;
  }
}
