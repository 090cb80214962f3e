import type { ExportOptions, StoredExportFilters } from '#libs/archive';
import { ApiError } from '../common/api.error.js';
import { dateParam } from '../search/date-param.util.js';
import type { ExportFiltersDto } from './export-filters.dto.js';
import type { ExportOptionsDto } from './export-options.dto.js';

/**
 * Filters as stored with an export: the request's, dates checked as search checks them (a 400 naming the
 * parameter under `prefix`) and written back as ISO strings.
 */
export function toStoredFilters(dto: ExportFiltersDto | undefined, prefix = ''): StoredExportFilters {
  if (!dto) return {};
  const from = dateParam(`${prefix}from`, dto.from);
  const to = dateParam(`${prefix}to`, dto.to);
  if (from && to && from > to) throw ApiError.invalid(`${prefix}to`, 'must not be before from');
  const stored: StoredExportFilters = {
    q: dto.q,
    from: from?.toISOString(),
    to: to?.toISOString(),
    sender: dto.sender,
    participant: dto.participant,
    session: dto.session,
    channel: dto.channel,
    session_type: dto.session_type,
    has_files: dto.has_files,
    edited: dto.edited,
    deleted: dto.deleted,
    external: dto.external,
    bot: dto.bot,
  };
  return Object.fromEntries(Object.entries(stored).filter(([, value]) => value !== undefined));
}

/** Defaults: UTC, no BOM, the formula guard on, one file. */
export function toExportOptions(dto: ExportOptionsDto | undefined): ExportOptions {
  return {
    timeZone: dto?.time_zone ?? 'UTC',
    bom: dto?.bom ?? false,
    formulaGuard: dto?.formula_guard ?? true,
    rowsPerFile: dto?.rows_per_file ?? null,
  };
}
