import { keysetSql, messageFilterSql, orderSql } from './message-filters.util.js';
import { SqlParams } from './sql-params.util.js';

describe('messageFilterSql', () => {
  it('writes every filter as a parameterised condition', () => {
    const params = new SqlParams();
    const where = messageFilterSql(
      {
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
        senderIds: ['m1', 'm2'],
        sessionIds: ['s1'],
        sessionType: '1:1',
        hasFiles: true,
        edited: false,
        deleted: true,
        external: false,
        bot: true,
      },
      params,
    );
    expect(where).toEqual([
      'm.sent_at >= $1::timestamptz',
      'm.sent_at < $2::timestamptz',
      'm.sender_member_id = ANY($3::text[])',
      'm.session_id = $4',
      'm.session_id IN (SELECT s.id FROM chat_sessions s WHERE s.type = $5)',
      'm.has_files',
      'm.edit_count = 0',
      'm.deleted_at IS NOT NULL',
      'NOT m.is_sender_external',
      'm.is_bot',
    ]);
    expect(params.values).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', ['m1', 'm2'], 's1', '1:1']);
  });

  it('keeps user text out of the statement, whatever it holds', () => {
    const params = new SqlParams();
    const where = messageFilterSql({ senderIds: ["x'; DROP TABLE messages; --"] }, params);
    expect(where).toEqual(['m.sender_member_id = $1']);
    expect(params.values).toEqual(["x'; DROP TABLE messages; --"]);
  });

  it('adds nothing without filters', () => {
    expect(messageFilterSql({}, new SqlParams())).toEqual([]);
  });
});

describe('keysetSql and orderSql', () => {
  it('continue after the cursor in either direction of (sent_at, id)', () => {
    const params = new SqlParams();
    const after = { sentAt: '2026-11-17T08:01:00.135000Z', id: 'ABC' };
    expect(keysetSql('newest', after, params)).toEqual(['(m.sent_at, m.id) < ($1::timestamptz, $2)']);
    expect(keysetSql('oldest', after, params)).toEqual(['(m.sent_at, m.id) > ($3::timestamptz, $4)']);
    expect(keysetSql('newest', undefined, params)).toEqual([]);
    expect(orderSql('newest')).toBe('m.sent_at DESC, m.id DESC');
    expect(orderSql('oldest')).toBe('m.sent_at ASC, m.id ASC');
  });
});
