export type MessageStatus = 'active' | 'edited' | 'deleted';

/** A deletion outranks edits: a reviewer must see first that the sender took the message back. */
export function messageStatus(m: { deleted_at: Date | null; edit_count: number }): MessageStatus {
  if (m.deleted_at) return 'deleted';
  return m.edit_count > 0 ? 'edited' : 'active';
}
