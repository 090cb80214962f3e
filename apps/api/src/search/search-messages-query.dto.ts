import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto.js';
import { QueryBoolean } from './query-boolean.util.js';

const BOOLEAN = { type: Boolean, enum: [true, false] } as const;

/** Query parameters of GET /messages/search. */
export class SearchMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Web-search syntax over every version of a message (original, edits, deletion): words (all must occur), ' +
      '"quoted phrases", `or`, `-word` to exclude. Words are matched exactly after lower-casing (no stemming, ' +
      'no stop words). A version matches when it satisfies the whole query; a message is a hit when any of its ' +
      'versions matches. Omit to list messages by the filters alone.',
    example: '"wire the funds" -draft',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  q?: string;

  @ApiPropertyOptional({ description: 'Sent at or after (ISO 8601 date-time).', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Sent before (ISO 8601 date-time, exclusive).', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Sender: email (any case) or Zoom member id.', maxLength: 320 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  sender?: string;

  @ApiPropertyOptional({
    description:
      'Someone in the conversation (email or member id): messages of every session where that person sent a ' +
      'message, is listed in the 1:1 session members, or is (or was) a member of the channel.',
    maxLength: 320,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  participant?: string;

  @ApiPropertyOptional({ description: 'Chat session id.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  session?: string;

  @ApiPropertyOptional({ description: 'Channel id (messages of the channel’s sessions).', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  channel?: string;

  @ApiPropertyOptional({ enum: ['1:1', 'Group'] })
  @IsOptional()
  @IsIn(['1:1', 'Group'])
  session_type?: '1:1' | 'Group';

  @ApiPropertyOptional({ ...BOOLEAN, description: 'Has (or had) attached files.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  has_files?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN, description: 'Edited at least once.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  edited?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN, description: 'Deleted in Zoom (the archive keeps it).' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  deleted?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN, description: 'Sent by someone outside the account.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  external?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN, description: 'Sent by a bot.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  bot?: boolean;

  @ApiPropertyOptional({ enum: ['newest', 'oldest'], default: 'newest', description: 'By sent time, then id.' })
  @IsOptional()
  @IsIn(['newest', 'oldest'])
  sort?: 'newest' | 'oldest';
}
