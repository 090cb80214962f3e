import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** As `npm run cli -- sync --from --to`: both optional (the six-month horizon and today). */
export class CreateSyncRunDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First day (UTC) to archive; the six-month horizon when omitted.',
  })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (UTC) to archive; today when omitted.' })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}
