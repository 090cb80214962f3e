import type { DataSource } from 'typeorm';
import { type ExportSelection, selectionWhereSql } from './export-query.util.js';

/**
 * What an export's reader must know about its completeness (COMPLIANCE "proof of completeness"): files of
 * the selected messages whose bytes are not in the archive, and sync windows over the export's range that
 * failed or are not done yet. Warnings, not failures: the rows that exist are exported.
 */
export class ExportWarningsRepository {
  constructor(private readonly db: DataSource) {}

  async warnings(selection: ExportSelection): Promise<string[]> {
    if (selection.empty) return [];
    const [files, windows] = await Promise.all([this.missingFiles(selection), this.openWindows(selection)]);
    return [...files, ...windows];
  }

  private async missingFiles(selection: ExportSelection): Promise<string[]> {
    const rows = await this.db.query<{ status: string; files: number }[]>(
      `SELECT f.status, count(*)::int AS files FROM archived_files f
       WHERE f.status <> 'stored' AND f.message_id IN (SELECT m.id FROM messages m ${selectionWhereSql(selection)})
       GROUP BY f.status ORDER BY f.status`,
    );
    return rows.map(
      (r) =>
        `${r.files} attached file(s) of exported messages are not in the archive (status ${r.status}); ` +
        'their names, sizes and ids are in the export',
    );
  }

  private async openWindows(selection: ExportSelection): Promise<string[]> {
    const from = selection.filters.from?.toISOString().slice(0, 10) ?? null;
    const to = selection.filters.to?.toISOString().slice(0, 10) ?? null;
    const rows = await this.db.query<{ status: string; windows: number }[]>(
      `SELECT status, count(*)::int AS windows FROM sync_windows
       WHERE status <> 'done' AND ($1::date IS NULL OR window_to >= $1::date) AND ($2::date IS NULL OR window_from <= $2::date)
       GROUP BY status ORDER BY status`,
      [from, to],
    );
    return rows.map(
      (r) =>
        `${r.windows} sync window(s) overlapping the export's range are ${r.status}: ` +
        'messages of those conversations and days may be missing or incomplete',
    );
  }
}
