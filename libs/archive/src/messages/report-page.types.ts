import type { ZoomReaction } from './canonical-reactions.util.js';

/** A row of `messages[]`, `edited_messages[]` or `deleted_messages[]` in the chat message report (#1). */
export interface ZoomReportMessage {
  id: string;
  message?: string;
  date_time?: string;
  timestamp?: number;
  action_timestamp?: number;
  sender?: string;
  sender_member_id?: string;
  sender_display_name?: string;
  receiver?: string;
  is_sender_external?: boolean;
  reply_main_message_id?: string;
  reply_main_message_timestamp?: number;
  forward_id?: string;
  files?: { download_url?: string; file_id: string; file_name?: string; file_size?: number }[];
  rich_text?: unknown[];
  giphy_information?: unknown[];
  reactions?: ZoomReaction[];
  bot_message?: unknown;
  [k: string]: unknown;
}

/** A session of the sessions report (#2). */
export interface ReportSessionInput {
  id: string;
  type: string;
  name?: string;
  channel_id?: string;
  status?: string;
  has_external_member?: boolean;
  member_emails?: string[];
  last_message_sent_time?: string;
}

/** One page of the message report of one session, as fetched. */
export interface ReportPageInput {
  accountId: string;
  session: ReportSessionInput;
  runId: string | null;
  /** When the page was fetched from Zoom. */
  observedAt: Date;
  messages: ZoomReportMessage[];
  edited: ZoomReportMessage[];
  deleted: ZoomReportMessage[];
}

export interface NewFile {
  fileId: string;
  messageId: string;
  downloadUrl: string;
  fileName: string;
  fileSize: number;
}

export interface ReportPageResult {
  /** Distinct messages on the page. */
  messages: number;
  /** Versions not seen before; 0 when the page is a replay. */
  versionsAdded: number;
  /** Files seen for the first time, now pending download. */
  files: NewFile[];
}
