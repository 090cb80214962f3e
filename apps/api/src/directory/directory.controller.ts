import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { ChannelDto, DirectoryUserDto } from './directory.dto.js';
import { DirectoryService } from './directory.service.js';
import { ListChannelsQueryDto } from './list-channels-query.dto.js';
import { ListUsersQueryDto } from './list-users-query.dto.js';

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('channels')
  @RequirePermission('directory:read')
  @Audited('channel.list')
  @ApiOperation({ summary: 'Channels seen in the archive, by name' })
  @ApiDataResponse(ChannelDto, { list: true })
  channels(@Query() query: ListChannelsQueryDto): Promise<{ data: ChannelDto[]; next_cursor: string | null }> {
    return this.directory.channels(query);
  }

  @Get('users')
  @RequirePermission('directory:read')
  @Audited('user.list')
  @ApiOperation({ summary: 'People seen as senders in the archive, by email' })
  @ApiDataResponse(DirectoryUserDto, { list: true })
  users(@Query() query: ListUsersQueryDto): Promise<{ data: DirectoryUserDto[]; next_cursor: string | null }> {
    return this.directory.users(query);
  }
}
