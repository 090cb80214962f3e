import { type ZoomClient, ZoomRateLimitError } from '#libs/zoom-client';
import { endpointByOperationId } from '#libs/zoom-contract';
import { RatePausedError, type RedisRateGate } from '../rate/redis-rate-gate.js';

export interface ReportQuery {
  from: string;
  to: string;
  next_page_token?: string;
}

/** How many times one page is asked again after short per-second 429s before the job gives up its slot. */
const QPS_RETRIES = 20;

/**
 * The two report endpoints as the sync reads them, one page at a time (page tokens stay in the
 * job; a paused job restarts its window). A 429 pauses the account's budget for every worker:
 * briefly for a per-second limit, until the reset for a daily limit — never failing the job.
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

  private async withRateLimits<T>(operationId: string, call: () => Promise<T>): Promise<T> {
    const endpoint = endpointByOperationId(operationId);
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ZoomRateLimitError)) throw error;
        if (error.kind === 'Daily-limit') {
          // The daily cap is shared by Heavy and Resource-intensive (REFERENCE §5).
          await this.gate.pauseFor('Heavy', error.retryAfterMs);
          await this.gate.pauseFor('Resource-intensive', error.retryAfterMs);
          if (endpoint.label) await this.gate.pauseFor(endpoint.label, error.retryAfterMs);
          throw new RatePausedError(Date.now() + error.retryAfterMs);
        }
        await this.gate.pauseFor(endpoint.label ?? 'File', Math.max(error.retryAfterMs, 1_000));
        if (attempt >= QPS_RETRIES) throw new RatePausedError(Date.now() + Math.max(error.retryAfterMs, 1_000));
      }
    }
  }
}
