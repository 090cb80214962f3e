import { normalizeMessagesPage, withSenderMemberId } from './message-normalize.js';

describe('sender_member_id', () => {
  it("reads #12/#15's send_member_id", () => {
    expect(withSenderMemberId({ id: 'm', send_member_id: 'M1' })).toEqual({
      id: 'm',
      send_member_id: 'M1',
      sender_member_id: 'M1',
    });
  });

  it('keeps sender_member_id when Zoom already sends it', () => {
    expect(withSenderMemberId({ sender_member_id: 'M2' })).toEqual({ sender_member_id: 'M2' });
    expect(withSenderMemberId({ sender_member_id: 'M2', send_member_id: 'M3' }).sender_member_id).toBe('M2');
  });

  it('falls back to send_member_id when sender_member_id is empty, and adds nothing when both are absent', () => {
    expect(withSenderMemberId({ sender_member_id: '', send_member_id: 'M4' }).sender_member_id).toBe('M4');
    expect(withSenderMemberId({ id: 'm' })).toEqual({ id: 'm' });
  });

  it('normalises every message of a page', () => {
    const page = normalizeMessagesPage({
      next_page_token: '',
      messages: [{ send_member_id: 'A' }, { sender_member_id: 'B' }],
    });
    expect(page.messages.map((m) => (m as { sender_member_id?: string }).sender_member_id)).toEqual(['A', 'B']);
  });
});
