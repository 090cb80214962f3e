import type { ZoomClient } from '#libs/zoom-client';
import type { RedisRateGate } from '../rate/redis-rate-gate.js';
import { withZoomRateLimits } from '../rate/zoom-rate-limits.util.js';

export interface ReportQuery {
  from: string;
  to: string;
  next_page_token?: string;
}

/**
 * The two report endpoints as the sync reads them, one page at a time (page tokens stay in the
 * job; a paused job restarts its window), under the account's shared budget (withZoomRateLimits).
 */
export class ZoomReportSource {
  constructor(
    private readonly client: ZoomClient,
    private readonly gate: RedisRateGate,
  ) {}

  sessionsPage(query: ReportQuery & { page_size: number }) {
    return this.withRateLimits('reportChatSessions', () => this.client.reportChatSessions(query));
  }

  messagesPage(
    sessionId: string,
    query: ReportQuery & {
      page_size: number;
      include_fields: 'edited_messages,deleted_messages';
      include_bot_message: boolean;
      include_reactions: boolean;
      query_all_modifications: boolean;
    },
  ) {
    return this.withRateLimits('reportChatMessages', () => this.client.reportChatMessages(sessionId, query));
  }

  private withRateLimits<T>(operationId: string, call: () => Promise<T>): Promise<T> {
    return withZoomRateLimits(this.gate, operationId, call);
  }
}
