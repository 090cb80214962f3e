import type { ChannelArchiveRepository, ChannelReader, ZoomChannelInput, ZoomChannelMemberInput } from '#libs/archive';
import { mapChannel, mapChannelMembers } from '#libs/archive';
import { ZoomPageTokenExpiredError } from '#libs/zoom-client';
import type { ChannelJob } from '#libs/sync';
import type { SyncMetrics } from '../metrics/sync-metrics.js';
import { isChannelGone, isNoAccess, zoomReason } from './channel-errors.util.js';

/** Members (or senders) asked at most per channel before it is recorded as unreadable. */
export const MAX_READERS = 5;
/**
 * Times a channel job waits for its channel's messages at most (about two hours at the processor's delays): a
 * window that never finishes (its job lost with Redis) must not keep the job, and each tick's, waiting forever.
 */
export const MAX_WAITS = 125;
const PAGE_TOKEN_RESTARTS = 3;

export type ChannelSyncOutcome =
  | { status: 'synced'; reader: string; members: number; removed: number }
  | { status: 'deleted' }
  | { status: 'unreadable'; warning: string }
  /** Nobody could read it yet, and its messages, with the senders who could, are still being fetched. */
  | { status: 'waiting'; warning: string };

/** The parts of the archive and of Zoom the channel sync uses (fakes replace them in unit tests). */
export interface ChannelSyncDeps {
  accountId: string;
  channels: Pick<
    ChannelArchiveRepository,
    | 'readers'
    | 'messagesPending'
    | 'upsertChannel'
    | 'markDeleted'
    | 'recordWarning'
    | 'upsertMembers'
    | 'completeListing'
  >;
  source: {
    channel(userId: string, channelId: string): Promise<ZoomChannelInput>;
    membersPage(
      userId: string,
      channelId: string,
      nextPageToken: string,
    ): Promise<{ members?: ZoomChannelMemberInput[]; next_page_token?: string }>;
  };
  metrics: Pick<SyncMetrics, 'channelSyncs' | 'channelMembersRemoved'>;
  now?: () => number;
}

class NoAccess {
  constructor(readonly reason: string) {}
}

/**
 * A channel and its members. An account-level app reads a channel through a user who can see it
 * (`/chat/users/{userId}/channels/{channelId}`): a member from the last listing, else a recent sender of its
 * messages. One who cannot (left, never a member, gone from the account) makes way for the next; a channel
 * none can read is recorded as a warning on its row, and the run goes on.
 */
export class ChannelSyncService {
  constructor(private readonly deps: ChannelSyncDeps) {}

  private date(): Date {
    return new Date((this.deps.now ?? Date.now)());
  }

  /**
   * A channel nobody can read yet while its messages are still being fetched is answered `waiting`: the
   * job waits for them without spending an attempt (see SyncProcessor). Otherwise, `lastAttempt` false
   * answers `unreadable` without recording anything, so the job can try again later in the run; only the
   * last attempt records the warning. A job that has waited asks no one until the messages are in, so that
   * waiting spends none of the rate budget; after MAX_WAITS it waits no longer.
   */
  async sync(job: ChannelJob, lastAttempt = true): Promise<ChannelSyncOutcome> {
    const { channels, accountId, metrics } = this.deps;
    const waits = job.waits ?? 0;
    const mayWait = waits < MAX_WAITS;
    // A job that has waited looks before asking anyone; one that has not, only once nobody could read it.
    if (waits > 0 && mayWait && (await channels.messagesPending(accountId, job.channelId)))
      return { status: 'waiting', warning: 'Its messages are still being fetched.' };
    const readers = await channels.readers(job.channelId, MAX_READERS);
    const refused: string[] = [];
    for (const reader of readers) {
      let outcome: ChannelSyncOutcome | NoAccess;
      try {
        outcome = await this.readAs(reader, job.channelId);
      } catch (error) {
        if (!isChannelGone(error)) throw error;
        await channels.markDeleted(accountId, job.channelId, this.date());
        outcome = { status: 'deleted' };
      }
      if (outcome instanceof NoAccess) {
        refused.push(`${reader.userId}: ${outcome.reason}`);
        continue;
      }
      metrics.channelSyncs.inc({ result: outcome.status });
      return outcome;
    }
    const warning = readers.length
      ? `No known member could read the channel (${refused.join('; ')}).`
      : 'No account user is known who could read the channel: no member from an earlier listing and no account sender of its messages.';
    if (waits === 0 && (await channels.messagesPending(accountId, job.channelId)))
      return { status: 'waiting', warning };
    if (!lastAttempt) return { status: 'unreadable', warning };
    await channels.recordWarning(accountId, job.channelId, warning, this.date());
    metrics.channelSyncs.inc({ result: 'unreadable' });
    return { status: 'unreadable', warning };
  }

  /** A permanent error of a job (or its last attempt) is the channel's warning until a later sync reads it. */
  async fail(job: ChannelJob, reason: string): Promise<void> {
    await this.deps.channels.recordWarning(this.deps.accountId, job.channelId, reason, this.date());
    this.deps.metrics.channelSyncs.inc({ result: 'failed' });
  }

  private async readAs(reader: ChannelReader, channelId: string): Promise<ChannelSyncOutcome | NoAccess> {
    const { channels, accountId, source, metrics } = this.deps;
    try {
      const channel = await source.channel(reader.userId, channelId);
      // Members reference the channel row, so it is written first.
      await channels.upsertChannel(accountId, mapChannel(channelId, channel), this.date());
      for (let restart = 0; ; restart++) {
        try {
          const { unkeyed, ...listing } = await this.listMembers(reader.userId, channelId);
          metrics.channelMembersRemoved.inc(listing.removed);
          if (unkeyed > 0) {
            const warning = `${unkeyed} member(s) of the listing came without a member id or user id and were not archived.`;
            await channels.recordWarning(accountId, channelId, warning, this.date());
          }
          return { status: 'synced', reader: reader.userId, ...listing };
        } catch (error) {
          // Page tokens expire after 15 minutes; member writes are idempotent, so the listing starts over.
          if (!(error instanceof ZoomPageTokenExpiredError) || restart >= PAGE_TOKEN_RESTARTS) throw error;
        }
      }
    } catch (error) {
      if (isNoAccess(error)) return new NoAccess(zoomReason(error));
      throw error;
    }
  }

  /**
   * Every page, then the removals: only a listing read to its end says who is no longer a member. An empty
   * one cannot be complete (whoever read it is a member), so it removes no one.
   */
  private async listMembers(
    userId: string,
    channelId: string,
  ): Promise<{ members: number; removed: number; unkeyed: number }> {
    const { channels, source } = this.deps;
    const seenAt = this.date();
    const present = new Set<string>();
    let unkeyed = 0;
    let token = '';
    do {
      const page = await source.membersPage(userId, channelId, token);
      const mapped = mapChannelMembers(page.members ?? []);
      await channels.upsertMembers(channelId, mapped.rows, seenAt);
      for (const row of mapped.rows) present.add(row.memberId);
      unkeyed += mapped.unkeyed;
      token = page.next_page_token ?? '';
    } while (token);
    if (present.size === 0) throw new Error(`Zoom listed no members of channel ${channelId} to ${userId}, a member.`);
    const removed = await channels.completeListing(channelId, [...present], this.date());
    return { members: present.size, removed, unkeyed };
  }
}
