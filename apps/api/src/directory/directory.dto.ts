import { ApiProperty } from '@nestjs/swagger';

export class ChannelDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  account_id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Zoom channel type.' })
  type!: number | null;

  @ApiProperty()
  status!: string;

  @ApiProperty({ description: 'Members known now (removed members are kept in the archive but not counted).' })
  member_count!: number;

  @ApiProperty({ format: 'date-time' })
  first_seen_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class DirectoryUserDto {
  @ApiProperty({ description: 'Zoom member id: the key, also for people outside the account.' })
  member_id!: string;

  @ApiProperty()
  user_id!: string;

  @ApiProperty({ description: 'Empty when Zoom anonymised the person.' })
  email!: string;

  @ApiProperty()
  display_name!: string;

  @ApiProperty()
  external!: boolean;

  @ApiProperty({ format: 'date-time' })
  first_seen_at!: string;

  @ApiProperty({ format: 'date-time' })
  last_seen_at!: string;
}
