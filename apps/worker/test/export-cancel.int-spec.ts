import { existsSync, readdirSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { ArchiveWriter, type ExportOptions } from '#libs/archive';
import { createTestDatabase } from '../../../libs/archive/test/test-database.js';
import { CHANNEL, reportMessage } from '../../../libs/archive/test/zoom-report.factory.js';
import { testRenderer } from './export-renderer.fixture.js';

const OPTIONS: ExportOptions = { timeZone: 'UTC', bom: false, formulaGuard: true, rowsPerFile: null };

let db: DataSource;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.dataSource;
  drop = database.drop;
  await new ArchiveWriter(db).writeReportPage({
    accountId: 'AbC123',
    session: CHANNEL,
    runId: null,
    observedAt: new Date(),
    messages: [reportMessage({ message: 'seed' })],
    edited: [],
    deleted: [],
  });
  // Enough rows that the export is still running when it is cancelled.
  await db.query(
    `INSERT INTO messages (id, zoom_id, account_id, session_id, sender_member_id, sent_at, sent_ts, current_text,
                           first_observed_at, last_observed_at)
     SELECT 'bulk-' || g, 'bulk-' || g, 'AbC123', $1, 'member', now() - g * interval '1 second', g,
            repeat('bulk text ', 20), now(), now()
     FROM generate_series(1, 400000) g`,
    [CHANNEL.id],
  );
});

afterAll(async () => {
  await drop();
});

const request = { requestedByKeyId: null, requestedByName: 'test', requestedByRole: 'admin' } as const;

describe('cancelling an export', () => {
  it('stops a running export, removes its partial zip and marks it cancelled', async () => {
    const { jobs, renderer, config } = testRenderer(db, {}, 20);
    const job = await jobs.create({ format: 'messages.csv', filters: {}, options: OPTIONS, ...request });
    const rendering = renderer.render(job.id);
    for (let i = 0; i < 500; i++) {
      const current = await jobs.get(job.id);
      if (Number(current!.rowsWritten) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await jobs.requestCancel(job.id);
    expect(await rendering).toBe('cancelled');
    const cancelled = (await jobs.get(job.id))!;
    expect(cancelled.status).toBe('cancelled');
    expect(Number(cancelled.rowsWritten)).toBeLessThan(400_001);
    expect(readdirSync(config.exportDir)).toEqual([]);
    // The connection that was mid-COPY was discarded, not handed back broken: the pool still answers.
    await expect(db.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
  });

  it('cancels a queued export at once, and the worker then skips it', async () => {
    const { jobs, renderer } = testRenderer(db);
    const job = await jobs.create({ format: 'jsonl', filters: {}, options: OPTIONS, ...request });
    expect((await jobs.requestCancel(job.id))!.status).toBe('cancelled');
    expect(await renderer.render(job.id)).toBe('skipped');
    expect((await jobs.get(job.id))!.artifactName).toBeNull();
  });

  it('renders the same export once when its job runs twice', async () => {
    const { jobs, renderer } = testRenderer(db);
    const job = await jobs.create({
      format: 'messages.csv',
      filters: { sender: 'nobody' },
      options: OPTIONS,
      ...request,
    });
    expect(await renderer.render(job.id)).toBe('done');
    expect(await renderer.render(job.id)).toBe('skipped');
    const done = (await jobs.get(job.id))!;
    expect(existsSync(renderer.artifactPath(done.artifactName!))).toBe(true);
  });
});
