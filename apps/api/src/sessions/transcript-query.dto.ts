import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto.js';

export class TranscriptQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Sent at or after (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Sent before (ISO 8601, exclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}
