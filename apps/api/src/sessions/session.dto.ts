import { ApiProperty } from '@nestjs/swagger';
import { MessageSenderDto } from '../search/search-hit.dto.js';

export class SessionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  account_id!: string;

  @ApiProperty({ description: "'1:1' or 'Group'." })
  type!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  channel_id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  status!: string | null;

  @ApiProperty()
  has_external_member!: boolean;

  @ApiProperty({ type: [String], description: 'Members of a 1:1 session, as Zoom lists them.' })
  member_emails!: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_message_sent_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  first_seen_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

/** A line of a transcript: the message as it reads now, with what happened to it. */
export class TranscriptMessageDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: MessageSenderDto })
  sender!: MessageSenderDto;

  @ApiProperty()
  is_bot!: boolean;

  @ApiProperty({ format: 'date-time' })
  sent_at!: string;

  @ApiProperty({ description: 'The latest text (for a deleted message, the text it was deleted with).' })
  current_text!: string;

  @ApiProperty({ enum: ['active', 'edited', 'deleted'] })
  status!: 'active' | 'edited' | 'deleted';

  @ApiProperty()
  edit_count!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deleted_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reply_main_message_id!: string | null;

  @ApiProperty()
  has_files!: boolean;
}
