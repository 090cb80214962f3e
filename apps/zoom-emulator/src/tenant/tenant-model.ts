/** The tenant's in-memory shapes. Messages are not held: see message.generator.ts. */

export interface TenantUser {
  readonly idx: number;
  /** Empty for users outside the account, as Zoom anonymises them (REFERENCE §7.2). */
  readonly id: string;
  /** The real id, used internally and by the ground truth even for external users. */
  readonly internalId: string;
  readonly memberId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
  readonly external: boolean;
  /** External users who are contacts keep their email and names visible. */
  readonly contact: boolean;
  readonly dept: string;
  readonly jobTitle: string;
  readonly location: string;
  readonly phoneNumber: string;
  readonly presence: 'Do_Not_Disturb' | 'Away' | 'Available' | 'Offline';
  readonly status: 'active' | 'inactive';
  readonly isBot: boolean;
}

export type MemberRole = 'owner' | 'admin' | 'member';

export interface ChannelSettings {
  add_member_permissions: 1 | 2;
  new_members_can_see_previous_messages_files: boolean;
  posting_permissions: 1 | 2 | 3;
  mention_all_permissions: 1 | 2 | 3;
  allow_to_add_external_users: 0 | 1 | 2 | 3;
  designated_posting_members: { member_id: string; user_id: string }[];
}

export interface TenantChannel {
  readonly idx: number;
  readonly id: string;
  name: string;
  type: 1 | 2 | 3 | 4 | 5;
  /** user idx → role; insertion order is join order. */
  readonly members: Map<number, MemberRole>;
  settings: ChannelSettings;
  deleted: boolean;
  readonly createdAt: number;
  readonly sessionIdx: number;
}

export interface TenantSession {
  readonly idx: number;
  /** 64 hex characters, as in Zoom's report. */
  readonly id: string;
  readonly kind: 'channel' | 'oneToOne';
  readonly channelIdx: number;
  /** For 1:1 sessions: the two participants (user idx). */
  readonly peers: readonly [number, number] | null;
  /** Mean messages per weekday; 0 for sessions created through the API (only sent messages). */
  readonly rate: number;
  /** Messages stay hidden before this (sessions created later in the tenant's life). */
  readonly createdAt: number;
  /** Braces around message ids, as some real payloads carry them (REFERENCE §1.4). */
  readonly bracedIds: boolean;
}

export interface FileRef {
  readonly fileId: string;
  readonly fileName: string;
  readonly fileSize: number;
}

export interface RichTextItem {
  start_position: number;
  end_position: number;
  format_type: string;
  format_attr?: string;
}

export interface AtItem {
  at_contact: string;
  at_contact_member_id: string;
  at_type: 1 | 2;
  start_position: number;
  end_position: number;
}

export interface BotMessage {
  is_markdown_support: boolean;
  source: string;
  external_sender_email: string;
  content: Record<string, unknown>;
}

export interface MessageVersion {
  readonly kind: 'original' | 'edited' | 'deleted';
  readonly text: string;
  /** Epoch ms of the send, edit or deletion. */
  readonly at: number;
  readonly files: readonly FileRef[];
}

export interface Reaction {
  readonly emoji: string;
  /** user idx of the people who reacted. */
  readonly users: readonly number[];
}

/** One message with its whole life; `versions[0]` is the original. Visibility is applied by the caller. */
export interface TenantMessage {
  readonly id: string;
  readonly sessionIdx: number;
  readonly senderIdx: number;
  readonly timestamp: number;
  readonly receiverIdx: number | null;
  readonly replyTo: { id: string; timestamp: number } | null;
  readonly forwardId: string | null;
  readonly richText: readonly RichTextItem[];
  readonly atItems: readonly AtItem[];
  readonly giphy: readonly string[];
  readonly bot: BotMessage | null;
  readonly versions: readonly MessageVersion[];
  readonly reactions: readonly Reaction[];
}
