import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_FORMATS, EXPORT_PERIODS, type ExportSchedule } from '#libs/archive';

export class ExportScheduleOptionsViewDto {
  @ApiProperty() bom!: boolean;
  @ApiProperty() formula_guard!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) rows_per_file!: number | null;
}

export class ExportScheduleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Cron pattern (5 fields, or 6 with seconds first), in time_zone.' }) cron!: string;
  @ApiProperty({ description: 'IANA time zone of the cron, of the period and of the *_local columns.' })
  time_zone!: string;
  @ApiProperty({ enum: EXPORT_PERIODS, description: 'The window each run exports, before its tick.' }) period!: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) filters!: Record<string, unknown>;
  @ApiProperty({ type: ExportScheduleOptionsViewDto }) options!: ExportScheduleOptionsViewDto;
  @ApiProperty({ type: 'integer', description: 'Days a run’s zip is kept.' }) retention_days!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Path of the list of its runs.' }) runs!: string;

  static from(s: ExportSchedule): ExportScheduleDto {
    return {
      id: s.id,
      name: s.name,
      cron: s.cron,
      time_zone: s.timeZone,
      period: s.period,
      format: s.format,
      filters: { ...s.filters },
      options: { bom: s.options.bom, formula_guard: s.options.formulaGuard, rows_per_file: s.options.rowsPerFile },
      retention_days: s.retentionDays,
      enabled: s.enabled,
      created_at: s.createdAt.toISOString(),
      created_by: s.createdBy,
      updated_at: s.updatedAt.toISOString(),
      runs: `/api/v1/export-schedules/${s.id}/runs`,
    };
  }
}
