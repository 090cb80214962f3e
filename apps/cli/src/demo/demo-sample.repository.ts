import type { DataSource } from 'typeorm';

/** Real ids and a real word from the archive, so every printed request returns something worth reading. */
export interface DemoSample {
  /** The message with the longest history (edits, deletion), for the history request. */
  readonly messageId: string;
  readonly sessionId: string;
  /** Texts of deleted messages as first sent, newest first: the search term is picked from them. */
  readonly deletedTexts: readonly string[];
}

export interface ArchiveTotals {
  readonly messages: number;
  readonly versions: number;
  readonly edited: number;
  readonly deleted: number;
  readonly files: number;
}

export class DemoSampleRepository {
  constructor(private readonly db: DataSource) {}

  /** What the archive holds, however many runs put it there (the worker's start-up run shares the work). */
  async totals(): Promise<ArchiveTotals> {
    const [row] = await this.db.query<ArchiveTotals[]>(
      `SELECT (SELECT count(*) FROM messages)::int AS messages,
              (SELECT count(*) FROM message_versions)::int AS versions,
              (SELECT count(*) FROM messages WHERE edit_count > 0)::int AS edited,
              (SELECT count(*) FROM messages WHERE deleted_at IS NOT NULL)::int AS deleted,
              (SELECT count(*) FROM archived_files WHERE status = 'stored')::int AS files`,
    );
    return row;
  }

  /** Null when nothing is archived yet (the sync found no messages). */
  async sample(): Promise<DemoSample | null> {
    const [message] = await this.db.query<{ id: string; sessionId: string }[]>(
      `SELECT id, session_id AS "sessionId" FROM messages
        ORDER BY version_count DESC, sent_at DESC, id LIMIT 1`,
    );
    if (!message) return null;
    const deleted = await this.db.query<{ text: string }[]>(
      `SELECT v.text FROM messages m JOIN message_versions v ON v.message_id = m.id
        WHERE m.deleted_at IS NOT NULL AND v.kind = 'original'
        ORDER BY m.sent_at DESC, m.id LIMIT 20`,
    );
    return {
      messageId: message.id,
      sessionId: message.sessionId,
      deletedTexts: deleted.map((row) => row.text),
    };
  }
}
