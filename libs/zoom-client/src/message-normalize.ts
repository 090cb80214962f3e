import type { ResponseOf } from './operation-types.js';

/** A #12 / #15 message with `sender_member_id` however Zoom spelled it. */
export type WithSenderMemberId<T> = T & { sender_member_id?: string };

type ListedMessages = NonNullable<ResponseOf<'getChatMessages'>['messages']>;
export type ChatMessageItem = WithSenderMemberId<ListedMessages[number]>;
export type ChatMessagesPage = Omit<ResponseOf<'getChatMessages'>, 'messages'> & { messages?: ChatMessageItem[] };
export type ChatMessage = WithSenderMemberId<ResponseOf<'getChatMessage'>>;

/**
 * #12 and #15 name the field `send_member_id` in Zoom's spec while the report API and Zoom's 2023
 * changelog say `sender_member_id` (REFERENCE.md §7.1); either is read into `sender_member_id`.
 */
export function withSenderMemberId<T extends object>(message: T): WithSenderMemberId<T> {
  const { sender_member_id: sender, send_member_id: send } = message as {
    sender_member_id?: unknown;
    send_member_id?: unknown;
  };
  const value = typeof sender === 'string' && sender !== '' ? sender : send;
  return typeof value === 'string' ? { ...message, sender_member_id: value } : message;
}

export function normalizeMessagesPage<P extends { messages?: object[] }>(page: P): P {
  return page.messages ? { ...page, messages: page.messages.map(withSenderMemberId) } : page;
}
