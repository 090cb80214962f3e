import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { AuditLogReportQueryDto } from './audit-log-report-query.dto.js';
import { MessagesReportQueryDto } from './messages-report-query.dto.js';
import { ReportsService } from './reports.service.js';

const CSV = 'text/csv; charset=utf-8';
const CSV_RESPONSE = { status: 200, content: { 'text/csv': { schema: { type: 'string' as const } } } };

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('messages.csv')
  @RequirePermission('reports:read')
  @Audited('report.messages')
  @ApiOperation({
    summary: 'messages.csv of the messages the search filters select, streamed (no temporary file)',
    description:
      'The columns of the messages.csv export (schema version 1): RFC 4180, CRLF, UTF-8, UTC and zoned time ' +
      'columns. For large or repeated pulls with a manifest, use POST /exports.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ ...CSV_RESPONSE, description: 'The CSV.' })
  async messages(@Query() query: MessagesReportQueryDto): Promise<StreamableFile> {
    const stream = await this.reports.messagesCsv(query);
    return new StreamableFile(stream, { type: CSV, disposition: 'attachment; filename="messages.csv"' });
  }

  @Get('audit-log.csv')
  @RequirePermission('audit:read')
  @Audited('report.audit_log')
  @ApiOperation({
    summary: 'The audit trail as CSV, in chain order, each entry with its hashes and whether it verifies',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ ...CSV_RESPONSE, description: 'The CSV.' })
  async auditLog(@Query() query: AuditLogReportQueryDto): Promise<StreamableFile> {
    const stream = await this.reports.auditLogCsv(query);
    return new StreamableFile(stream, { type: CSV, disposition: 'attachment; filename="audit-log.csv"' });
  }
}
