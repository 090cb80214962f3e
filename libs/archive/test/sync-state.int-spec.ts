import { SyncStateRepository, type SyncWindowKey } from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let db: TestDatabase;
let state: SyncStateRepository;
let accounts = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  state = new SyncStateRepository(db.dataSource);
});
afterAll(() => db.drop());

/** Each test works on an account of its own in the shared database. */
const newAccount = () => `acct-${++accounts}`;
const key = (accountId: string, sessionId: string, from: string, to: string): SyncWindowKey => ({
  accountId,
  sessionId,
  from,
  to,
  mode: 'sent',
});

describe('a sync run', () => {
  it('is done when every window and listing of it is, and failed, saying why, when one is not', async () => {
    const acc = newAccount();
    const runId = await state.createRun(acc, 'manual', '2026-06-01', '2026-06-30');
    expect(await state.getRun(runId)).toMatchObject({ status: 'planning', requestedFrom: '2026-06-01' });

    await state.claimListWindows(acc, runId, [{ from: '2026-06-01', to: '2026-06-30' }]);
    await state.startListWindow(acc, '2026-06-01', '2026-06-30', runId);
    const june = (s: string) => key(acc, s, '2026-06-01', '2026-06-30');
    await state.ensureWindows(acc, runId, [
      { sessionId: 's1', from: '2026-06-01', to: '2026-06-30', mode: 'sent' },
      { sessionId: 's2', from: '2026-06-01', to: '2026-06-30', mode: 'sent' },
      { sessionId: 's2', from: '2026-06-01', to: '2026-06-30', mode: 'sent' },
    ]);
    expect(await state.getRun(runId)).toMatchObject({ status: 'running', windowsTotal: 2 });

    await state.startWindow(june('s1'));
    await state.startWindow(june('s2'));
    await state.finishWindow(june('s1'), { pages: 3, messagesSeen: 250, versionsAdded: 260 });
    await state.failWindow(june('s2'), 'HTTP 500 from Zoom after 3 retries');
    expect(await state.runProgress(runId)).toEqual({
      total: 2,
      done: 1,
      failed: 1,
      running: 0,
      pending: 0,
      messages: 250,
      versionsAdded: 260,
    });
    expect(await state.finishRunIfComplete(runId)).toBe(false);

    await state.finishListWindow(acc, '2026-06-01', '2026-06-30', { sessionsFound: 2, pages: 1 });
    expect(await state.finishRunIfComplete(runId)).toBe(true);
    expect(await state.finishRunIfComplete(runId)).toBe(false);
    expect(await state.getRun(runId)).toMatchObject({
      status: 'failed',
      windowsTotal: 2,
      windowsDone: 1,
      windowsFailed: 1,
      messages: 250,
      versionsAdded: 260,
      error: '1 session windows failed',
    });
    expect(await state.windowStates(acc, 'sent', '2026-06-01', '2026-06-30', ['s1', 's2', 's3'])).toEqual(
      new Map([
        ['s1', { status: 'done', completedAt: expect.any(Date) }],
        ['s2', { status: 'failed', completedAt: null }],
      ]),
    );
  });

  it('counts a window done by an earlier run as pending for a new run until it is read again', async () => {
    const acc = newAccount();
    const w = key(acc, 's1', '2026-11-01', '2026-11-30');
    const first = await state.createRun(acc, 'scheduled', null, null);
    await state.ensureWindows(acc, first, [{ sessionId: 's1', from: w.from, to: w.to, mode: 'sent' }]);
    await state.finishWindow(w, { pages: 1, messagesSeen: 5, versionsAdded: 5 });
    await state.finishRun(first);
    expect(await state.getRun(first)).toMatchObject({ status: 'done', error: null });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await state.createRun(acc, 'scheduled', null, null);
    await state.ensureWindows(acc, second, [{ sessionId: 's1', from: w.from, to: w.to, mode: 'sent' }]);
    expect(await state.runProgress(second)).toMatchObject({ total: 1, pending: 1, done: 0 });
    expect(await state.finishRunIfComplete(second)).toBe(false);

    await state.startWindow(w);
    await state.finishWindow(w, { pages: 1, messagesSeen: 6, versionsAdded: 1 });
    expect(await state.finishRunIfComplete(second)).toBe(true);
    expect(await state.getRun(second)).toMatchObject({ status: 'done', messages: 6, versionsAdded: 1 });
  });

  it('keeps a window’s state and counts when a later plan ensures it again', async () => {
    const acc = newAccount();
    const w = key(acc, 's1', '2026-07-01', '2026-07-31');
    const run = await state.createRun(acc, 'scheduled', null, null);
    await state.ensureWindows(acc, run, [{ sessionId: 's1', from: w.from, to: w.to, mode: 'sent' }]);
    await state.startWindow(w);
    await state.startWindow(w);
    await state.finishWindow(w, { pages: 2, messagesSeen: 120, versionsAdded: 130 });
    await state.ensureWindows(acc, await state.createRun(acc, 'manual', null, null), [
      { sessionId: 's1', from: w.from, to: w.to, mode: 'sent' },
    ]);
    const [row] = await db.dataSource.query(
      `SELECT status, attempts, pages, messages_seen FROM sync_windows WHERE account_id = $1`,
      [acc],
    );
    expect(row).toEqual({ status: 'done', attempts: 2, pages: 2, messages_seen: 120 });
  });

  it('lists the latest runs first and finds no run for an id that is not a uuid', async () => {
    const acc = newAccount();
    const a = await state.createRun(acc, 'scheduled', null, null);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await state.createRun(acc, 'manual', '2026-10-01', null);
    expect((await state.latestRuns(5, acc)).map((r) => r.id)).toEqual([b, a]);
    expect(await state.getRun('not-a-run')).toBeNull();
  });
});

describe('window completion', () => {
  it('is final only when the window was completed after it ended', async () => {
    const acc = newAccount();
    const past = key(acc, 's1', '2026-05-01', '2026-05-31');
    const open = key(acc, 's1', '2999-01-01', '2999-01-31');
    await state.finishWindow(past, { pages: 1, messagesSeen: 0, versionsAdded: 0 });
    await state.finishWindow(open, { pages: 1, messagesSeen: 0, versionsAdded: 0 });
    expect(await state.isDone(past)).toBe(true);
    expect(await state.isDone(open)).toBe(false);
    expect(await state.isDone({ ...past, mode: 'modified' })).toBe(false);
    await state.failWindow(past, 'boom');
    expect(await state.isDone(past)).toBe(false);
  });

  it('knows listings done and the sessions active since a day', async () => {
    const acc = newAccount();
    await state.finishListWindow(acc, '2026-08-01', '2026-08-31', { sessionsFound: 0, pages: 1 });
    expect(await state.isListWindowDone(acc, '2026-08-01', '2026-08-31')).toBe(true);
    expect(await state.isListWindowDone(acc, '2026-09-01', '2026-09-30')).toBe(false);
    await db.dataSource.query(
      `INSERT INTO chat_sessions (id, account_id, type, last_message_sent_at) VALUES
         ('${acc}-old', $1, '1:1', '2026-01-01T00:00:00Z'), ('${acc}-new', $1, 'Group', '2026-09-02T00:00:00Z'),
         ('${acc}-undated', $1, 'Group', NULL)`,
      [acc],
    );
    expect(await state.knownSessions(acc, '2026-09-01')).toEqual([`${acc}-new`, `${acc}-undated`]);
  });
});

describe('coverage', () => {
  const jan = { from: '2026-01-01', to: '2026-01-31' };
  const feb = { from: '2026-02-01', to: '2026-02-28' };

  it('says which days are archived, from the horizon up to yesterday, and what failed', async () => {
    const acc = newAccount();
    for (const w of [jan, feb]) await state.finishListWindow(acc, w.from, w.to, { sessionsFound: 2, pages: 1 });
    for (const s of ['s1', 's2']) await state.finishWindow(key(acc, s, jan.from, jan.to), counts);
    await state.finishWindow(key(acc, 's1', feb.from, feb.to), counts);
    await state.failWindow(key(acc, 's2', feb.from, feb.to), 'HTTP 500');
    const cover = () => state.coverage(acc, '2026-01-01', '2026-02-11');

    expect(await cover()).toEqual({
      windows: { done: 3, pending: 0, running: 0, failed: 1 },
      failed: [{ sessionId: 's2', from: feb.from, to: feb.to, mode: 'sent', error: 'HTTP 500' }],
      channelWarnings: [],
      oldestUncoveredDay: '2026-02-01',
      coveredFrom: null,
    });

    await state.finishWindow(key(acc, 's2', feb.from, feb.to), counts);
    expect(await cover()).toMatchObject({ oldestUncoveredDay: null, coveredFrom: '2026-01-01', failed: [] });

    // Read on Jan 20 at 05:00: nothing sent later in January had been seen.
    await db.dataSource.query(
      `UPDATE sync_windows SET completed_at = '2026-01-20T05:00:00Z' WHERE account_id = $1 AND session_id = 's1'
         AND window_from = '2026-01-01'`,
      [acc],
    );
    expect(await cover()).toMatchObject({ oldestUncoveredDay: '2026-01-20', coveredFrom: '2026-02-01' });
  });

  it('counts a day without a finished session listing as not archived, and reports failed listings', async () => {
    const acc = newAccount();
    await state.finishListWindow(acc, jan.from, jan.to, { sessionsFound: 0, pages: 1 });
    await state.failListWindow(acc, feb.from, feb.to, 'HTTP 429 daily limit');
    expect(await state.coverage(acc, '2025-12-28', '2026-01-10')).toMatchObject({
      oldestUncoveredDay: '2025-12-28',
      coveredFrom: '2026-01-01',
    });
    expect(await state.coverage(acc, '2026-01-01', '2026-02-03')).toEqual({
      windows: { done: 0, pending: 0, running: 0, failed: 0 },
      failed: [{ sessionId: '', from: feb.from, to: feb.to, mode: 'sessions', error: 'HTTP 429 daily limit' }],
      channelWarnings: [],
      oldestUncoveredDay: '2026-02-01',
      coveredFrom: null,
    });
  });
});

const counts = { pages: 1, messagesSeen: 1, versionsAdded: 1 };
