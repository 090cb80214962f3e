import type { ZoomClient } from '#libs/zoom-client';
import type { RedisRateGate } from '../rate/redis-rate-gate.js';
import { withZoomRateLimits } from '../rate/zoom-rate-limits.util.js';

/** Largest member page Zoom serves (REFERENCE §3 #19). */
export const MEMBER_PAGE = 100;

/**
 * The two channel endpoints the sync reads, as a given account user (`userId`: their id or email), one
 * page at a time, under the account's shared budget with the endpoints' own labels (both Medium).
 */
export class ZoomChannelSource {
  constructor(
    private readonly client: ZoomClient,
    private readonly gate: RedisRateGate,
  ) {}

  channel(userId: string, channelId: string) {
    return withZoomRateLimits(this.gate, 'getChannel', () => this.client.getChannel(userId, channelId));
  }

  membersPage(userId: string, channelId: string, nextPageToken: string) {
    return withZoomRateLimits(this.gate, 'listChannelMembers', () =>
      this.client.listChannelMembers(userId, channelId, {
        page_size: MEMBER_PAGE,
        next_page_token: nextPageToken || undefined,
      }),
    );
  }
}
