import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { API_KEY_ROLES, type ApiKeyRole } from '#libs/archive';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Who or what the key is for; shown in the audit log.', example: 'Quarterly review' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: API_KEY_ROLES })
  @IsIn(API_KEY_ROLES)
  role!: ApiKeyRole;
}
