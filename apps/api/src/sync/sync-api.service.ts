import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RunProgress, type SyncRun, SyncStateRepository } from '#libs/archive';
import { type SyncQueue, reportHorizon, toDate } from '#libs/sync';
import { API_CONFIG, SYNC_QUEUE_PORT } from '../api.tokens.js';
import { ApiError } from '../common/api.error.js';
import type { ApiConfig } from '../config/api-config.js';
import type { CreateSyncRunDto } from './create-sync-run.dto.js';
import type { AccountCoverageDto, SyncRunDto, SyncStatusDto } from './sync-api.dto.js';
import { SyncRunsRepository } from './sync-runs.repository.js';

/** Sync status and manual runs: what `npm run cli -- sync:status` and `sync` do, over HTTP. */
@Injectable()
export class SyncApiService {
  private readonly logger = new Logger(SyncApiService.name);

  constructor(
    private readonly state: SyncStateRepository,
    private readonly runs: SyncRunsRepository,
    @Inject(SYNC_QUEUE_PORT) private readonly queue: SyncQueue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async status(): Promise<SyncStatusDto> {
    const today = toDate(Date.now());
    const horizon = reportHorizon(today);
    const known = await this.runs.accounts();
    const accounts = [this.config.accountId, ...known.filter((a) => a !== this.config.accountId)];
    const [coverage, queue] = await Promise.all([
      Promise.all(accounts.map((accountId) => this.coverage(accountId, horizon, today))),
      this.queue.depth().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Sync queue depth unavailable');
        return null;
      }),
    ]);
    return { today, horizon, accounts: coverage, queue };
  }

  async create(body: CreateSyncRunDto): Promise<SyncRunDto> {
    const from = validDay('from', body.from);
    const to = validDay('to', body.to);
    if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
    const runId = await this.state.createRun(this.config.accountId, 'manual', from ?? null, to ?? null);
    try {
      await this.queue.plan({ runId, from, to, force: true });
    } catch (error) {
      await this.runs.failUnqueued(runId, `could not enqueue the plan: ${String(error)}`);
      throw error;
    }
    return this.run(runId);
  }

  async run(id: string): Promise<SyncRunDto> {
    const run = await this.state.getRun(id);
    if (!run) throw ApiError.notFound(`No sync run ${id}`);
    return toRunDto(run, await this.state.runProgress(id));
  }

  private async coverage(accountId: string, horizon: string, today: string): Promise<AccountCoverageDto> {
    const [coverage, [latest]] = await Promise.all([
      this.state.coverage(accountId, horizon, today),
      this.state.latestRuns(1, accountId),
    ]);
    const w = coverage.windows;
    return {
      account_id: accountId,
      configured: accountId === this.config.accountId,
      windows: { ...w, behind: w.pending + w.running },
      oldest_uncovered_day: coverage.oldestUncoveredDay,
      at_horizon: coverage.oldestUncoveredDay !== null && coverage.oldestUncoveredDay <= horizon,
      covered_from: coverage.coveredFrom,
      failed: coverage.failed.map((f) => ({
        session_id: f.sessionId,
        from: f.from,
        to: f.to,
        mode: f.mode,
        error: f.error,
      })),
      channel_warnings: coverage.channelWarnings.map((c) => ({
        channel_id: c.channelId,
        name: c.name,
        warning: c.warning,
        at: c.at,
      })),
      latest_run: latest ? toRunDto(latest, await this.state.runProgress(latest.id)) : null,
    };
  }
}

/** A real calendar day: the pattern alone lets 2026-02-31 through. */
function validDay(parameter: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || toDate(ms) !== value) throw ApiError.invalid(parameter, 'must be a date YYYY-MM-DD');
  return value;
}

function toRunDto(run: SyncRun, p: RunProgress): SyncRunDto {
  return {
    id: run.id,
    account_id: run.accountId,
    kind: run.kind,
    status: run.status,
    requested_from: run.requestedFrom,
    requested_to: run.requestedTo,
    created_at: run.createdAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    progress: {
      total: p.total,
      done: p.done,
      failed: p.failed,
      running: p.running,
      pending: p.pending,
      messages: p.messages,
      versions_added: p.versionsAdded,
    },
  };
}
