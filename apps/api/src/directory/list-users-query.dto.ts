import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto.js';
import { QueryBoolean } from '../search/query-boolean.util.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only people outside the account (true) or inside (false).' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  external?: boolean;

  @ApiPropertyOptional({ description: 'Part of the email or display name, any case.', maxLength: 320 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  q?: string;
}
