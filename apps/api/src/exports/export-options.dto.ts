import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryBoolean } from '../search/query-boolean.util.js';

/** Excel's sheet limit is 1,048,576 rows including the header. */
export const MAX_ROWS_PER_FILE = 1_048_575;

export const TIME_ZONE_PATTERN = /^[A-Za-z0-9_+\-/]+$/;

/** How an export's files are written. */
export class ExportOptionsDto {
  @ApiPropertyOptional({
    description: 'IANA time zone of the *_local columns (the *_utc columns are always there).',
    default: 'UTC',
    example: 'Europe/Paris',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(TIME_ZONE_PATTERN, { message: 'must be an IANA time zone such as Europe/Paris' })
  time_zone?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Start each CSV file with a UTF-8 BOM (Excel).' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  bom?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description: "CSV: prefix ' to text cells starting with = + - @ TAB or CR (OWASP CSV injection).",
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  formula_guard?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ROWS_PER_FILE,
    description: 'Split into files of at most this many rows (each with the header); one file when omitted.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROWS_PER_FILE)
  rows_per_file?: number;
}
