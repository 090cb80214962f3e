import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto.js';
import { messageStatus } from '../messages/message-status.util.js';
import { isKeyText, isMicroTimestamp } from '../search/cursor-fields.util.js';
import { dateParam } from '../search/date-param.util.js';
import { SearchRepository } from '../search/search.repository.js';
import type { ListSessionsQueryDto } from './list-sessions-query.dto.js';
import type { SessionDto, TranscriptMessageDto } from './session.dto.js';
import { type SessionFilter, type SessionRow, SessionsRepository, type TranscriptRow } from './sessions.repository.js';
import type { TranscriptQueryDto } from './transcript-query.dto.js';

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** `t` is '' for sessions without a message time, which sort last. */
const isSessionPosition = (value: unknown): value is { k: 'sessions'; t: string; id: string } =>
  hasExactKeys(value, ['k', 't', 'id']) &&
  value.k === 'sessions' &&
  (value.t === '' || isMicroTimestamp(value.t)) &&
  isKeyText(value.id);

const isTranscriptPosition = (value: unknown): value is { k: 'transcript'; t: string; id: string } =>
  hasExactKeys(value, ['k', 't', 'id']) && value.k === 'transcript' && isMicroTimestamp(value.t) && isKeyText(value.id);

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly search: SearchRepository,
  ) {}

  async list(query: ListSessionsQueryDto): Promise<Page<SessionDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const from = dateParam('from', query.from);
    const to = dateParam('to', query.to);
    if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isSessionPosition);
    const filter: SessionFilter = { type: query.type, channel: query.channel, from, to, q: query.q };
    if (query.participant !== undefined) {
      filter.sessionIds = await this.search.participantSessions(query.participant);
      if (filter.sessionIds.length === 0) return { data: [], next_cursor: null };
    }
    const rows = await this.sessions.list(filter, after && { t: after.t || null, id: after.id }, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toSession),
      next_cursor:
        rows.length > limit && last ? encodeCursor({ k: 'sessions', t: last.last_key ?? '', id: last.id }) : null,
    };
  }

  async transcript(sessionId: string, query: TranscriptQueryDto): Promise<Page<TranscriptMessageDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const from = dateParam('from', query.from);
    const to = dateParam('to', query.to);
    if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isTranscriptPosition);
    if (!(await this.sessions.exists(sessionId)))
      throw ApiError.notFound(`No archived session has the id ${sessionId}`);
    const rows = await this.sessions.transcript(
      sessionId,
      { from, to },
      after && { sentAt: after.t, id: after.id },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toTranscriptMessage),
      next_cursor:
        rows.length > limit && last ? encodeCursor({ k: 'transcript', t: last.sent_key, id: last.id }) : null,
    };
  }
}

export function toSession(s: SessionRow): SessionDto {
  return {
    id: s.id,
    account_id: s.account_id,
    type: s.type,
    name: s.name,
    channel_id: s.channel_id,
    status: s.status,
    has_external_member: s.has_external_member,
    member_emails: Array.isArray(s.member_emails) ? s.member_emails.filter((e) => typeof e === 'string') : [],
    last_message_sent_at: s.last_message_sent_at?.toISOString() ?? null,
    first_seen_at: s.first_seen_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}

export function toTranscriptMessage(m: TranscriptRow): TranscriptMessageDto {
  return {
    id: m.id,
    sender: {
      member_id: m.sender_member_id,
      email: m.sender_email,
      display_name: m.sender_display_name,
      external: m.is_sender_external,
    },
    is_bot: m.is_bot,
    sent_at: m.sent_at.toISOString(),
    current_text: m.current_text,
    status: messageStatus(m),
    edit_count: m.edit_count,
    deleted_at: m.deleted_at?.toISOString() ?? null,
    reply_main_message_id: m.reply_main_message_id,
    has_files: m.has_files,
  };
}
