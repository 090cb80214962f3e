import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFiltersDto } from '../exports/export-filters.dto.js';
import { ExportOptionsDto } from '../exports/export-options.dto.js';

/** GET /reports/messages.csv: the search filters, the time zone, BOM and formula guard. */
export class MessagesReportQueryDto extends IntersectionType(
  ExportFiltersDto,
  OmitType(ExportOptionsDto, ['rows_per_file'] as const),
) {}
