import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { ExportJob, ExportJobsRepository } from '#libs/archive';
import type { ExportQueue } from '#libs/sync';
import { API_CONFIG } from '../api.tokens.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE, type PageQueryDto } from '../common/page-query.dto.js';
import type { ApiConfig } from '../config/api-config.js';
import type { CreateExportDto } from './create-export.dto.js';
import { ExportDto } from './export.dto.js';
import { toExportOptions, toStoredFilters } from './export-request.util.js';
import { ExportValidationService } from './export-validation.service.js';
import { EXPORT_JOBS, EXPORT_QUEUE_PORT } from './exports.tokens.js';

export interface ExportPosition {
  k: 'export';
  t: string;
  id: string;
}

export const isExportPosition = (value: unknown): value is ExportPosition =>
  hasExactKeys(value, ['k', 't', 'id']) &&
  value.k === 'export' &&
  typeof value.t === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value.t) &&
  typeof value.id === 'string' &&
  /^[0-9a-f-]{36}$/.test(value.id);

export interface ExportDownload {
  stream: Readable;
  fileName: string;
  bytes: number;
  sha256: string;
}

/** Export jobs over HTTP: the worker renders them; the API records, lists and serves them. */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(EXPORT_JOBS) private readonly jobs: ExportJobsRepository,
    @Inject(EXPORT_QUEUE_PORT) private readonly queue: ExportQueue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly validation: ExportValidationService,
  ) {}

  async create(body: CreateExportDto, principal: Principal): Promise<ExportDto> {
    const filters = toStoredFilters(body.filters, 'filters.');
    const options = toExportOptions(body.options);
    await this.validation.check(filters, options, { q: 'filters.q', timeZone: 'options.time_zone' });
    const job = await this.jobs.create({
      format: body.format,
      filters,
      options,
      requestedByKeyId: principal.keyId,
      requestedByName: principal.name,
      requestedByRole: principal.role,
    });
    try {
      await this.queue.render(job.id);
    } catch (error) {
      await this.jobs.fail(job.id, `could not enqueue the export: ${String(error)}`);
      throw error;
    }
    return ExportDto.from(job);
  }

  async list(query: PageQueryDto, scheduleId?: string): Promise<{ data: ExportDto[]; next_cursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const position = query.cursor ? decodeCursor(query.cursor, isExportPosition) : undefined;
    const rows = await this.jobs.list({
      limit: limit + 1,
      scheduleId,
      after: position && { createdAt: position.t, id: position.id },
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const key = rows.length > limit && last ? await this.jobs.createdKey(last.id) : null;
    return {
      data: page.map((job) => ExportDto.from(job)),
      next_cursor: key && last ? encodeCursor({ k: 'export', t: key, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<ExportDto> {
    return ExportDto.from(await this.job(id));
  }

  async cancel(id: string): Promise<ExportDto> {
    const job = await this.job(id);
    if (job.status !== 'queued' && job.status !== 'running') {
      throw new ApiError(
        409,
        'conflict',
        `Export ${id} is ${job.status}: only a queued or running export can be cancelled`,
      );
    }
    return ExportDto.from((await this.jobs.requestCancel(id))!);
  }

  async download(id: string): Promise<ExportDownload> {
    const job = await this.job(id);
    if (job.status !== 'done' || !job.artifactName || !job.artifactSha256) {
      throw new ApiError(409, 'conflict', `Export ${id} is ${job.status}: only a done export can be downloaded`);
    }
    const path = join(resolve(this.config.exportDir), job.artifactName);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw ApiError.notFound(`The zip of export ${id} is no longer in the export store`);
    return {
      stream: createReadStream(path),
      fileName: `zoom-chat-export-${job.id}.zip`,
      bytes: size,
      sha256: job.artifactSha256,
    };
  }

  private async job(id: string): Promise<ExportJob> {
    const job = await this.jobs.get(id);
    if (!job) throw ApiError.notFound(`No export ${id}`);
    return job;
  }
}
