import { ApiProperty } from '@nestjs/swagger';
import type { AuditChainReport } from '#libs/archive';

export class AuditChainReportDto {
  @ApiProperty()
  intact!: boolean;

  @ApiProperty({ type: 'integer', description: 'Entries checked, the broken one included.' })
  checked!: number;

  @ApiProperty({ nullable: true, type: String })
  first_broken_id!: string | null;

  @ApiProperty({
    nullable: true,
    enum: ['hash_mismatch', 'previous_hash_mismatch'],
    description:
      'hash_mismatch: the entry was altered; previous_hash_mismatch: an entry before it was removed, inserted or re-hashed.',
  })
  reason!: 'hash_mismatch' | 'previous_hash_mismatch' | null;

  @ApiProperty({ nullable: true, type: String, description: 'Last intact entry: keep it to detect a cut tail later.' })
  last_id!: string | null;

  @ApiProperty({ nullable: true, type: String })
  last_hash!: string | null;

  static from(report: AuditChainReport): AuditChainReportDto {
    return {
      intact: report.intact,
      checked: report.checked,
      first_broken_id: report.firstBrokenId,
      reason: report.reason,
      last_id: report.lastId,
      last_hash: report.lastHash,
    };
  }
}
