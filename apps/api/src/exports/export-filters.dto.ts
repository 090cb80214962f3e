import { OmitType } from '@nestjs/swagger';
import { SearchMessagesQueryDto } from '../search/search-messages-query.dto.js';

/** The filters of GET /messages/search (without paging and sort): an export selects what a search finds. */
export class ExportFiltersDto extends OmitType(SearchMessagesQueryDto, ['limit', 'cursor', 'sort'] as const) {}
