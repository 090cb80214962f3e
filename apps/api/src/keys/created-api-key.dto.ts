import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyDto } from './api-key.dto.js';

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The key, shown this once: only its SHA-256 is stored. Send it as `Authorization: Bearer <key>`.',
    example: 'zca_0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a_Jm1cQ0Yb2x9kP3n8vR7tW4uZ6aE5dF1gH2iK3lM4nO5',
  })
  key!: string;
}
