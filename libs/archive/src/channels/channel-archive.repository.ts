import type { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool.util.js';
import {
  CHANNEL_MESSAGES_PENDING,
  CHANNEL_READERS,
  COMPLETE_LISTING,
  MARK_CHANNEL_DELETED,
  RECORD_CHANNEL_WARNING,
  REPORTED_CHANNELS,
  UPSERT_CHANNEL,
  UPSERT_MEMBERS,
} from './channel.statements.js';
import type { ChannelMemberRow, ChannelReader, ChannelRow } from './channel.types.js';

/**
 * Channels and their membership over time, beside the ArchiveWriter's report pages. Every write is one
 * bulk statement and idempotent; member rows are never deleted: a removal sets removed_at.
 */
export class ChannelArchiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get pool() {
    return pgPool(this.dataSource);
  }

  /** Channels the session reports named, not known to be deleted; `ids` narrows, `onlyNew` keeps unread ones. */
  async reportedChannels(accountId: string, options: { ids?: string[]; onlyNew?: boolean } = {}): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(REPORTED_CHANNELS, [
      accountId,
      options.ids ?? null,
      options.onlyNew ?? false,
    ]);
    return rows.map((r) => r.id);
  }

  /** Whether a session window of the channel is still pending or running (see CHANNEL_MESSAGES_PENDING). */
  async messagesPending(accountId: string, channelId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ pending: boolean }>(CHANNEL_MESSAGES_PENDING, [accountId, channelId]);
    return rows[0].pending;
  }

  /** Account users who can be asked to read the channel, best first (see CHANNEL_READERS). */
  async readers(channelId: string, limit: number): Promise<ChannelReader[]> {
    const { rows } = await this.pool.query<{ reader: string; rank: number }>(CHANNEL_READERS, [channelId, limit]);
    return rows.map((r) => ({ userId: r.reader, source: r.rank === 0 ? 'member' : 'sender' }));
  }

  async upsertChannel(accountId: string, channel: ChannelRow, at: Date): Promise<void> {
    await this.pool.query(UPSERT_CHANNEL, [
      channel.id,
      accountId,
      channel.name,
      channel.type,
      channel.settings === null ? null : JSON.stringify(channel.settings),
      at.toISOString(),
    ]);
  }

  async markDeleted(accountId: string, channelId: string, at: Date): Promise<void> {
    await this.pool.query(MARK_CHANNEL_DELETED, [channelId, accountId, at.toISOString()]);
  }

  async recordWarning(accountId: string, channelId: string, warning: string, at: Date): Promise<void> {
    await this.pool.query(RECORD_CHANNEL_WARNING, [channelId, accountId, warning, at.toISOString()]);
  }

  /** One page of a member listing: the members it names are current as of `at`. */
  async upsertMembers(channelId: string, rows: ChannelMemberRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query(UPSERT_MEMBERS, [
      channelId,
      rows.map((r) => r.memberId),
      rows.map((r) => r.userId),
      rows.map((r) => r.email),
      rows.map((r) => r.displayName),
      rows.map((r) => r.role),
      rows.map((r) => r.isExternal),
      at.toISOString(),
    ]);
  }

  /**
   * A listing read to its last page: current members it did not name are marked removed as of `at`.
   * Only a complete listing may say who left; a partial one would remove everyone on the pages not read.
   */
  async completeListing(channelId: string, presentMemberIds: string[], at: Date): Promise<number> {
    const { rows } = await this.pool.query<{ removed: number }>(COMPLETE_LISTING, [
      channelId,
      presentMemberIds,
      at.toISOString(),
    ]);
    return rows[0]?.removed ?? 0;
  }
}
