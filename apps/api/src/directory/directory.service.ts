import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto.js';
import { isKeyText } from '../search/cursor-fields.util.js';
import type { ChannelDto, DirectoryUserDto } from './directory.dto.js';
import { type ChannelRow, DirectoryRepository, type TextPosition, type UserRow } from './directory.repository.js';
import type { ListChannelsQueryDto } from './list-channels-query.dto.js';
import type { ListUsersQueryDto } from './list-users-query.dto.js';

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** `x` is the text the list is ordered by (may be empty: anonymised people have no email). */
const positionGuard =
  (kind: string) =>
  (value: unknown): value is { k: string; x: string; id: string } =>
    hasExactKeys(value, ['k', 'x', 'id']) &&
    value.k === kind &&
    typeof value.x === 'string' &&
    value.x.length <= 1_000 &&
    isKeyText(value.id);

const isChannelPosition = positionGuard('channels');
const isUserPosition = positionGuard('users');

@Injectable()
export class DirectoryService {
  constructor(private readonly directory: DirectoryRepository) {}

  async channels(query: ListChannelsQueryDto): Promise<Page<ChannelDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : toPosition(decodeCursor(query.cursor, isChannelPosition));
    const rows = await this.directory.channels({ q: query.q }, after, limit + 1);
    return page(rows, limit, toChannel, (c) => encodeCursor({ k: 'channels', x: c.name, id: c.id }));
  }

  async users(query: ListUsersQueryDto): Promise<Page<DirectoryUserDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : toPosition(decodeCursor(query.cursor, isUserPosition));
    const rows = await this.directory.users({ external: query.external, q: query.q }, after, limit + 1);
    return page(rows, limit, toUser, (u) => encodeCursor({ k: 'users', x: u.email, id: u.member_id }));
  }
}

function toPosition(cursor: { x: string; id: string }): TextPosition {
  return { text: cursor.x, id: cursor.id };
}

function page<R, T>(rows: R[], limit: number, map: (row: R) => T, cursor: (row: R) => string): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { data: shown.map(map), next_cursor: rows.length > limit && last ? cursor(last) : null };
}

export function toChannel(c: ChannelRow): ChannelDto {
  return {
    id: c.id,
    account_id: c.account_id,
    name: c.name,
    type: c.type,
    status: c.status,
    member_count: c.member_count,
    first_seen_at: c.first_seen_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
  };
}

export function toUser(u: UserRow): DirectoryUserDto {
  return {
    member_id: u.member_id,
    user_id: u.user_id,
    email: u.email,
    display_name: u.display_name,
    external: u.is_external,
    first_seen_at: u.first_seen_at.toISOString(),
    last_seen_at: u.last_seen_at.toISOString(),
  };
}
