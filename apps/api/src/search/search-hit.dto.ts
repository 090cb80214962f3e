import { ApiProperty } from '@nestjs/swagger';

export class MessageSenderDto {
  @ApiProperty({ description: 'Zoom member id; kept for people outside the account, whose email Zoom empties.' })
  member_id!: string;

  @ApiProperty({ description: 'Empty when Zoom anonymised the sender (external, not a contact).' })
  email!: string;

  @ApiProperty()
  display_name!: string;

  @ApiProperty()
  external!: boolean;
}

export class MatchedVersionDto {
  @ApiProperty({ enum: ['original', 'edited', 'deleted'] })
  kind!: 'original' | 'edited' | 'deleted';

  @ApiProperty({ format: 'date-time', description: 'When the send, edit or deletion happened (Zoom action time).' })
  action_at!: string;

  @ApiProperty({ description: 'The text of that version, exactly as archived.' })
  text!: string;

  @ApiProperty({
    description:
      'The same text with every matched word wrapped in <mark>…</mark>. Nothing else is escaped or changed: ' +
      'clients that render HTML must escape the text themselves and only then restore the markers.',
  })
  highlighted!: string;
}

/** One message found; the first (oldest) of its versions that matches `q` is the matched version. */
export class SearchHitDto {
  @ApiProperty({ description: 'Message id: Zoom GUID without braces, upper case.' })
  id!: string;

  @ApiProperty()
  session_id!: string;

  @ApiProperty({ nullable: true, type: String, description: "'1:1' or 'Group'." })
  session_type!: string | null;

  @ApiProperty({ nullable: true, type: String })
  channel_id!: string | null;

  @ApiProperty({ type: MessageSenderDto })
  sender!: MessageSenderDto;

  @ApiProperty({ format: 'date-time' })
  sent_at!: string;

  @ApiProperty({ description: 'The latest text (for a deleted message, the text it was deleted with).' })
  current_text!: string;

  @ApiProperty({ enum: ['active', 'edited', 'deleted'] })
  status!: 'active' | 'edited' | 'deleted';

  @ApiProperty({ type: MatchedVersionDto, nullable: true, description: 'null when the search has no q.' })
  matched_version!: MatchedVersionDto | null;
}
