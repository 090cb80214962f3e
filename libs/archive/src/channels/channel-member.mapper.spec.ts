import { mapChannel, mapChannelMembers } from './channel-member.mapper.js';

describe('mapChannelMembers', () => {
  it('keys members on member_id and keeps what Zoom says of each', () => {
    const { rows, unkeyed } = mapChannelMembers([
      {
        id: 'u1',
        member_id: 'm1',
        email: 'Ann@Example.com',
        first_name: 'Ann',
        last_name: 'Lee',
        name: 'Ann Lee',
        role: 'owner',
        is_external: false,
      },
      { id: '', member_id: 'm2', email: '', name: '', role: 'member', is_external: true },
    ]);
    expect(unkeyed).toBe(0);
    expect(rows).toEqual([
      {
        memberId: 'm1',
        userId: 'u1',
        email: 'Ann@Example.com',
        displayName: 'Ann Lee',
        role: 'owner',
        isExternal: false,
      },
      { memberId: 'm2', userId: '', email: '', displayName: '', role: 'member', isExternal: true },
    ]);
  });

  it('falls back to first and last names, the user id as key, and role member', () => {
    const { rows } = mapChannelMembers([{ id: 'u3', first_name: 'Bo', last_name: 'Kim' }]);
    expect(rows).toEqual([
      { memberId: 'u3', userId: 'u3', email: '', displayName: 'Bo Kim', role: 'member', isExternal: false },
    ]);
  });

  it('counts members without any id instead of writing them, and keeps one row per member', () => {
    const { rows, unkeyed } = mapChannelMembers([
      { email: 'ghost@example.com' },
      { member_id: 'm1', role: 'member' },
      { member_id: 'm1', role: 'admin' },
    ]);
    expect(unkeyed).toBe(1);
    expect(rows.map((r) => [r.memberId, r.role])).toEqual([['m1', 'admin']]);
  });
});

describe('mapChannel', () => {
  it('takes name, type and settings; the id is the one asked for', () => {
    expect(
      mapChannel('c1', { id: 'c1', name: 'Trading desk', type: 3, channel_settings: { posting_permissions: 1 } }),
    ).toEqual({ id: 'c1', name: 'Trading desk', type: 3, settings: { posting_permissions: 1 } });
    expect(mapChannel('c2', {})).toEqual({ id: 'c2', name: '', type: null, settings: null });
  });
});
