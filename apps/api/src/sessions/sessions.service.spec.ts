import { ApiError } from '../common/api.error.js';
import type { SearchRepository } from '../search/search.repository.js';
import type { ListSessionsQueryDto } from './list-sessions-query.dto.js';
import type { SessionFilter, SessionRow, SessionsRepository, TranscriptRow } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const session = (id: string, last: string | null): SessionRow => ({
  id,
  account_id: 'A',
  type: 'Group',
  name: id,
  channel_id: null,
  status: null,
  has_external_member: false,
  member_emails: ['a@example.com', 42],
  last_message_sent_at: last ? new Date(last) : null,
  last_key: last ? last.replace('Z', '000Z') : null,
  first_seen_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-01T00:00:00Z'),
});

class FakeSessions {
  rows: SessionRow[] = [];
  transcriptRows: TranscriptRow[] = [];
  known = true;
  calls: { filter: SessionFilter; after: unknown }[] = [];
  list = (filter: SessionFilter, after: unknown, limit: number) => {
    this.calls.push({ filter, after });
    return Promise.resolve(this.rows.slice(0, limit));
  };
  exists = () => Promise.resolve(this.known);
  transcript = () => Promise.resolve(this.transcriptRows);
}

function setup(participants: string[] = ['S9']) {
  const sessions = new FakeSessions();
  const search = { participantSessions: () => Promise.resolve(participants) };
  const service = new SessionsService(sessions as unknown as SessionsRepository, search as unknown as SearchRepository);
  return { sessions, service };
}

describe('SessionsService', () => {
  it('continues past sessions that never had a message time', async () => {
    const { sessions, service } = setup();
    sessions.rows = [session('S2', '2026-11-17T08:00:00.000Z'), session('S1', null), session('S0', null)];
    const first = await service.list({ limit: 2 } as ListSessionsQueryDto);
    expect(first.data.map((s) => s.id)).toEqual(['S2', 'S1']);
    expect(first.data[0].member_emails).toEqual(['a@example.com']);
    await service.list({ limit: 2, cursor: first.next_cursor! } as ListSessionsQueryDto);
    expect(sessions.calls[1].after).toEqual({ t: null, id: 'S1' });
  });

  it('finds no session for a participant in none, without listing', async () => {
    const { sessions, service } = setup([]);
    expect(await service.list({ participant: 'x@example.com' } as ListSessionsQueryDto)).toEqual({
      data: [],
      next_cursor: null,
    });
    expect(sessions.calls).toEqual([]);
  });

  it('answers 404 for the transcript of an unknown session', async () => {
    const { sessions, service } = setup();
    sessions.known = false;
    await expect(service.transcript('nope', {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.transcript('nope', {})).rejects.toBeInstanceOf(ApiError);
  });
});
