import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import { type EmulatorHandle, startEmulator } from './emulator.harness.js';

interface GroundTruth {
  session_id: string;
  id: string;
  is_bot: boolean;
  versions: { kind: string; message: string; action_timestamp: number }[];
  reactions: { emoji: string; member_ids: string[] }[];
}

async function groundTruth(emu: EmulatorHandle, from: string, to: string): Promise<GroundTruth[]> {
  const res = await emu.get(`/_emulator/ground-truth/messages`, { query: { from, to } });
  return res.text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GroundTruth);
}

describe('chat reports (#1, #2)', () => {
  let emu: EmulatorHandle;
  let token: string;
  const from = '2026-10-21';
  const to = '2026-11-20';

  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.accountToken();
  });
  afterAll(() => emu.close());

  it('lists every session with messages in the window exactly once across pages', async () => {
    const pages = await emu.allPages('/v2/report/chat/sessions', { token, query: { from, to, page_size: 3 } });
    for (const page of pages) expect(validateZoomResponse('reportChatSessions', 200, page)).toEqual([]);
    const ids = pages.flatMap((p) => p.sessions.map((s: { id: string }) => s.id));
    const truth = new Set((await groundTruth(emu, from, to)).map((m) => m.session_id));
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(truth);
    expect(pages[pages.length - 1].next_page_token).toBe('');
    expect(pages[0].page_size).toBe(3);
    const oneToOne = pages.flatMap((p) => p.sessions).find((s: { type: string }) => s.type === '1:1');
    expect(oneToOne.member_emails).toHaveLength(2);
    expect(oneToOne.channel_id).toBeUndefined();
  });

  it('returns every version of every message through messages, edited_messages and deleted_messages', async () => {
    const truth = await groundTruth(emu, from, to);
    const sessionIds = [...new Set(truth.map((m) => m.session_id))];
    const seen = new Map<string, { kind: string; message: string; at: number }[]>();
    let rows = 0;
    for (const sessionId of sessionIds) {
      const pages = await emu.allPages(`/v2/report/chat/sessions/${sessionId}`, {
        token,
        query: {
          from,
          to,
          page_size: 7,
          include_fields: 'edited_messages,deleted_messages',
          include_bot_message: true,
        },
      });
      for (const page of pages) {
        expect(validateZoomResponse('reportChatMessages', 200, page)).toEqual([]);
        rows += page.messages.length;
        for (const m of page.messages)
          seen.set(m.id, [{ kind: 'original', message: m.message, at: m.action_timestamp }]);
        for (const [section, kind] of [
          ['edited_messages', 'edited'],
          ['deleted_messages', 'deleted'],
        ] as const) {
          for (const m of page[section]) seen.get(m.id)!.push({ kind, message: m.message, at: m.action_timestamp });
        }
      }
    }
    expect(rows).toBe(truth.length);
    for (const message of truth) {
      const versions = message.versions.map((v) => ({ kind: v.kind, message: v.message, at: v.action_timestamp }));
      expect(seen.get(message.id)).toEqual(versions);
    }
    // The tiny tenant has edits and deletions in a month, or this test would prove little.
    expect(truth.some((m) => m.versions.some((v) => v.kind === 'edited'))).toBe(true);
    expect(truth.some((m) => m.versions.some((v) => v.kind === 'deleted'))).toBe(true);
  });

  it('omits optional sections and bot messages unless asked', async () => {
    const truth = await groundTruth(emu, from, to);
    const withBot = truth.find((m) => m.is_bot)!;
    const pages = await emu.allPages(`/v2/report/chat/sessions/${withBot.session_id}`, {
      token,
      query: { from, to, page_size: 100 },
    });
    const messages = pages.flatMap((p) => p.messages);
    expect(messages.some((m: { id: string }) => m.id === withBot.id)).toBe(false);
    for (const page of pages) {
      expect(page).not.toHaveProperty('edited_messages');
      expect(page).not.toHaveProperty('deleted_messages');
      for (const m of page.messages) expect(m).not.toHaveProperty('reactions');
    }
    const withBots = await emu.allPages(`/v2/report/chat/sessions/${withBot.session_id}`, {
      token,
      query: { from, to, page_size: 100, include_bot_message: true, include_reactions: true },
    });
    const bot = withBots.flatMap((p) => p.messages).find((m: { id: string }) => m.id === withBot.id);
    expect(bot.bot_message.source).toEqual(expect.any(String));
  });

  it('returns reactions with member ids when include_reactions is set', async () => {
    const truth = (await groundTruth(emu, from, to)).find((m) => m.reactions.length > 0 && !m.is_bot)!;
    const pages = await emu.allPages(`/v2/report/chat/sessions/${truth.session_id}`, {
      token,
      query: { from, to, page_size: 100, include_reactions: true },
    });
    const row = pages.flatMap((p) => p.messages).find((m: { id: string }) => m.id === truth.id);
    expect(
      row.reactions.map((r: { emoji: string; member_ids: string[] }) => ({ emoji: r.emoji, member_ids: r.member_ids })),
    ).toEqual(truth.reactions);
  });

  it('selects edits and deletions by their action time with query_all_modifications', async () => {
    // Edits of messages sent before the window are only found by modification time.
    const windowFrom = Date.parse('2026-11-10T00:00:00Z');
    const windowTo = Date.parse('2026-11-20T23:59:59.999Z');
    const truth = await groundTruth(emu, '2026-08-01', '2026-11-20');
    const expected = truth.flatMap((m) =>
      m.versions
        .filter((v) => v.kind !== 'original' && v.action_timestamp >= windowFrom && v.action_timestamp <= windowTo)
        .map((v) => `${m.id}:${v.kind}:${v.action_timestamp}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const sessionId of new Set(truth.map((m) => m.session_id))) {
      const pages = await emu.allPages(`/v2/report/chat/sessions/${sessionId}`, {
        token,
        query: {
          from: '2026-11-10',
          to: '2026-11-20',
          include_fields: 'edited_messages,deleted_messages',
          include_bot_message: true,
          query_all_modifications: true,
          page_size: 5,
        },
      });
      for (const page of pages) {
        for (const m of page.edited_messages) found.push(`${m.id}:edited:${m.action_timestamp}`);
        for (const m of page.deleted_messages) found.push(`${m.id}:deleted:${m.action_timestamp}`);
      }
    }
    expect(found.sort()).toEqual(expected.sort());
    const sentBefore = truth.filter((m) => m.versions[0].action_timestamp < windowFrom).map((m) => m.id);
    expect(found.some((f) => sentBefore.includes(f.split(':')[0]))).toBe(true);
  });

  it.each([
    [{ to: '2026-11-20' }, 'from'],
    [{ from: '2026-11-01' }, 'to'],
    [{ from: '2026-11-01', to: '2026-13-01' }, 'to'],
    [{ from: '2026-09-01', to: '2026-11-01' }, 'one month'],
    [{ from: '2026-04-01', to: '2026-04-20' }, 'six months'],
    [{ from: '2026-11-10', to: '2026-11-01' }, 'before'],
  ])('rejects the window %j with 400 / code 300 naming the problem', async (query, words) => {
    const res = await emu.get('/v2/report/chat/sessions', { token, query });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(300);
    expect(JSON.stringify(res.body)).toContain(words);
    expect(validateZoomResponse('reportChatSessions', 400, res.body)).toEqual([]);
  });

  it('rejects a page token reused with other parameters, and an unknown one', async () => {
    const first = await emu.get('/v2/report/chat/sessions', { token, query: { from, to, page_size: 1 } });
    expect(first.body.next_page_token).not.toBe('');
    const rebound = await emu.get('/v2/report/chat/sessions', {
      token,
      query: { from: '2026-10-22', to, page_size: 1, next_page_token: first.body.next_page_token },
    });
    expect(rebound.status).toBe(400);
    expect(rebound.body).toEqual({ code: 300, message: 'The next page token is either invalid or has expired.' });
    const unknown = await emu.get('/v2/report/chat/sessions', { token, query: { from, to, next_page_token: 'nope' } });
    expect(unknown.status).toBe(400);
  });

  it('clamps page_size to the documented maximum and rejects a non-number', async () => {
    const session = (await emu.get('/v2/report/chat/sessions', { token, query: { from, to } })).body.sessions[0];
    const big = await emu.get(`/v2/report/chat/sessions/${session.id}`, {
      token,
      query: { from, to, page_size: 5000 },
    });
    expect(big.body.page_size).toBe(100);
    const bad = await emu.get(`/v2/report/chat/sessions/${session.id}`, { token, query: { from, to, page_size: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(300);
  });

  it('answers an unknown session with 404 and a bad include_fields with 400', async () => {
    const unknown = await emu.get(`/v2/report/chat/sessions/${'0'.repeat(64)}`, { token, query: { from, to } });
    expect(unknown.status).toBe(404);
    const session = (await emu.get('/v2/report/chat/sessions', { token, query: { from, to } })).body.sessions[0];
    const bad = await emu.get(`/v2/report/chat/sessions/${session.id}`, {
      token,
      query: { from, to, include_fields: 'everything' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(300);
  });

  it('serves file bytes at download_url under auth', async () => {
    const truth = await groundTruth(emu, '2026-06-01', to);
    const candidates = truth.filter((m) => !m.is_bot);
    let found: { download_url: string; file_size: number } | undefined;
    for (const m of candidates) {
      const res = await emu.get(`/_emulator/ground-truth/messages`, {
        query: { from: '2026-06-01', to, session_id: m.session_id, file_hashes: true },
      });
      const line = res.text
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              id: string;
              timestamp: number;
              files: { file_id: string; sha256: string; file_size: number }[];
            },
        )
        .find((x) => x.files.length > 0 && x.files[0].file_size < 3_000_000);
      if (!line) continue;
      const day = new Date(line.timestamp).toISOString().slice(0, 10);
      const pages = await emu.allPages(`/v2/report/chat/sessions/${m.session_id}`, {
        token,
        query: { from: day, to: day, page_size: 100 },
      });
      const row = pages.flatMap((p) => p.messages).find((r: { id: string }) => r.id === line.id);
      found = row.files[0];
      const unauthenticated = await fetch(found!.download_url);
      expect(unauthenticated.status).toBe(401);
      const download = await fetch(found!.download_url, { headers: { Authorization: `Bearer ${token}` } });
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.length).toBe(line.files[0].file_size);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(line.files[0].sha256);
      break;
    }
    expect(found).toBeDefined();
  });
});
