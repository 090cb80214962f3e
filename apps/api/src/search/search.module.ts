import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';
import { SearchStatisticsRepository } from './search-statistics.repository.js';

/** GET /messages/search. Exports the repository: sessions share its definition of a participant. */
@Module({
  controllers: [SearchController],
  providers: [SearchService, SearchRepository, SearchStatisticsRepository],
  exports: [SearchRepository],
})
export class SearchModule {}
