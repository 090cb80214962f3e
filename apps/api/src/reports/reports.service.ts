import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { DataSource } from 'typeorm';
import {
  CsvCrlfTransform,
  type ExportRead,
  ExportSourceRepository,
  MessageFilterRepository,
  exportSelectSql,
  resolveExportSelection,
} from '#libs/archive';
import { DATA_SOURCE } from '../api.tokens.js';
import { ApiError } from '../common/api.error.js';
import { ExportValidationService } from '../exports/export-validation.service.js';
import { toExportOptions, toStoredFilters } from '../exports/export-request.util.js';
import type { AuditLogReportQueryDto } from './audit-log-report-query.dto.js';
import { AUDIT_LOG_COLUMNS, auditLogCsvRecord } from './audit-log-csv.util.js';
import { type AuditReportRow, AuditLogReportRepository } from './audit-log-report.repository.js';
import type { MessagesReportQueryDto } from './messages-report-query.dto.js';

/**
 * CSV reports streamed straight to the client (no temporary file): each read has its own connection, which
 * is returned when the response completes and discarded when the client goes away mid-way.
 */
@Injectable()
export class ReportsService {
  private readonly filters: MessageFilterRepository;
  private readonly source: ExportSourceRepository;

  constructor(
    @Inject(DATA_SOURCE) db: DataSource,
    private readonly validation: ExportValidationService,
    private readonly auditLog: AuditLogReportRepository,
  ) {
    this.filters = new MessageFilterRepository(db);
    this.source = new ExportSourceRepository(db);
  }

  /** messages.csv of the export, for the messages the search filters select. */
  async messagesCsv(query: MessagesReportQueryDto): Promise<Readable> {
    const filters = toStoredFilters(query);
    const options = toExportOptions(query);
    await this.validation.check(filters, options, { q: 'q', timeZone: 'time_zone' });
    const selection = await resolveExportSelection(filters, this.filters);
    const read = await this.source.copyCsv(
      exportSelectSql('messages.csv', selection, options.formulaGuard),
      options.timeZone,
    );
    return streamed(read, new CsvCrlfTransform(options.bom));
  }

  /** The audit trail in chain order, each entry's hash checked against its content. */
  async auditLogCsv(query: AuditLogReportQueryDto): Promise<Readable> {
    const options = toExportOptions(query);
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
    await this.validation.check({}, options, { q: 'q', timeZone: 'time_zone' });
    const read = await this.auditLog.open({ actor: query.actor, action: query.action, from, to }, options.timeZone);
    const records = new Transform({
      objectMode: true,
      transform: (row: AuditReportRow, _encoding, callback) => callback(null, auditLogCsvRecord(row)),
    });
    const csv = stringify({
      header: true,
      columns: [...AUDIT_LOG_COLUMNS],
      record_delimiter: 'windows',
      bom: options.bom,
      escape_formulas: options.formulaGuard,
      cast: { boolean: (value) => String(value) },
    });
    return streamed(read, records, csv);
  }
}

/** Pipes the read through the stages; the last stage is what the client gets. */
function streamed(read: ExportRead, ...stages: [Transform, ...Transform[]]): Readable {
  const last = stages[stages.length - 1];
  pipeline(read.stream, ...stages).then(
    () => read.close(),
    (error: unknown) => read.close(error ?? new Error('aborted')),
  );
  return last;
}
