import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_ROLES, type ApiKeyRecord, type ApiKeyRole } from '#libs/archive';

/** An API key as listed: never its secret. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: API_KEY_ROLES })
  role!: ApiKeyRole;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ description: '`key:<id>` of the admin key that created it, or `cli:<user>@<host>`.' })
  created_by!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  revoked_at!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  revoked_by!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'To the minute.' })
  last_used_at!: string | null;

  static from(key: ApiKeyRecord): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      role: key.role,
      created_at: key.createdAt.toISOString(),
      created_by: key.createdBy,
      revoked_at: key.revokedAt?.toISOString() ?? null,
      revoked_by: key.revokedBy,
      last_used_at: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}
