import { downloadPath, toMessageDetail } from './message-detail.mapper.js';
import type { MessageRow } from './messages.repository.js';

const message: MessageRow = {
  id: '7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8',
  zoom_id: '{7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8}',
  account_id: 'AbC123',
  session_id: 'S1',
  session_type: 'Group',
  session_name: 'Channel One',
  channel_id: 'C1',
  sender_member_id: 'M1',
  sender_email: 'tom@example.com',
  sender_display_name: 'Tom',
  is_sender_external: false,
  is_bot: false,
  receiver: null,
  sent_at: new Date('2026-11-17T08:00:00.135Z'),
  reply_main_message_id: null,
  forward_id: null,
  current_text: 'Wire 45k',
  original_text: 'Wire 40k',
  version_count: 2,
  edit_count: 1,
  deleted_at: null,
  has_files: true,
  first_observed_at: new Date('2026-11-18T00:00:00Z'),
  last_observed_at: new Date('2026-11-19T00:00:00Z'),
};

describe('toMessageDetail', () => {
  it('offers a download only for stored bytes, by an API path that escapes the ids', () => {
    const detail = toMessageDetail({
      message,
      versions: [],
      reactions: null,
      parent: null,
      replies: [],
      replyCount: 0,
      files: [
        {
          file_id: 'f/1',
          file_name: 'a.pdf',
          file_size: 10,
          status: 'stored',
          content_sha256: 'ab'.repeat(32),
          warning: null,
        },
        { file_id: 'f2', file_name: 'b.pdf', file_size: 10, status: 'too_large', content_sha256: null, warning: 'big' },
        { file_id: 'f3', file_name: 'c.pdf', file_size: null, status: null, content_sha256: null, warning: null },
      ],
    });
    expect(detail.files.map((f) => [f.status, f.download])).toEqual([
      ['stored', `/api/v1/messages/${message.id}/files/f%2F1`],
      ['too_large', null],
      ['unknown', null],
    ]);
    expect(downloadPath('A', 'b c')).toBe('/api/v1/messages/A/files/b%20c');
  });

  it('reports an edited message as edited and a deleted one as deleted', () => {
    const base = { versions: [], reactions: null, files: [], parent: null, replies: [], replyCount: 0 };
    expect(toMessageDetail({ ...base, message }).status).toBe('edited');
    const deleted = { ...message, deleted_at: new Date('2026-11-18T10:00:00Z') };
    expect(toMessageDetail({ ...base, message: deleted })).toMatchObject({
      status: 'deleted',
      deleted_at: '2026-11-18T10:00:00.000Z',
    });
  });
});
