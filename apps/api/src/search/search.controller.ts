import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { SearchHitDto } from './search-hit.dto.js';
import { SearchMessagesQueryDto } from './search-messages-query.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('messages')
@Controller('messages')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('search')
  @RequirePermission('messages:search')
  @Audited('message.search')
  @ApiOperation({
    summary: 'Full-text search over every version of every message, with filters',
    description:
      'A hit is a message: it is found when any of its versions (original, edits, deletion) matches, so text ' +
      'that was edited away or deleted is found. Ordered by sent time (then id); page with next_cursor.',
  })
  @ApiDataResponse(SearchHitDto, { list: true })
  find(@Query() query: SearchMessagesQueryDto): Promise<{ data: SearchHitDto[]; next_cursor: string | null }> {
    return this.search.search(query);
  }
}
