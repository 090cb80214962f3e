import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SessionParamsDto {
  @ApiProperty({ description: 'Chat session id (64 hex characters for sessions Zoom reports).' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id!: string;
}
