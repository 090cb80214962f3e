import { IntersectionType, OmitType } from '@nestjs/swagger';
import { AuditLogQueryDto } from '../audit-log/audit-log-query.dto.js';
import { ExportOptionsDto } from '../exports/export-options.dto.js';

/** GET /reports/audit-log.csv: the audit log's filters, the time zone, BOM and formula guard. */
export class AuditLogReportQueryDto extends IntersectionType(
  OmitType(AuditLogQueryDto, ['limit', 'cursor'] as const),
  OmitType(ExportOptionsDto, ['rows_per_file'] as const),
) {}
