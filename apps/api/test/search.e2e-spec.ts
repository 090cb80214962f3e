import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, EXTERNAL_GUEST, ONE_TO_ONE, TOM } from '../../../libs/archive/test/zoom-report.factory.js';
import { SearchRepository } from '../src/search/search.repository.js';
import { SearchStatisticsRepository } from '../src/search/search-statistics.repository.js';
import type { SearchStrategy } from '../src/search/search-strategy.util.js';
import { type ApiHarness, type QueryValue, startApi } from './api.harness.js';
import {
  ALICE,
  CAROL,
  GUEST_DM,
  JOHN,
  type Seed,
  type SeededMessage,
  TRADING_DESK,
  hasWord,
  seedArchive,
} from './search-seed.fixture.js';

const SEARCH = '/api/v1/messages/search';

/** Issue #5, "Search and review": full-text search over every version, filters, keyset paging. */
describe('GET /messages/search', () => {
  let h: ApiHarness;
  let seed: Seed;

  beforeAll(async () => {
    const filesDir = mkdtempSync(join(tmpdir(), 'zca-api-files-'));
    h = await startApi({ ARCHIVE_FILES_DIR: filesDir });
    seed = await seedArchive(h.db, filesDir);
  });
  afterAll(() => h?.close());

  const search = (query: Record<string, QueryValue | undefined>, key = h.keys.compliance_officer) =>
    h.request('GET', SEARCH, { key, query });

  /** Every page, following next_cursor; fails on a repeated hit. */
  async function all(query: Record<string, QueryValue | undefined>): Promise<any[]> {
    const hits: any[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ ...query, cursor });
      expect(res.status).toBe(200);
      hits.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor);
    expect(new Set(hits.map((x) => x.id)).size).toBe(hits.length);
    return hits;
  }

  const ids = (messages: SeededMessage[]) => messages.map((m) => m.id).sort();
  const hitIds = (hits: any[]) => hits.map((x) => x.id).sort();
  const byTime = (a: SeededMessage, b: SeededMessage) =>
    a.sentAt.getTime() - b.sentAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('finds a word that only an edited-away version holds, and highlights it there', async () => {
    const res = await search({ q: 'Quokka' });
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data).toEqual([
      {
        id: seed.editedAway.id,
        session_id: CHANNEL.id,
        session_type: 'Group',
        channel_id: CHANNEL.channel_id,
        sender: { member_id: TOM.sender_member_id, email: TOM.sender, display_name: 'Tom', external: false },
        sent_at: seed.editedAway.sentAt.toISOString(),
        current_text: 'please wire the funds to the new account',
        status: 'edited',
        matched_version: {
          kind: 'original',
          action_at: seed.editedAway.sentAt.toISOString(),
          text: 'please wire the funds to the quokka account',
          highlighted: 'please wire the funds to the <mark>quokka</mark> account',
        },
      },
    ]);
  });

  it('finds a word of a message that was deleted', async () => {
    const res = await search({ q: 'narwhal' });
    expect(res.body.data.map((x: any) => [x.id, x.status])).toEqual([[seed.deletedOne.id, 'deleted']]);
  });

  it('matches a quoted phrase only where the words stand together, unquoted words anywhere', async () => {
    const phrase = await all({ q: '"off the record"' });
    expect(hitIds(phrase)).toEqual([seed.deletedOne.id]);
    expect(phrase[0].matched_version.highlighted).toContain('<mark>off</mark> <mark>the</mark> <mark>record</mark>');
    const words = await all({ q: 'off the record' });
    const truth = seed.messages.filter((m) => ['off', 'the', 'record'].every((w) => hasWord(m, w)));
    expect(truth.length).toBe(2);
    expect(hitIds(words)).toEqual(ids(truth));
  });

  it('matches either side of OR', async () => {
    const hits = await all({ q: 'alpha or omega' });
    expect(hitIds(hits)).toEqual(ids(seed.messages.filter((m) => hasWord(m, 'alpha') || hasWord(m, 'omega'))));
    expect(hits).toHaveLength(2);
  });

  it('leaves out what -word excludes', async () => {
    const hits = await all({ q: 'budget -draft' });
    const truth = seed.messages.filter((m) => hasWord(m, 'budget') && !hasWord(m, 'draft'));
    expect(truth).toHaveLength(2);
    expect(hitIds(hits)).toEqual(ids(truth));
  });

  const filterCases: [string, Record<string, QueryValue>, (m: SeededMessage) => boolean][] = [
    ['sender by email, any case', { sender: 'ALICE@example.com' }, (m) => m.senderMemberId === ALICE.sender_member_id],
    ['sender by member id', { sender: JOHN.sender_member_id }, (m) => m.senderMemberId === JOHN.sender_member_id],
    ['sender external by member id', { sender: EXTERNAL_GUEST.sender_member_id }, (m) => m.external],
    ['session', { session: TRADING_DESK.id }, (m) => m.session === TRADING_DESK],
    ['channel', { channel: CHANNEL.channel_id! }, (m) => m.session === CHANNEL],
    ['session_type 1:1', { session_type: '1:1' }, (m) => m.session === ONE_TO_ONE || m.session === GUEST_DM],
    ['session_type Group', { session_type: 'Group' }, (m) => m.session === CHANNEL || m.session === TRADING_DESK],
    // John wrote in the channel and is a member of the 1:1 (member_emails).
    ['participant by email', { participant: JOHN.sender }, (m) => m.session === ONE_TO_ONE || m.session === CHANNEL],
    // Carol never wrote: she is a (since removed) member of the trading desk channel.
    ['participant by channel membership', { participant: CAROL.email }, (m) => m.session === TRADING_DESK],
    ['has_files', { has_files: true }, (m) => m.hasFiles],
    ['has_files=false', { has_files: false }, (m) => !m.hasFiles],
    ['edited', { edited: true }, (m) => m.edited],
    ['edited=false', { edited: false }, (m) => !m.edited],
    ['deleted', { deleted: true }, (m) => m.deleted],
    ['deleted=false', { deleted: false }, (m) => !m.deleted],
    ['external', { external: true }, (m) => m.external],
    ['bot', { bot: true }, (m) => m.bot],
    [
      'from/to',
      { from: '2026-11-02T09:40:00Z', to: '2026-11-02T09:50:00.135Z' },
      (m) => m.sentAt >= new Date('2026-11-02T09:40:00Z') && m.sentAt < new Date('2026-11-02T09:50:00.135Z'),
    ],
  ];

  it.each(filterCases)('filter %s narrows to exactly the seeded messages it describes', async (_name, query, keep) => {
    const truth = seed.messages.filter(keep);
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.length).toBeLessThan(seed.messages.length);
    expect(hitIds(await all({ ...query, limit: 7 }))).toEqual(ids(truth));
    const withText = seed.messages.filter((m) => keep(m) && hasWord(m, 'status'));
    expect(hitIds(await all({ ...query, q: 'status', limit: 7 }))).toEqual(ids(withText));
  });

  it('combines filters: all must hold', async () => {
    const hits = await all({ q: 'status', session_type: 'Group', edited: true, sender: TOM.sender });
    const truth = seed.messages.filter(
      (m) =>
        hasWord(m, 'status') && m.session.type === 'Group' && m.edited && m.senderMemberId === TOM.sender_member_id,
    );
    expect(hitIds(hits)).toEqual(ids(truth));
  });

  it.each(['newest', 'oldest'] as const)(
    'pages in %s order by (sent time, id), each hit exactly once, ties included',
    async (sort) => {
      const truth = seed.messages.filter((m) => hasWord(m, 'status')).sort(byTime);
      if (sort === 'newest') truth.reverse();
      const hits = await all({ q: 'status', sort, limit: 5 });
      expect(hits.map((x) => x.id)).toEqual(truth.map((m) => m.id));
      const everything = seed.messages.slice().sort(byTime);
      if (sort === 'newest') everything.reverse();
      expect((await all({ sort, limit: 4 })).map((x) => x.id)).toEqual(everything.map((m) => m.id));
    },
  );

  it('gives the same hits whichever plan finds them', async () => {
    const repository = new SearchRepository(h.db, new SearchStatisticsRepository(h.db));
    for (const [q, weaker] of [
      ['status', null],
      ['budget -draft', "'budget'"],
      ['"off the record"', "'off' & 'record'"],
      ['alpha or omega', null],
      ['-status', null],
    ] as const) {
      const tsquery = await repository.parseQuery(q);
      const run = (strategy: SearchStrategy, indexQuery: string | null) =>
        repository
          .page({ sort: 'newest', limit: 100 }, tsquery, { strategy, indexQuery })
          .then((rows) => rows.map((r) => r.id));
      const walked = await run('walk', null);
      expect(await run('index-first', null)).toEqual(walked);
      if (weaker) expect(await run('index-first', weaker)).toEqual(walked);
    }
  });

  it.each([
    ['q', { q: '!!! ... ---' }],
    ['cursor', { q: 'status', cursor: 'bm90LWEtY3Vyc29y' }],
    ['cursor', { q: 'status', cursor: 'not a cursor' }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 201 }],
    ['limit', { limit: '1e2' }],
    ['from', { from: 'yesterday' }],
    ['to', { from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' }],
    ['session_type', { session_type: 'channel' }],
    ['edited', { edited: 'yes' }],
    ['sort', { sort: 'relevance' }],
    ['unknown', { unknown: 'x' }],
  ])('answers 400 naming %s for %j', async (parameter, query) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(res.body.error.details.map((d: any) => d.parameter)).toContain(parameter);
    expect(res.body.request_id).toEqual(expect.any(String));
  });

  it('refuses a cursor of one sort order used with the other', async () => {
    const first = await search({ q: 'status', limit: 2, sort: 'newest' });
    const res = await search({ q: 'status', limit: 2, sort: 'oldest', cursor: first.body.next_cursor });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].parameter).toBe('cursor');
  });

  it('is for compliance officers and admins: auditors get 403, no key 401', async () => {
    expect((await search({ q: 'status' }, h.keys.admin)).status).toBe(200);
    expect((await search({ q: 'status' }, h.keys.auditor)).status).toBe(403);
    expect((await h.request('GET', SEARCH, { query: { q: 'status' } })).status).toBe(401);
  });

  it('records each search in the audit log with its query and result count', async () => {
    const res = await h.request('GET', SEARCH, {
      key: h.keys.compliance_officer,
      query: { q: 'budget -draft', external: 'true' },
      headers: { 'x-request-id': 'search-audit-1' },
    });
    expect(res.status).toBe(200);
    const [entry] = await h.db.query(
      `SELECT action, role, query, result_count, status_code FROM audit_log WHERE request_id = 'search-audit-1'`,
    );
    expect(entry).toEqual({
      action: 'message.search',
      role: 'compliance_officer',
      query: { q: 'budget -draft', external: 'true' },
      result_count: res.body.data.length,
      status_code: 200,
    });
  });
});
