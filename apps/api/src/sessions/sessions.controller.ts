import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { ListSessionsQueryDto } from './list-sessions-query.dto.js';
import { SessionDto, TranscriptMessageDto } from './session.dto.js';
import { SessionParamsDto } from './session-params.dto.js';
import { SessionsService } from './sessions.service.js';
import { TranscriptQueryDto } from './transcript-query.dto.js';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @RequirePermission('sessions:read')
  @Audited('session.list')
  @ApiOperation({ summary: 'Chat sessions (1:1 and channels), most recently active first' })
  @ApiDataResponse(SessionDto, { list: true })
  list(@Query() query: ListSessionsQueryDto): Promise<{ data: SessionDto[]; next_cursor: string | null }> {
    return this.sessions.list(query);
  }

  @Get(':id/messages')
  @RequirePermission('sessions:read')
  @Audited('session.transcript')
  @ApiOperation({ summary: 'The transcript of a session, oldest first, each message as it reads now' })
  @ApiDataResponse(TranscriptMessageDto, { list: true })
  transcript(
    @Param() params: SessionParamsDto,
    @Query() query: TranscriptQueryDto,
  ): Promise<{ data: TranscriptMessageDto[]; next_cursor: string | null }> {
    return this.sessions.transcript(params.id, query);
  }
}
