import type { DataSource } from 'typeorm';
import { inTransaction } from '../database/pg-pool.util.js';
import { ensureSession, dedupeSessions, upsertSessions } from './session.statements.js';
import { insertVersions, refreshCurrentView, upsertMessages, upsertUsers } from './message.statements.js';
import { insertFiles, recordReactions } from './reaction-file.statements.js';
import { mapReportPage, mapSessionRow } from './report-page.mapper.js';
import type { ReportPageInput, ReportPageResult, ReportSessionInput } from './report-page.types.js';

/**
 * Writes what the chat reports return. A page is one transaction of a fixed handful of bulk statements
 * (one per table, `unnest` arrays), so a crash leaves the page either fully written or not at all, and a
 * replay of the same page adds nothing (DESIGN invariants 1 and 2).
 */
export class ArchiveWriter {
  constructor(private readonly dataSource: DataSource) {}

  async upsertSessions(accountId: string, sessions: ReportSessionInput[]): Promise<void> {
    const rows = dedupeSessions(sessions.map(mapSessionRow));
    if (rows.length === 0) return;
    await inTransaction(this.dataSource, (client) => upsertSessions(client, accountId, rows, new Date()));
  }

  async writeReportPage(page: ReportPageInput): Promise<ReportPageResult> {
    const mapped = mapReportPage(page);
    const { accountId, observedAt } = page;
    return inTransaction(this.dataSource, async (client) => {
      await ensureSession(client, accountId, mapSessionRow(page.session), observedAt);
      await upsertUsers(client, mapped.users, observedAt);
      const existing = await upsertMessages(
        client,
        accountId,
        page.session.id,
        mapped.messages,
        mapped.versions,
        observedAt,
      );
      const versionsAdded = await insertVersions(client, mapped.versions, observedAt, page.runId);
      // New messages were inserted with the view their versions give; only the others can have changed.
      await refreshCurrentView(client, existing);
      await recordReactions(client, mapped.reactions, observedAt);
      const inserted = await insertFiles(client, mapped.files, observedAt);
      return {
        messages: mapped.messages.length,
        versionsAdded,
        files: mapped.files
          .filter((f) => inserted.has(f.fileId))
          .map((f) => ({
            fileId: f.fileId,
            messageId: f.messageId,
            downloadUrl: f.downloadUrl,
            fileName: f.fileName,
            fileSize: f.fileSize ?? 0,
          })),
      };
    });
  }
}
