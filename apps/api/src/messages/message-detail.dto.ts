import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageSenderDto } from '../search/search-hit.dto.js';

export class VersionFileDto {
  @ApiProperty()
  file_id!: string;

  @ApiProperty()
  file_name!: string;

  @ApiProperty({ type: Number, nullable: true })
  file_size!: number | null;
}

export class MessageVersionDto {
  @ApiProperty({ enum: ['original', 'edited', 'deleted'] })
  kind!: 'original' | 'edited' | 'deleted';

  @ApiProperty({ format: 'date-time', description: 'When it happened in Zoom (action_timestamp).' })
  action_at!: string;

  @ApiProperty({ format: 'date-time', description: 'When the archive first saw this version.' })
  observed_at!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [VersionFileDto] })
  files!: VersionFileDto[];

  @ApiProperty({ description: 'SHA-256 (hex) of the canonical form of this version, as stored at collection.' })
  sha256!: string;
}

export class ReactionsDto {
  @ApiProperty({
    description: 'As Zoom reported them: {emoji, total_count, user_ids, member_ids}.',
    type: 'array',
    items: { type: 'object' },
  })
  items!: unknown[];

  @ApiProperty({ format: 'date-time' })
  observed_at!: string;

  @ApiProperty()
  sha256!: string;
}

export class MessageFileDto {
  @ApiProperty()
  file_id!: string;

  @ApiProperty()
  file_name!: string;

  @ApiProperty({ type: Number, nullable: true })
  file_size!: number | null;

  @ApiProperty({
    enum: ['pending', 'stored', 'too_large', 'failed', 'unknown'],
    description: 'Download state of the bytes; unknown when the file is named by a version but not tracked.',
  })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  content_sha256!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the bytes are missing, when they are.' })
  warning!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'API path that streams the stored bytes; null unless stored.',
  })
  download!: string | null;
}

export class MessageSummaryDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: MessageSenderDto })
  sender!: MessageSenderDto;

  @ApiProperty({ format: 'date-time' })
  sent_at!: string;

  @ApiProperty()
  current_text!: string;

  @ApiProperty({ enum: ['active', 'edited', 'deleted'] })
  status!: 'active' | 'edited' | 'deleted';
}

export class ThreadDto {
  @ApiProperty({ type: MessageSummaryDto, nullable: true, description: 'The message replied to, when archived.' })
  parent!: MessageSummaryDto | null;

  @ApiProperty({ type: [MessageSummaryDto], description: 'Replies, oldest first (at most 200).' })
  replies!: MessageSummaryDto[];

  @ApiProperty({ description: 'All replies archived, also beyond those listed.' })
  reply_count!: number;
}

/** A message with its whole history: every version with its time and hash, deletion, reactions, files, thread. */
export class MessageDetailDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The id exactly as Zoom sent it.' })
  zoom_id!: string;

  @ApiProperty()
  account_id!: string;

  @ApiProperty()
  session_id!: string;

  @ApiProperty({ type: String, nullable: true })
  session_type!: string | null;

  @ApiProperty({ type: String, nullable: true })
  session_name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  channel_id!: string | null;

  @ApiProperty({ type: MessageSenderDto })
  sender!: MessageSenderDto;

  @ApiProperty({ type: String, nullable: true })
  receiver!: string | null;

  @ApiProperty()
  is_bot!: boolean;

  @ApiProperty({ format: 'date-time' })
  sent_at!: string;

  @ApiProperty({ type: String, nullable: true })
  reply_main_message_id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  forward_id!: string | null;

  @ApiProperty()
  current_text!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null when the original was never observed.' })
  original_text!: string | null;

  @ApiProperty({ enum: ['active', 'edited', 'deleted'] })
  status!: 'active' | 'edited' | 'deleted';

  @ApiProperty()
  edit_count!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deleted_at!: string | null;

  @ApiProperty()
  has_files!: boolean;

  @ApiProperty({ format: 'date-time' })
  first_observed_at!: string;

  @ApiProperty({ format: 'date-time' })
  last_observed_at!: string;

  @ApiProperty({ type: [MessageVersionDto], description: 'Every version, oldest first.' })
  versions!: MessageVersionDto[];

  @ApiPropertyOptional({ type: ReactionsDto, nullable: true, description: 'The latest reactions snapshot.' })
  reactions!: ReactionsDto | null;

  @ApiProperty({ type: [MessageFileDto] })
  files!: MessageFileDto[];

  @ApiProperty({ type: ThreadDto })
  thread!: ThreadDto;
}
