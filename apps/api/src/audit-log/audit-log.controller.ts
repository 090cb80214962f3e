import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { AuditChainReportDto } from './audit-chain-report.dto.js';
import { AuditLogEntryDto } from './audit-log-entry.dto.js';
import { AuditLogQueryDto } from './audit-log-query.dto.js';
import { AuditLogService } from './audit-log.service.js';

@ApiTags('audit-log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @RequirePermission('audit:read')
  @Audited('audit.list')
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by actor, action and time' })
  @ApiDataResponse(AuditLogEntryDto, { list: true })
  list(@Query() query: AuditLogQueryDto): Promise<{ data: AuditLogEntryDto[]; next_cursor: string | null }> {
    return this.auditLog.list(query);
  }

  @Get('verify')
  @RequirePermission('audit:read')
  @Audited('audit.verify')
  @ApiOperation({ summary: 'Walk the hash chain and report whether it is intact, and where it first breaks' })
  @ApiDataResponse(AuditChainReportDto)
  async verify(): Promise<{ data: AuditChainReportDto }> {
    return { data: await this.auditLog.verify() };
  }
}
