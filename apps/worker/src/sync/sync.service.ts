import type {
  ArchiveWriter,
  ArchivedFilesRepository,
  ChannelArchiveRepository,
  FileStore,
  ReportSessionInput,
  SyncStateRepository,
  ZoomReportMessage,
} from '#libs/archive';
import { type ZoomClient, ZoomPageTokenExpiredError } from '#libs/zoom-client';
import type { SyncConfig } from '#libs/sync';
import type { FetchJob, ListJob, PlanJob } from '#libs/sync';
import type { SyncQueue } from '#libs/sync';
import type { SyncMetrics } from '../metrics/sync-metrics.js';
import { addDays, isOpen, monthWindows, reportHorizon, toDate } from '#libs/sync';
import type { ZoomReportSource } from './zoom-report.source.js';

/** Largest pages Zoom serves: 300 sessions (#2), 100 messages (#1). */
const SESSION_PAGE = 300;
const MESSAGE_PAGE = 100;
/** A session whose last message is older than its window's completion (minus this margin) has nothing new. */
const SETTLE_MARGIN_MS = 10 * 60_000;
const PAGE_TOKEN_RESTARTS = 3;
/** Files each cycle retries at most (oldest first); the rest wait for the next cycle. */
const PENDING_FILES_PER_CYCLE = 500;

export interface SyncDeps {
  config: SyncConfig;
  state: SyncStateRepository;
  writer: ArchiveWriter;
  files: ArchivedFilesRepository;
  channels: Pick<ChannelArchiveRepository, 'reportedChannels'>;
  fileStore: FileStore;
  source: ZoomReportSource;
  client: ZoomClient;
  queue: SyncQueue;
  metrics: SyncMetrics;
  now?: () => number;
}

/**
 * The sync's decisions: which windows a run covers, which sessions need fetching, and how a
 * session window is read and written. Jobs call in here; state lives in Postgres.
 */
export class SyncService {
  constructor(private readonly deps: SyncDeps) {}

  private today(): string {
    return toDate((this.deps.now ?? Date.now)());
  }

  /** First day the archive covers: the six-month horizon, or SYNC_START when later. */
  horizon(): string {
    const horizon = reportHorizon(this.today());
    const start = this.deps.config.syncStart;
    return start && start > horizon ? start : horizon;
  }

  async plan(job: PlanJob): Promise<string> {
    const { state, config, queue } = this.deps;
    const today = this.today();
    const manual = job.runId !== undefined;
    const runId = job.runId ?? (await state.createRun(config.accountId, 'scheduled', null, null));
    const from = job.from && job.from > this.horizon() ? job.from : this.horizon();
    const monthEnd = toDate(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
    const to = job.to ?? monthEnd;
    const force = job.force ?? manual;

    const lists: ListJob[] = [];
    for (const window of monthWindows(from, to)) {
      const closed = !isOpen(window, today, config.lookbackDays);
      if (!force && closed && (await state.isListWindowDone(config.accountId, window.from, window.to))) continue;
      lists.push({ runId, from: window.from, to: window.to, force });
    }
    await state.claimListWindows(config.accountId, runId, lists);
    await queue.list(config.accountId, lists);

    if (!manual) {
      // The modification sweep: edits and deletions made since yesterday, by action time, in every
      // session we know — how an edit of a weeks-old message reaches the archive within a day.
      const since = addDays(today, -1);
      const sessions = await state.knownSessions(config.accountId, this.horizon());
      const sweep: FetchJob[] = sessions.map((sessionId) => ({
        runId,
        sessionId,
        from: since,
        to: today,
        mode: 'modified',
      }));
      await state.ensureWindows(
        config.accountId,
        runId,
        sweep.map((j) => ({ sessionId: j.sessionId, from: j.from, to: j.to, mode: j.mode })),
      );
      await queue.fetch(config.accountId, sweep);
      // Every channel the reports named, once per tick: its settings and who is (and no longer is) a member.
      await this.queueChannels(runId, await this.deps.channels.reportedChannels(config.accountId));
      // Downloads left unfinished: one `files` job, shared with a worker's start (deduplicated while queued or running).
      await queue.pendingFiles();
    }
    await state.finishRunIfComplete(runId);
    return runId;
  }

  private async queueChannels(runId: string, channelIds: string[]): Promise<void> {
    await this.deps.queue.channels(
      this.deps.config.accountId,
      channelIds.map((channelId) => ({ runId, channelId })),
    );
  }

  /**
   * Files whose download never finished: a worker killed between writing a page and fetching its files
   * (the page's replay hands back only new files), and failed downloads with attempts left. One try each
   * per tick and at every worker start (the `files` job, which both enqueue), so a crash's leftovers are fetched
   * when it comes back.
   */
  async retryPendingFiles(): Promise<void> {
    for (const file of await this.deps.files.pending(PENDING_FILES_PER_CYCLE)) {
      if (!file.downloadUrl) await this.deps.files.markFailed(file.fileId, 'Zoom gave no download_url for the file.');
      else await this.archiveFile({ ...file, downloadUrl: file.downloadUrl, fileSize: file.fileSize ?? undefined });
    }
  }

  async list(job: ListJob): Promise<number> {
    const { state, config, source, writer, queue } = this.deps;
    const account = config.accountId;
    await state.startListWindow(account, job.from, job.to, job.runId);
    const seen = new Map<string, string | undefined>();
    const channelIds = new Set<string>();
    let pages = 0;
    let token = '';
    do {
      const page = await source.sessionsPage({
        from: job.from,
        to: job.to,
        page_size: SESSION_PAGE,
        next_page_token: token || undefined,
      });
      pages++;
      // Zoom's schema marks nothing required; a session without an id cannot be archived or fetched.
      const sessions: ReportSessionInput[] = (page.sessions ?? []).flatMap((s) =>
        s.id ? [{ ...s, id: s.id, type: s.type ?? '' }] : [],
      );
      await writer.upsertSessions(account, sessions);
      for (const s of sessions) {
        seen.set(s.id, s.last_message_sent_time);
        if (s.channel_id) channelIds.add(s.channel_id);
      }
      token = page.next_page_token ?? '';
    } while (token);

    const ids = [...seen.keys()];
    const states = await state.windowStates(account, 'sent', job.from, job.to, ids);
    const open = isOpen(job, this.today(), config.lookbackDays);
    const fetches: FetchJob[] = [];
    for (const id of ids) {
      const known = states.get(id);
      if (!job.force && known?.status === 'done') {
        if (!open) continue;
        const last = seen.get(id);
        if (last && known.completedAt && Date.parse(last) < known.completedAt.getTime() - SETTLE_MARGIN_MS) continue;
      }
      fetches.push({ runId: job.runId, sessionId: id, from: job.from, to: job.to, mode: 'sent' });
    }
    await state.ensureWindows(
      account,
      job.runId,
      fetches.map((f) => ({ sessionId: f.sessionId, from: f.from, to: f.to, mode: f.mode })),
    );
    await queue.fetch(account, fetches);
    // Channels never read are read in this run rather than at the next tick (a first sync fills them too).
    if (channelIds.size) {
      const unread = await this.deps.channels.reportedChannels(account, { ids: [...channelIds], onlyNew: true });
      await this.queueChannels(job.runId, unread);
    }
    await state.finishListWindow(account, job.from, job.to, { sessionsFound: ids.length, pages });
    await state.finishRunIfComplete(job.runId);
    return fetches.length;
  }

  async fetch(job: FetchJob): Promise<{ pages: number; messagesSeen: number; versionsAdded: number }> {
    const { state, config } = this.deps;
    const key = { accountId: config.accountId, sessionId: job.sessionId, from: job.from, to: job.to, mode: job.mode };
    await state.startWindow(key);
    let result: Awaited<ReturnType<SyncService['readWindow']>>;
    for (let restart = 0; ; restart++) {
      try {
        result = await this.readWindow(job);
        break;
      } catch (error) {
        // Page tokens expire after 15 minutes; writes are idempotent, so the window starts over.
        if (!(error instanceof ZoomPageTokenExpiredError) || restart >= PAGE_TOKEN_RESTARTS) throw error;
      }
    }
    await state.finishWindow(key, result);
    await state.finishRunIfComplete(job.runId);
    return result;
  }

  private async readWindow(job: FetchJob) {
    const { source, writer, config, metrics } = this.deps;
    const totals = { pages: 0, messagesSeen: 0, versionsAdded: 0 };
    let token = '';
    do {
      const page = await source.messagesPage(job.sessionId, {
        from: job.from,
        to: job.to,
        page_size: MESSAGE_PAGE,
        include_fields: 'edited_messages,deleted_messages',
        include_bot_message: true,
        include_reactions: true,
        query_all_modifications: job.mode === 'modified',
        next_page_token: token || undefined,
      });
      const written = await writer.writeReportPage({
        accountId: config.accountId,
        session: { id: job.sessionId, type: '' },
        runId: job.runId,
        observedAt: new Date(),
        // The writer validates each row (an id is required) and rejects the page otherwise.
        messages: (page.messages ?? []) as ZoomReportMessage[],
        edited: (page.edited_messages ?? []) as ZoomReportMessage[],
        deleted: (page.deleted_messages ?? []) as ZoomReportMessage[],
      });
      totals.pages++;
      totals.messagesSeen += written.messages;
      totals.versionsAdded += written.versionsAdded;
      metrics.messages.inc(written.messages);
      metrics.versions.inc(written.versionsAdded);
      for (const file of written.files) await this.archiveFile(file);
      token = page.next_page_token ?? '';
    } while (token);
    return totals;
  }

  /** File bytes are fetched while the download link is fresh; a failure is recorded, never silent. */
  private async archiveFile(file: { fileId: string; downloadUrl: string; fileSize?: number }): Promise<void> {
    const { files, fileStore, client } = this.deps;
    try {
      const stored = await fileStore.store(await client.downloadFile(file.downloadUrl), file.fileSize);
      if ('tooLarge' in stored) {
        await files.markTooLarge(
          file.fileId,
          `File${file.fileSize === undefined ? '' : ` of ${file.fileSize} bytes`} is over ARCHIVE_FILE_MAX_BYTES; metadata kept, bytes not stored.`,
        );
      } else {
        await files.markStored(file.fileId, stored.sha256);
      }
    } catch (error) {
      await files.markFailed(file.fileId, error instanceof Error ? error.message : String(error));
    }
  }

  async failWindow(job: FetchJob, reason: string): Promise<void> {
    const { state, config, metrics } = this.deps;
    metrics.windowsFailed.inc();
    await state.failWindow(
      { accountId: config.accountId, sessionId: job.sessionId, from: job.from, to: job.to, mode: job.mode },
      reason,
    );
    await state.finishRunIfComplete(job.runId);
  }

  async failListWindow(job: ListJob, reason: string): Promise<void> {
    const { state, config } = this.deps;
    await state.failListWindow(config.accountId, job.from, job.to, reason);
    await state.finishRunIfComplete(job.runId);
  }
}
