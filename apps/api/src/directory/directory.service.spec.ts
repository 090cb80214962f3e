import type { ListUsersQueryDto } from './list-users-query.dto.js';
import type { DirectoryRepository, TextPosition, UserRow } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';
import { encodeCursor } from '../common/cursor.util.js';

const user = (memberId: string, email: string): UserRow => ({
  member_id: memberId,
  user_id: '',
  email,
  display_name: '',
  is_external: email === '',
  first_seen_at: new Date('2026-01-01T00:00:00Z'),
  last_seen_at: new Date('2026-01-02T00:00:00Z'),
});

describe('DirectoryService.users', () => {
  it('pages by (email, member id), also across anonymised people with empty emails', async () => {
    const afters: (TextPosition | undefined)[] = [];
    const rows = [user('M1', ''), user('M2', ''), user('M3', 'a@example.com')];
    const repository = {
      users: (_filter: unknown, after: TextPosition | undefined, limit: number) => {
        afters.push(after);
        return Promise.resolve(rows.slice(0, limit));
      },
    };
    const service = new DirectoryService(repository as unknown as DirectoryRepository);
    const first = await service.users({ limit: 2 } as ListUsersQueryDto);
    expect(first.data.map((u) => [u.member_id, u.external])).toEqual([
      ['M1', true],
      ['M2', true],
    ]);
    await service.users({ limit: 2, cursor: first.next_cursor! } as ListUsersQueryDto);
    expect(afters[1]).toEqual({ text: '', id: 'M2' });
  });

  it('refuses a channels cursor on the users list', async () => {
    const service = new DirectoryService({} as DirectoryRepository);
    const cursor = encodeCursor({ k: 'channels', x: 'general', id: 'C1' });
    await expect(service.users({ cursor } as ListUsersQueryDto)).rejects.toMatchObject({
      details: [{ parameter: 'cursor', message: expect.any(String) }],
    });
  });
});
