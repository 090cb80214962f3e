import { Inject, Injectable } from '@nestjs/common';
import { MessageFilterRepository, type ExportOptions, type StoredExportFilters } from '#libs/archive';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';
import { ApiError } from '../common/api.error.js';
import { TimeZonesRepository } from './time-zones.repository.js';

/** Checks only the database can make, before an export or report starts: the time zone and the text query. */
@Injectable()
export class ExportValidationService {
  private readonly filters: MessageFilterRepository;

  constructor(
    @Inject(DATA_SOURCE) db: DataSource,
    private readonly timeZones: TimeZonesRepository,
  ) {
    this.filters = new MessageFilterRepository(db);
  }

  async check(
    filters: StoredExportFilters,
    options: Pick<ExportOptions, 'timeZone'>,
    names: { q: string; timeZone: string },
  ): Promise<void> {
    if (!(await this.timeZones.exists(options.timeZone))) {
      throw ApiError.invalid(names.timeZone, 'is not a time zone Postgres knows (an IANA name such as Europe/Paris)');
    }
    if (filters.q !== undefined && !(await this.filters.parseQuery(filters.q))) {
      throw ApiError.invalid(names.q, 'has no searchable word (only punctuation or operators)');
    }
  }
}
