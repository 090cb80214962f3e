import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto.js';

/** 'true'/'false' only: implicit conversion would make Boolean('false') true. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListApiKeysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Include revoked keys.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_revoked?: boolean;
}
