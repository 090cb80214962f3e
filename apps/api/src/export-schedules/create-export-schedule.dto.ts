import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EXPORT_FORMATS, EXPORT_PERIODS, type ExportFormat, type ExportPeriod } from '#libs/archive';
import { ExportFiltersDto } from '../exports/export-filters.dto.js';
import { ExportOptionsDto, TIME_ZONE_PATTERN } from '../exports/export-options.dto.js';

/** Daily at 02:00 in the schedule's zone: yesterday is complete by then. */
export const DEFAULT_CRON = '0 2 * * *';

/** The search filters without from/to: each run's period gives its window. */
export class ScheduleFiltersDto extends OmitType(ExportFiltersDto, ['from', 'to'] as const) {}

/** The export options without the time zone: the schedule's own applies. */
export class ScheduleOptionsDto extends OmitType(ExportOptionsDto, ['time_zone'] as const) {}

export class CreateExportScheduleDto {
  @ApiProperty({ maxLength: 200, example: 'Daily compliance export' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    description: 'Cron pattern: 5 fields, or 6 with seconds first; in time_zone.',
    default: DEFAULT_CRON,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cron?: string;

  @ApiPropertyOptional({
    description: 'IANA time zone of the cron, the period and the *_local columns.',
    default: 'UTC',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(TIME_ZONE_PATTERN, { message: 'must be an IANA time zone such as Europe/Paris' })
  time_zone?: string;

  @ApiProperty({ enum: EXPORT_PERIODS, description: 'The calendar day, ISO week or month before each tick.' })
  @IsIn(EXPORT_PERIODS)
  period!: ExportPeriod;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;

  @ApiPropertyOptional({ type: ScheduleFiltersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleFiltersDto)
  filters?: ScheduleFiltersDto;

  @ApiPropertyOptional({ type: ScheduleOptionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleOptionsDto)
  options?: ScheduleOptionsDto;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 36_500, description: 'Days each run’s zip is kept.' })
  @IsInt()
  @Min(1)
  @Max(36_500)
  retention_days!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
