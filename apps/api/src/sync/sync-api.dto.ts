import { ApiProperty } from '@nestjs/swagger';

export class RunProgressDto {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() running!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ description: 'Messages read by the windows done for this run.' }) messages!: number;
  @ApiProperty({ description: 'Versions not archived before.' }) versions_added!: number;
}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() account_id!: string;
  @ApiProperty({ enum: ['scheduled', 'manual'] }) kind!: string;
  @ApiProperty({ enum: ['planning', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) requested_from!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) requested_to!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: RunProgressDto, description: 'Live counts from the run’s windows.' }) progress!: RunProgressDto;
}

export class FailedWindowDto {
  @ApiProperty({ description: "'' for a failed session listing, which hides every session of its window." })
  session_id!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: ['sent', 'modified', 'sessions'] }) mode!: string;
  @ApiProperty() error!: string;
}

export class ChannelWarningDto {
  @ApiProperty() channel_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Why the channel and its members could not be read (its messages are unaffected).' })
  warning!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at!: string | null;
}

export class WindowCountsDto {
  @ApiProperty() done!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() running!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'pending + running: windows not archived yet.' }) behind!: number;
}

export class AccountCoverageDto {
  @ApiProperty() account_id!: string;
  @ApiProperty({ description: 'The account this API syncs (ZOOM_ACCOUNT_ID); others appear from earlier runs.' })
  configured!: boolean;
  @ApiProperty({ type: WindowCountsDto }) windows!: WindowCountsDto;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Earliest day not fully archived.' })
  oldest_uncovered_day!: string | null;
  @ApiProperty({ description: 'The oldest uncovered day is at the horizon: Zoom drops it soon.' })
  at_horizon!: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Start of the archived run of days ending yesterday.',
  })
  covered_from!: string | null;
  @ApiProperty({ type: [FailedWindowDto], description: 'Failed windows (at most 100) and why.' })
  failed!: FailedWindowDto[];
  @ApiProperty({
    type: [ChannelWarningDto],
    description: 'Channels whose last sync could not read their details and members (at most 100, latest first).',
  })
  channel_warnings!: ChannelWarningDto[];
  @ApiProperty({ type: SyncRunDto, nullable: true }) latest_run!: SyncRunDto | null;
}

export class SyncStatusDto {
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ format: 'date', description: 'Oldest day Zoom still reports (six months).' }) horizon!: string;
  @ApiProperty({ type: [AccountCoverageDto] }) accounts!: AccountCoverageDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Jobs of the sync queue by state; null when Redis cannot be reached.',
  })
  queue!: Record<string, number> | null;
}
