import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';
import { containsPattern } from '../search/like-pattern.util.js';
import { SqlParams } from '../search/sql-params.util.js';

export interface ChannelRow {
  id: string;
  account_id: string;
  name: string;
  type: number | null;
  status: string;
  member_count: number;
  first_seen_at: Date;
  updated_at: Date;
}

export interface UserRow {
  member_id: string;
  user_id: string;
  email: string;
  display_name: string;
  is_external: boolean;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** Both lists are ordered by a readable text, then the id: (name, id) and (email, member_id). */
export interface TextPosition {
  text: string;
  id: string;
}

@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  channels(filter: { q?: string }, after: TextPosition | undefined, limit: number): Promise<ChannelRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.q) where.push(`c.name ILIKE ${params.add(containsPattern(filter.q))}`);
    if (after) where.push(`(c.name, c.id) > (${params.add(after.text)}, ${params.add(after.id)})`);
    return this.db.query<ChannelRow[]>(
      `SELECT c.id, c.account_id, c.name, c.type, c.status, c.first_seen_at, c.updated_at,
              (SELECT count(*)::int FROM channel_members cm WHERE cm.channel_id = c.id AND cm.removed_at IS NULL)
                AS member_count
       FROM channels c
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.name, c.id
       LIMIT ${params.add(limit, 'int')}`,
      params.values,
    );
  }

  users(
    filter: { external?: boolean; q?: string },
    after: TextPosition | undefined,
    limit: number,
  ): Promise<UserRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.external !== undefined) where.push(filter.external ? 'u.is_external' : 'NOT u.is_external');
    if (filter.q) {
      const pattern = params.add(containsPattern(filter.q));
      where.push(`(u.email ILIKE ${pattern} OR u.display_name ILIKE ${pattern})`);
    }
    if (after) where.push(`(u.email, u.member_id) > (${params.add(after.text)}, ${params.add(after.id)})`);
    return this.db.query<UserRow[]>(
      `SELECT u.member_id, u.user_id, u.email, u.display_name, u.is_external, u.first_seen_at, u.last_seen_at
       FROM directory_users u
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY u.email, u.member_id
       LIMIT ${params.add(limit, 'int')}`,
      params.values,
    );
  }
}
