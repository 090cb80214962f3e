import type { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool.util.js';

/** Downloads are retried this many times before the file stays failed with its last error as the warning. */
export const MAX_FILE_ATTEMPTS = 5;

export interface PendingFile {
  fileId: string;
  messageId: string;
  fileName: string;
  fileSize: number | null;
  downloadUrl: string | null;
  attempts: number;
}

const PENDING = `
SELECT file_id, message_id, file_name, file_size::float8 AS file_size, download_url, attempts
FROM archived_files
WHERE status IN ('pending', 'failed') AND attempts < $2
ORDER BY first_seen_at, file_id
LIMIT $1`;

/**
 * The download state of message files. A stored file is final: later failures of a duplicate download
 * never downgrade it.
 */
export class ArchivedFilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Files still to download: new ones, and failed ones with attempts left, oldest first. */
  async pending(limit: number): Promise<PendingFile[]> {
    const result = await pgPool(this.dataSource).query<{
      file_id: string;
      message_id: string;
      file_name: string;
      file_size: number | null;
      download_url: string | null;
      attempts: number;
    }>(PENDING, [limit, MAX_FILE_ATTEMPTS]);
    return result.rows.map((r) => ({
      fileId: r.file_id,
      messageId: r.message_id,
      fileName: r.file_name,
      fileSize: r.file_size,
      downloadUrl: r.download_url,
      attempts: r.attempts,
    }));
  }

  async markStored(fileId: string, sha256: string): Promise<void> {
    await this.update(
      `status = 'stored', content_sha256 = $2, stored_at = now(), warning = NULL, attempts = attempts + 1`,
      fileId,
      sha256,
    );
  }

  async markTooLarge(fileId: string, warning: string): Promise<void> {
    await this.update(`status = 'too_large', warning = $2, attempts = attempts + 1`, fileId, warning);
  }

  async markFailed(fileId: string, error: string): Promise<void> {
    await this.update(`status = 'failed', warning = $2, attempts = attempts + 1`, fileId, error.slice(0, 2000));
  }

  private async update(set: string, fileId: string, value: string): Promise<void> {
    await pgPool(this.dataSource).query(`UPDATE archived_files SET ${set} WHERE file_id = $1 AND status <> 'stored'`, [
      fileId,
      value,
    ]);
  }
}
