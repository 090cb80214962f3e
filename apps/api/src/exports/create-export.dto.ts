import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '#libs/archive';
import { ExportFiltersDto } from './export-filters.dto.js';
import { ExportOptionsDto } from './export-options.dto.js';

export class CreateExportDto {
  @ApiProperty({
    enum: EXPORT_FORMATS,
    description:
      '`messages.csv`: one row per message (current state, original text, status, edit count, deletion time). ' +
      '`changes.csv`: one row per event of a message (created, edited with the text before and after, deleted, ' +
      'reaction), keyed by the message id. `jsonl`: one JSON object per message with every version, its raw ' +
      'payload and SHA-256 — lossless.',
  })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;

  @ApiPropertyOptional({ type: ExportFiltersDto, description: 'The search filters; every message when omitted.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExportFiltersDto)
  filters?: ExportFiltersDto;

  @ApiPropertyOptional({ type: ExportOptionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExportOptionsDto)
  options?: ExportOptionsDto;
}
