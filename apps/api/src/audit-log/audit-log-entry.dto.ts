import { ApiProperty } from '@nestjs/swagger';
import type { AuditLogRecord } from '#libs/archive';

class AuditActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for the CLI.' })
  key_id!: string | null;

  @ApiProperty()
  name!: string;
}

/** One audit entry with everything its hash covers, so a client can recompute the chain itself. */
export class AuditLogEntryDto {
  @ApiProperty({ description: 'Position in the chain (a bigint, as a string).' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurred_at!: string;

  @ApiProperty({ nullable: true, type: String })
  request_id!: string | null;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ nullable: true, type: String })
  role!: string | null;

  @ApiProperty()
  action!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Route parameters.' })
  target!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Query parameters; for writes also `body`, secrets redacted.',
  })
  query!: Record<string, unknown>;

  @ApiProperty({ type: 'integer', nullable: true })
  result_count!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  status_code!: number | null;

  @ApiProperty({ nullable: true, type: String })
  client_address!: string | null;

  @ApiProperty()
  previous_hash!: string;

  @ApiProperty({ description: 'SHA-256 of the canonical JSON (sorted keys) of the columns and previous_hash.' })
  hash!: string;

  static from(entry: AuditLogRecord): AuditLogEntryDto {
    return {
      id: entry.id,
      occurred_at: entry.occurredAt.toISOString(),
      request_id: entry.requestId,
      actor: { key_id: entry.actorKeyId, name: entry.actorName },
      role: entry.role,
      action: entry.action,
      target: entry.target,
      query: entry.query,
      result_count: entry.resultCount,
      status_code: entry.statusCode,
      client_address: entry.clientAddress,
      previous_hash: entry.previousHash,
      hash: entry.hash,
    };
  }
}
