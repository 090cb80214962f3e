import { ApiError } from '../common/api.error.js';
import { encodeCursor } from '../common/cursor.util.js';
import type { SearchMessagesQueryDto } from './search-messages-query.dto.js';
import type { ResolvedFilters, SearchQuery } from './search-query.js';
import type { SearchEstimate, SearchPlan } from './search-strategy.util.js';
import type { SearchRepository, SearchRow } from './search.repository.js';
import { SearchService } from './search.service.js';

function row(n: number, overrides: Partial<SearchRow> = {}): SearchRow {
  return {
    id: `MSG-${n}`,
    session_id: 'S1',
    session_type: 'Group',
    channel_id: 'C1',
    sender_member_id: 'M1',
    sender_email: 'tom@example.com',
    sender_display_name: 'Tom',
    is_sender_external: false,
    sent_at: new Date(Date.UTC(2026, 10, 17, 8, 0, n)),
    sent_key: `2026-11-17T08:00:${String(n).padStart(2, '0')}.000000Z`,
    current_text: `text ${n}`,
    edit_count: 0,
    deleted_at: null,
    matched_kind: 'original',
    matched_action_at: new Date(Date.UTC(2026, 10, 17, 8, 0, n)),
    matched_text: `text ${n}`,
    matched_highlighted: `<mark>text</mark> ${n}`,
    ...overrides,
  };
}

/** A repository that answers from memory and records what the service asked for. */
class FakeSearchRepository {
  tsquery = "'wire'";
  estimateResult: SearchEstimate = { matches: 10, filtered: 1_000, total: 1_000 };
  senders: string[] = ['M1'];
  participants: string[] = ['S1', 'S2'];
  channels: string[] = ['S2', 'S3'];
  rows: SearchRow[] = [];
  pages: { query: SearchQuery & ResolvedFilters; tsquery: string; plan: SearchPlan }[] = [];

  parseQuery = (q: string) => Promise.resolve(q.trim() === '!!!' ? '' : this.tsquery);
  senderIds = () => Promise.resolve(this.senders);
  participantSessions = () => Promise.resolve(this.participants);
  channelSessions = () => Promise.resolve(this.channels);
  estimate = () => Promise.resolve({ ...this.estimateResult, indexQuery: "'wire'" });
  page = (query: SearchQuery & ResolvedFilters, tsquery: string, plan: SearchPlan) => {
    this.pages.push({ query, tsquery, plan });
    return Promise.resolve(this.rows.slice(0, query.limit + 1));
  };
}

function setup() {
  const repository = new FakeSearchRepository();
  const service = new SearchService(repository as unknown as SearchRepository);
  return { repository, service };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('SearchService', () => {
  it('refuses a q with nothing searchable in it, naming q', async () => {
    const { service } = setup();
    const error = await rejection(service.search({ q: '!!!' } as SearchMessagesQueryDto));
    expect(error.getStatus()).toBe(400);
    expect(error.details).toEqual([{ parameter: 'q', message: expect.stringContaining('searchable') }]);
  });

  it('pages with an opaque cursor that continues after the last hit', async () => {
    const { repository, service } = setup();
    repository.rows = [row(1), row(2), row(3)];
    const first = await service.search({ q: 'wire', limit: 2 } as SearchMessagesQueryDto);
    expect(first.data.map((h) => h.id)).toEqual(['MSG-1', 'MSG-2']);
    expect(first.next_cursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
    await service.search({ q: 'wire', limit: 2, cursor: first.next_cursor! } as SearchMessagesQueryDto);
    expect(repository.pages[1].query.after).toEqual({ sentAt: '2026-11-17T08:00:02.000000Z', id: 'MSG-2' });
  });

  it('ends with a null cursor when no further row exists', async () => {
    const { repository, service } = setup();
    repository.rows = [row(1)];
    expect((await service.search({ q: 'wire', limit: 2 } as SearchMessagesQueryDto)).next_cursor).toBeNull();
  });

  it.each([
    ['garbage', 'not-base64!'],
    ['valid base64, not JSON', Buffer.from('hello').toString('base64url')],
    ['another list’s cursor', encodeCursor({ k: 'sessions', t: '', id: 'S1' })],
    ['a forged timestamp', encodeCursor({ k: 'search', s: 'newest', t: "2026-01-01'; --", id: 'X' })],
    ['an extra field', encodeCursor({ k: 'search', s: 'newest', t: '2026-11-17T08:00:02.000000Z', id: 'X', z: 1 })],
  ])('refuses %s as a cursor with a 400 naming cursor', async (_label, cursor) => {
    const { repository, service } = setup();
    const error = await rejection(service.search({ q: 'wire', cursor } as SearchMessagesQueryDto));
    expect(error.getStatus()).toBe(400);
    expect(error.details[0].parameter).toBe('cursor');
    expect(repository.pages).toEqual([]);
  });

  it('refuses a cursor of the other sort order', async () => {
    const { service } = setup();
    const cursor = encodeCursor({ k: 'search', s: 'newest', t: '2026-11-17T08:00:02.000000Z', id: 'X' });
    const error = await rejection(service.search({ q: 'wire', sort: 'oldest', cursor } as SearchMessagesQueryDto));
    expect(error.details[0].parameter).toBe('cursor');
  });

  it('refuses a range that ends before it starts, naming to', async () => {
    const { service } = setup();
    const error = await rejection(
      service.search({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } as SearchMessagesQueryDto),
    );
    expect(error.details[0].parameter).toBe('to');
  });

  it('finds nothing, without searching, for a sender nobody is', async () => {
    const { repository, service } = setup();
    repository.senders = [];
    const result = await service.search({ q: 'wire', sender: 'nobody@example.com' } as SearchMessagesQueryDto);
    expect(result).toEqual({ data: [], next_cursor: null });
    expect(repository.pages).toEqual([]);
  });

  it('narrows to the sessions every conversation filter allows', async () => {
    const { repository, service } = setup();
    await service.search({ participant: 'tom@example.com', channel: 'C1' } as SearchMessagesQueryDto);
    expect(repository.pages[0].query.sessionIds).toEqual(['S2']);
    expect(repository.pages[0].plan).toEqual({ strategy: 'walk', indexQuery: null });
    expect(repository.pages[0].tsquery).toBe('');
  });

  it('picks the strategy from the estimates: index for rare terms, walk for common ones', async () => {
    const { repository, service } = setup();
    repository.estimateResult = { matches: 30, filtered: 5_000_000, total: 5_000_000 };
    expect((await service.run({ q: 'rare', sort: 'newest', limit: 50 })).strategy).toBe('index-first');
    expect(repository.pages[0].plan).toEqual({ strategy: 'index-first', indexQuery: "'wire'" });
    repository.estimateResult = { matches: 900_000, filtered: 5_000_000, total: 5_000_000 };
    expect((await service.run({ q: 'the', sort: 'newest', limit: 50 })).strategy).toBe('walk');
  });

  it('maps rows to hits with status and the matched version', async () => {
    const { repository, service } = setup();
    repository.rows = [
      row(1, { deleted_at: new Date('2026-11-18T00:00:00Z'), edit_count: 1 }),
      row(2, { edit_count: 2, matched_kind: 'edited' }),
      row(3, { matched_kind: null, matched_action_at: null, matched_text: null, matched_highlighted: null }),
    ];
    const { data } = await service.search({ q: 'wire' } as SearchMessagesQueryDto);
    expect(data.map((h) => h.status)).toEqual(['deleted', 'edited', 'active']);
    expect(data[0]).toEqual({
      id: 'MSG-1',
      session_id: 'S1',
      session_type: 'Group',
      channel_id: 'C1',
      sender: { member_id: 'M1', email: 'tom@example.com', display_name: 'Tom', external: false },
      sent_at: '2026-11-17T08:00:01.000Z',
      current_text: 'text 1',
      status: 'deleted',
      matched_version: {
        kind: 'original',
        action_at: '2026-11-17T08:00:01.000Z',
        text: 'text 1',
        highlighted: '<mark>text</mark> 1',
      },
    });
    expect(data[2].matched_version).toBeNull();
  });
});
