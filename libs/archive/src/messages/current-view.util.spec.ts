import { currentViews } from './current-view.util.js';
import type { VersionRow } from './report-page.rows.js';

const version = (kind: VersionRow['kind'], text: string, actionTs: number, files = 0): VersionRow => ({
  messageId: 'M1',
  kind,
  actionTs,
  actionAt: new Date(actionTs),
  text,
  files: Array.from({ length: files }, (_, i) => ({ file_id: `f${i}` }) as unknown as VersionRow['files'][number]),
  raw: { id: 'M1' },
  sha256: `${kind}${text}${actionTs}`,
});

describe('currentViews', () => {
  it('shows the latest edit, keeps the original, counts edits and takes the deletion time', () => {
    const view = currentViews([
      version('deleted', 'b', 30),
      version('original', 'a', 10, 1),
      version('edited', 'b', 20),
    ]).get('M1');
    expect(view).toEqual({
      currentText: 'b',
      originalText: 'a',
      versionCount: 3,
      editCount: 1,
      deletedAt: new Date(30),
      hasFiles: true,
    });
  });

  it('breaks a tie on action time by the order the versions are written in', () => {
    expect(currentViews([version('edited', 'x', 20), version('edited', 'y', 20)]).get('M1')?.currentText).toBe('y');
  });

  it('shows the text a message was deleted with when it is only seen deleted', () => {
    expect(currentViews([version('deleted', 'gone', 50)]).get('M1')).toMatchObject({
      currentText: 'gone',
      originalText: null,
      deletedAt: new Date(50),
    });
  });
});
