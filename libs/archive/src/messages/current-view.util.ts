import type { VersionRow } from './report-page.rows.js';

/** What `messages` shows of a message, derived from its versions (see REFRESH_CURRENT_VIEW). */
export interface CurrentView {
  currentText: string;
  originalText: string | null;
  versionCount: number;
  editCount: number;
  deletedAt: Date | null;
  hasFiles: boolean;
}

/**
 * The current view of each message from the versions on one page, by the same rules as REFRESH_CURRENT_VIEW
 * (latest non-deleted text, else the text it was deleted with; ties on action time broken by insertion
 * order, which is the order of `versions`). For a message first seen on this page it is the view the
 * database derives, so the row is written once instead of inserted and then updated; the refresh still
 * runs and corrects any message that already had versions.
 */
export function currentViews(versions: VersionRow[]): Map<string, CurrentView> {
  const byMessage = new Map<string, { row: VersionRow; order: number }[]>();
  versions.forEach((row, order) => {
    const list = byMessage.get(row.messageId);
    if (list) list.push({ row, order });
    else byMessage.set(row.messageId, [{ row, order }]);
  });
  const views = new Map<string, CurrentView>();
  for (const [id, list] of byMessage) {
    const latestFirst = [...list].sort((a, b) => b.row.actionTs - a.row.actionTs || b.order - a.order);
    const current = latestFirst.find((v) => v.row.kind !== 'deleted') ?? latestFirst[0];
    const originals = list
      .filter((v) => v.row.kind === 'original')
      .sort((a, b) => a.row.actionTs - b.row.actionTs || a.order - b.order);
    const deletions = list.filter((v) => v.row.kind === 'deleted').map((v) => v.row.actionAt.getTime());
    views.set(id, {
      currentText: current.row.text,
      originalText: originals[0]?.row.text ?? null,
      versionCount: list.length,
      editCount: list.filter((v) => v.row.kind === 'edited').length,
      deletedAt: deletions.length ? new Date(Math.min(...deletions)) : null,
      hasFiles: list.some((v) => v.row.files.length > 0),
    });
  }
  return views;
}
