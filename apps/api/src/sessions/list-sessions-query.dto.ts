import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto.js';

export class ListSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['1:1', 'Group'] })
  @IsOptional()
  @IsIn(['1:1', 'Group'])
  type?: '1:1' | 'Group';

  @ApiPropertyOptional({ description: 'Channel id.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  channel?: string;

  @ApiPropertyOptional({
    description:
      'Email or member id: sessions where that person sent a message, is in the 1:1 members, or is (or was) ' +
      'a member of the channel.',
    maxLength: 320,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  participant?: string;

  @ApiPropertyOptional({ description: 'Last message sent at or after (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Last message sent before (ISO 8601, exclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Part of the session name, any case.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}
