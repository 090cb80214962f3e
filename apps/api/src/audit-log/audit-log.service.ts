import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '#libs/archive';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto.js';
import { AuditChainReportDto } from './audit-chain-report.dto.js';
import { AuditLogEntryDto } from './audit-log-entry.dto.js';
import type { AuditLogQueryDto } from './audit-log-query.dto.js';

const isEntryPosition = (value: unknown): value is { before: string } =>
  hasExactKeys(value, ['before']) && typeof value.before === 'string' && /^[1-9]\d{0,17}$/.test(value.before);

@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  /** Newest first. */
  async list(query: AuditLogQueryDto): Promise<{ data: AuditLogEntryDto[]; next_cursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
    const position = query.cursor ? decodeCursor(query.cursor, isEntryPosition) : undefined;
    const entries = await this.auditLog.list({
      actor: query.actor,
      action: query.action,
      from,
      to,
      beforeId: position?.before,
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((entry) => AuditLogEntryDto.from(entry)),
      next_cursor: entries.length > limit && last ? encodeCursor({ before: last.id }) : null,
    };
  }

  async verify(): Promise<AuditChainReportDto> {
    return AuditChainReportDto.from(await this.auditLog.verify());
  }
}
