import { ArchivedFilesRepository, ArchiveWriter, MAX_FILE_ATTEMPTS } from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { fileJson, reportMessage, reportPage } from './zoom-report.factory.js';

let db: TestDatabase;
let files: ArchivedFilesRepository;

beforeAll(async () => {
  db = await createTestDatabase();
  files = new ArchivedFilesRepository(db.dataSource);
  const rows = ['fA', 'fB', 'fC', 'fD'].map((id, i) =>
    reportMessage({ timestamp: Date.UTC(2026, 10, 1, 9) + i * 1000, files: [fileJson(id, `${id}.pdf`, 100 + i)] }),
  );
  for (const row of rows) await new ArchiveWriter(db.dataSource).writeReportPage(reportPage({ messages: [row] }));
});
afterAll(() => db.drop());

const status = async (fileId: string) =>
  (
    await db.dataSource.query(
      `SELECT status, attempts, warning, content_sha256, stored_at IS NOT NULL AS stored FROM archived_files
       WHERE file_id = $1`,
      [fileId],
    )
  )[0];

describe('ArchivedFilesRepository', () => {
  it('tracks downloads to the end: stored, too large, or failed after the last attempt', async () => {
    expect((await files.pending(10)).map((f) => [f.fileId, f.fileName, f.fileSize, f.attempts])).toEqual([
      ['fA', 'fA.pdf', 100, 0],
      ['fB', 'fB.pdf', 101, 0],
      ['fC', 'fC.pdf', 102, 0],
      ['fD', 'fD.pdf', 103, 0],
    ]);
    expect((await files.pending(1))[0].downloadUrl).toContain('/file/download/fA');

    await files.markStored('fA', 'a'.repeat(64));
    await files.markTooLarge('fB', 'File of 101 bytes is over the limit');
    await files.markFailed('fC', 'HTTP 404');
    expect(await status('fA')).toEqual({
      status: 'stored',
      attempts: 1,
      warning: null,
      content_sha256: 'a'.repeat(64),
      stored: true,
    });
    expect(await status('fB')).toMatchObject({ status: 'too_large', warning: 'File of 101 bytes is over the limit' });
    expect((await files.pending(10)).map((f) => f.fileId)).toEqual(['fC', 'fD']);

    for (let i = 1; i < MAX_FILE_ATTEMPTS; i++) await files.markFailed('fC', `HTTP 404 (${i})`);
    expect(await status('fC')).toMatchObject({ status: 'failed', attempts: MAX_FILE_ATTEMPTS });
    expect((await files.pending(10)).map((f) => f.fileId)).toEqual(['fD']);
  });

  it('never downgrades a stored file', async () => {
    await files.markStored('fD', 'd'.repeat(64));
    await files.markFailed('fD', 'late duplicate download failed');
    expect(await status('fD')).toMatchObject({ status: 'stored', content_sha256: 'd'.repeat(64) });
  });
});
