import type { PoolClient } from 'pg';
import { ArchiveWriter, normaliseMessageId, type ReportPageInput } from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import {
  APPENDIX_A_MESSAGE,
  CHANNEL,
  EXTERNAL_GUEST,
  ONE_TO_ONE,
  TOM,
  deletedRow,
  editedRow,
  fileJson,
  reportMessage,
  reportPage,
} from './zoom-report.factory.js';

let db: TestDatabase;
let writer: ArchiveWriter;

beforeAll(async () => {
  db = await createTestDatabase();
  writer = new ArchiveWriter(db.dataSource);
});
afterAll(() => db.drop());

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.dataSource.query<T[]>(sql, params);

async function message(zoomId: string) {
  const [row] = await q(
    `SELECT id, zoom_id, session_id, sender_member_id, sender_email, current_text, original_text, version_count,
            edit_count, deleted_at, has_files, is_bot, reply_main_message_id, sent_ts::float8 AS sent_ts,
            first_observed_at, last_observed_at
     FROM messages WHERE id = $1`,
    [normaliseMessageId(zoomId)],
  );
  return row;
}

async function versions(zoomId: string) {
  return q<{ kind: string; text: string; action_ts: number; raw: unknown; sha256: string }>(
    `SELECT kind, text, action_ts::float8 AS action_ts, raw, sha256 FROM message_versions
     WHERE message_id = $1 ORDER BY action_ts, id`,
    [normaliseMessageId(zoomId)],
  );
}

describe('ArchiveWriter.writeReportPage', () => {
  it('keeps the original, every edit and the deletion, and derives the current view from them', async () => {
    const sent = reportMessage({
      message: 'Wire 40k to the new account',
      files: [fileJson('fWire1', 'iban.pdf', 9_120)],
    });
    const t = sent.timestamp!;
    const edit = editedRow(sent, 'Wire 45k to the new account', t + 60_000);
    const gone = deletedRow(edit, t + 600_000);
    const page = reportPage({ messages: [sent], edited: [edit], deleted: [gone], runId: null });

    const result = await writer.writeReportPage(page);

    expect(result).toMatchObject({ messages: 1, versionsAdded: 3 });
    expect((await versions(sent.id)).map((v) => [v.kind, v.text, v.action_ts])).toEqual([
      ['original', 'Wire 40k to the new account', t],
      ['edited', 'Wire 45k to the new account', t + 60_000],
      ['deleted', 'Wire 45k to the new account', t + 600_000],
    ]);
    expect((await versions(sent.id))[0].raw).toEqual(sent);
    expect(await message(sent.id)).toMatchObject({
      session_id: CHANNEL.id,
      current_text: 'Wire 45k to the new account',
      original_text: 'Wire 40k to the new account',
      version_count: 3,
      edit_count: 1,
      deleted_at: new Date(t + 600_000),
      has_files: true,
      sent_ts: t,
    });
  });

  it('adds nothing when the same page comes again, but notes that it was seen again', async () => {
    const sent = reportMessage({ reactions: [{ emoji: 'U+1F44D', total_count: 1, user_ids: [], member_ids: ['m1'] }] });
    const page = reportPage({ messages: [sent], edited: [editedRow(sent, 'v2', sent.timestamp! + 5)] });
    await writer.writeReportPage(page);
    const before = await message(sent.id);

    const replay = await writer.writeReportPage({ ...page, observedAt: new Date('2026-11-21T12:00:00Z') });

    expect(replay).toEqual({ messages: 1, versionsAdded: 0, files: [] });
    expect(await versions(sent.id)).toHaveLength(2);
    const after = await message(sent.id);
    expect({ ...after, last_observed_at: null }).toEqual({ ...before, last_observed_at: null });
    expect(after.last_observed_at).toEqual(new Date('2026-11-21T12:00:00Z'));
    expect(await q(`SELECT count(*)::int AS n FROM reaction_snapshots WHERE message_id = $1`, [after.id])).toEqual([
      { n: 1 },
    ]);
  });

  it('ends in the same state whatever order the pages arrive in', async () => {
    const sent = reportMessage({ message: 'first' });
    const t = sent.timestamp!;
    const edit = editedRow(sent, 'second', t + 1000);
    const gone = deletedRow(edit, t + 2000);
    const sweep = reportPage({ deleted: [gone], edited: [edit] });
    await writer.writeReportPage(sweep);
    expect(await message(sent.id)).toMatchObject({ current_text: 'second', original_text: null, edit_count: 1 });

    await writer.writeReportPage(reportPage({ messages: [sent] }));
    expect(await message(sent.id)).toMatchObject({
      current_text: 'second',
      original_text: 'first',
      version_count: 3,
      deleted_at: new Date(t + 2000),
    });
  });

  it('takes a messages[] row already edited as the edited state, not as the original', async () => {
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [APPENDIX_A_MESSAGE] }));
    expect(await message(APPENDIX_A_MESSAGE.id)).toMatchObject({
      id: '7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8',
      zoom_id: '7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8',
      current_text: 'How are you',
      original_text: null,
      edit_count: 1,
      reply_main_message_id: '27ED2949-6457-417C-83EA-72515DAF00BD',
    });
    const edited = editedRow(APPENDIX_A_MESSAGE, 'How are you', APPENDIX_A_MESSAGE.action_timestamp!);
    const replay = await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, edited: [edited] }));
    expect(replay.versionsAdded).toBe(0);
  });

  it('treats the braced and bare forms of a message id as one message', async () => {
    const bare = '8CFAF567-BF5A-4ACC-B4F2-88B3D371ACA5';
    const braced = reportMessage({ id: `{${bare}}`, message: 'braced' });
    const lower = editedRow({ ...braced, id: bare.toLowerCase() }, 'edited via bare id', braced.timestamp! + 9);
    await writer.writeReportPage(reportPage({ messages: [braced], edited: [lower] }));
    expect(await q(`SELECT id, zoom_id, version_count FROM messages WHERE id = $1`, [bare])).toEqual([
      { id: bare, zoom_id: `{${bare}}`, version_count: 2 },
    ]);
  });

  it('keys an external sender without email on member_id, and lets no anonymised row erase a known email', async () => {
    const guest = reportMessage({ ...EXTERNAL_GUEST, message: 'from outside' });
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [guest] }));
    const user = () =>
      q(`SELECT user_id, email, display_name, is_external FROM directory_users WHERE member_id = $1`, [
        EXTERNAL_GUEST.sender_member_id,
      ]);
    expect(await user()).toEqual([{ user_id: '', email: '', display_name: '', is_external: true }]);
    expect(await message(guest.id)).toMatchObject({
      sender_member_id: EXTERNAL_GUEST.sender_member_id,
      sender_email: '',
    });

    const asContact = reportMessage({ ...EXTERNAL_GUEST, sender: 'ana@partner.example', sender_display_name: 'Ana' });
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [asContact] }));
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [reportMessage({ ...EXTERNAL_GUEST })] }));
    expect(await user()).toEqual([
      { user_id: '', email: 'ana@partner.example', display_name: 'Ana', is_external: true },
    ]);
  });

  it("keeps a renamed person's latest name and email whichever page is written last", async () => {
    const person = { ...TOM, sender_member_id: 'renamedMember01' };
    const early = reportMessage({ ...person, sender: 'ann.old@example.com', sender_display_name: 'Ann Old' });
    const late = reportMessage({ ...person, sender: 'ann@example.com', sender_display_name: 'Ann New' });
    const profile = () => q(`SELECT email, display_name FROM directory_users WHERE member_id = 'renamedMember01'`);
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [late] }));
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [early] }));
    expect(await profile()).toEqual([{ email: 'ann@example.com', display_name: 'Ann New' }]);

    const later = reportMessage({ ...person, sender: 'ann@example.com', sender_display_name: 'Ann Newest' });
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [later] }));
    await writer.writeReportPage(reportPage({ session: ONE_TO_ONE, messages: [early, late] }));
    expect(await profile()).toEqual([{ email: 'ann@example.com', display_name: 'Ann Newest' }]);
  });

  it('snapshots reactions when they change, including a return to an earlier state', async () => {
    const thumbs = [
      { emoji: 'U+1F44D', total_count: 1, user_ids: ['v4iyWT1LTfy8QvPG4GTvdg'], member_ids: [TOM.sender_member_id] },
    ];
    const sent = reportMessage({ reactions: thumbs });
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    await writer.writeReportPage(reportPage({ messages: [sent], observedAt: at(1) }));
    await writer.writeReportPage(
      reportPage({ messages: [{ ...sent, reactions: [...thumbs].reverse() }], observedAt: at(2) }),
    );
    await writer.writeReportPage(reportPage({ messages: [{ ...sent, reactions: [] }], observedAt: at(3) }));
    await writer.writeReportPage(reportPage({ messages: [sent], observedAt: at(4) }));

    const snapshots = await q<{ reactions: unknown[]; observed_at: Date }>(
      `SELECT reactions, observed_at FROM reaction_snapshots WHERE message_id = $1 ORDER BY observed_at`,
      [normaliseMessageId(sent.id)],
    );
    expect(snapshots.map((s) => [s.observed_at, s.reactions.length])).toEqual([
      [at(1), 1],
      [at(3), 0],
      [at(4), 1],
    ]);
    expect(snapshots[2].reactions).toEqual(thumbs);
  });

  it('records files as pending downloads once, and hands back only the new ones', async () => {
    const report = fileJson('qreigNgqTk24RNnGJDxpDg-2', '48k.png', 224_251);
    const sent = reportMessage({ files: [report] });
    const first = await writer.writeReportPage(reportPage({ messages: [sent] }));
    expect(first.files).toEqual([
      {
        fileId: report.file_id,
        messageId: normaliseMessageId(sent.id),
        downloadUrl: report.download_url,
        fileName: '48k.png',
        fileSize: 224_251,
      },
    ]);
    expect((await writer.writeReportPage(reportPage({ messages: [sent] }))).files).toEqual([]);
    expect(
      await q(
        `SELECT status, attempts, file_size::float8 AS size, download_url FROM archived_files WHERE file_id = $1`,
        [report.file_id],
      ),
    ).toEqual([{ status: 'pending', attempts: 0, size: 224_251, download_url: report.download_url }]);
  });

  it('marks bot messages', async () => {
    const bot = reportMessage({ bot_message: { is_markdown_support: true, source: 'Mio', content: { head: {} } } });
    await writer.writeReportPage(reportPage({ messages: [bot] }));
    expect(await message(bot.id)).toMatchObject({ is_bot: true });
  });
});

describe('ArchiveWriter page transaction', () => {
  it('leaves nothing of a page when any of its statements fails', async () => {
    await q(`
      CREATE FUNCTION test_reject_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.file_name = 'explode.bin' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_reject_file BEFORE INSERT ON archived_files FOR EACH ROW EXECUTE FUNCTION test_reject_file();
    `);
    const session = { ...CHANNEL, id: 'e'.repeat(64) };
    const sender = { ...TOM, sender_member_id: 'only-on-the-failed-page' };
    const sent = reportMessage({ ...sender, reactions: [{ emoji: 'U+1F600', member_ids: ['x'] }] });
    const boom = reportMessage({ ...sender, files: [fileJson('fBoom', 'explode.bin', 1)] });
    const page = reportPage({
      session,
      messages: [sent, boom],
      edited: [editedRow(sent, 'later', sent.timestamp! + 1)],
    });

    await expect(writer.writeReportPage(page)).rejects.toThrow('disk full');

    const [left] = await q(`
      SELECT (SELECT count(*) FROM chat_sessions WHERE id = '${session.id}')::int AS sessions,
             (SELECT count(*) FROM directory_users WHERE member_id = 'only-on-the-failed-page')::int AS users,
             (SELECT count(*) FROM messages WHERE session_id = '${session.id}')::int AS messages,
             (SELECT count(*) FROM message_versions v JOIN messages m ON m.id = v.message_id
               WHERE m.session_id = '${session.id}')::int AS versions,
             (SELECT count(*) FROM reaction_snapshots WHERE message_id = '${normaliseMessageId(sent.id)}')::int AS reactions
    `);
    expect(left).toEqual({ sessions: 0, users: 0, messages: 0, versions: 0, reactions: 0 });
    await q(`DROP TRIGGER test_reject_file ON archived_files`);
  });

  it('writes a full page in a fixed handful of statements, not one per row', async () => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      reportMessage({
        files: [fileJson(`fBulk${i}`, `r${i}.csv`, i + 1)],
        reactions: [{ emoji: 'U+2705', member_ids: ['m'] }],
      }),
    );
    const edited = rows.slice(0, 40).map((r) => editedRow(r, 'fixed typo', r.timestamp! + 7));
    const deleted = rows.slice(0, 10).map((r) => deletedRow(r, r.timestamp! + 9));
    const statements = await countStatements(() =>
      writer.writeReportPage(reportPage({ messages: rows, edited, deleted })),
    );
    expect(statements).toBeLessThanOrEqual(12);
  });

  it('writes a new message row once, with its current view, and updates it only when a later page changes it', async () => {
    await q(`CREATE TABLE test_message_updates (id text NOT NULL)`);
    await q(`CREATE FUNCTION test_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN INSERT INTO test_message_updates VALUES (OLD.id); RETURN NEW; END $$`);
    await q(
      `CREATE TRIGGER test_count_update BEFORE UPDATE ON messages FOR EACH ROW EXECUTE FUNCTION test_count_update()`,
    );
    try {
      const rows = Array.from({ length: 20 }, (_, i) =>
        reportMessage({ message: `row ${i}`, files: i % 4 ? [] : [fileJson(`fOnce${i}`, `a${i}.pdf`, 10)] }),
      );
      const edited = rows
        .slice(0, 8)
        .flatMap((r) => [
          editedRow(r, `${r.message} (fixed)`, r.timestamp! + 5),
          editedRow(r, `${r.message} (fixed twice)`, r.timestamp! + 9),
        ]);
      const deleted = rows.slice(4, 12).map((r) => deletedRow(r, r.timestamp! + 20));
      await writer.writeReportPage(reportPage({ messages: rows, edited, deleted }));
      expect(await q(`SELECT count(*)::int AS n FROM test_message_updates`)).toEqual([{ n: 0 }]);
      expect(await message(rows[5].id)).toMatchObject({
        current_text: 'row 5 (fixed twice)',
        original_text: 'row 5',
        version_count: 4,
        edit_count: 2,
        deleted_at: new Date(rows[5].timestamp! + 20),
      });
      expect(await message(rows[0].id)).toMatchObject({ has_files: true, deleted_at: null, edit_count: 2 });

      await writer.writeReportPage(
        reportPage({ edited: [editedRow(rows[15], 'later edit', rows[15].timestamp! + 99)] }),
      );
      expect(await q(`SELECT DISTINCT id FROM test_message_updates`)).toEqual([
        { id: normaliseMessageId(rows[15].id) },
      ]);
      expect(await message(rows[15].id)).toMatchObject({ current_text: 'later edit', edit_count: 1 });
    } finally {
      await q(`DROP TRIGGER test_count_update ON messages`);
      await q(`DROP FUNCTION test_count_update()`);
      await q(`DROP TABLE test_message_updates`);
    }
  });

  it('writes pages of different sessions that refresh the same senders at the same time without deadlock', async () => {
    const senders = Array.from({ length: 60 }, (_, i) => ({
      sender: `person${i}@example.com`,
      sender_member_id: `deadlockMember${String(i).padStart(3, '0')}`,
    }));
    const page = (observedAt: Date, name: string, order: number) =>
      reportPage({
        session: { ...ONE_TO_ONE, id: `deadlock-session-${order}` },
        observedAt,
        // Each page lists the senders in its own order: an UPDATE that locks in join order deadlocks on these.
        messages: [...senders]
          .sort((a, b) => (order % 2 ? -1 : 1) * a.sender_member_id.localeCompare(b.sender_member_id))
          .map((s, i) => reportMessage({ ...s, sender_display_name: `${name} ${(i * 7 + order) % 60}` })),
      });
    await writer.writeReportPage(page(new Date('2026-11-01T00:00:00Z'), 'first', 0));
    for (let round = 0; round < 20; round++) {
      const at = new Date(Date.UTC(2026, 10, 2 + round));
      await Promise.all(
        Array.from({ length: 8 }, (_, order) => writer.writeReportPage(page(at, `round ${round}`, order + 1))),
      );
    }
    const [row] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM directory_users WHERE member_id LIKE 'deadlockMember%' AND display_name LIKE 'round 19%'`,
    );
    expect(row.n).toBe(60);
  });

  it('writes overlapping pages of one session at the same time without conflict', async () => {
    const rows = Array.from({ length: 30 }, () => reportMessage());
    const edits = rows.map((r) => editedRow(r, 'edited', r.timestamp! + 1));
    const pages: ReportPageInput[] = [
      reportPage({ messages: rows.slice(0, 20) }),
      reportPage({ messages: rows.slice(10, 30) }),
      reportPage({ edited: edits.slice(5, 25) }),
      reportPage({ messages: rows, edited: edits }),
    ];
    await Promise.all(pages.map((p) => writer.writeReportPage(p)));
    const counts = await q(
      `SELECT count(*)::int AS n, sum(version_count)::int AS versions, min(edit_count)::int AS min_edits
       FROM messages WHERE id = ANY($1)`,
      [rows.map((r) => normaliseMessageId(r.id))],
    );
    expect(counts).toEqual([{ n: 30, versions: 60, min_edits: 1 }]);
  });
});

/** Counts the statements the pool's clients send while `work` runs (the pool is the archive's own). */
async function countStatements(work: () => Promise<unknown>): Promise<number> {
  const pool = (db.dataSource.driver as unknown as { master: import('pg').Pool }).master;
  let count = 0;
  const wrapped = new WeakSet<PoolClient>();
  const onAcquire = (client: PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (counting) count++;
      return original(...args);
    };
  };
  let counting = true;
  pool.on('acquire', onAcquire);
  try {
    await work();
  } finally {
    counting = false;
    pool.off('acquire', onAcquire);
  }
  return count;
}
