import { API_PREFIX } from '../common/api-prefix.constants.js';
import { messageStatus } from './message-status.util.js';
import type { MessageDetailDto, MessageFileDto, MessageSummaryDto } from './message-detail.dto.js';
import type { FileRow, MessageRow, MessageSummaryRow, ReactionRow, VersionRow } from './messages.repository.js';

/** Pure mapping from the rows of MessagesRepository to the API's message JSON. */
export function toMessageDetail(parts: {
  message: MessageRow;
  versions: VersionRow[];
  reactions: ReactionRow | null;
  files: FileRow[];
  parent: MessageSummaryRow | null;
  replies: MessageSummaryRow[];
  replyCount: number;
}): MessageDetailDto {
  const m = parts.message;
  return {
    id: m.id,
    zoom_id: m.zoom_id,
    account_id: m.account_id,
    session_id: m.session_id,
    session_type: m.session_type,
    session_name: m.session_name,
    channel_id: m.channel_id,
    sender: sender(m),
    receiver: m.receiver,
    is_bot: m.is_bot,
    sent_at: m.sent_at.toISOString(),
    reply_main_message_id: m.reply_main_message_id,
    forward_id: m.forward_id,
    current_text: m.current_text,
    original_text: m.original_text,
    status: messageStatus(m),
    edit_count: m.edit_count,
    deleted_at: m.deleted_at?.toISOString() ?? null,
    has_files: m.has_files,
    first_observed_at: m.first_observed_at.toISOString(),
    last_observed_at: m.last_observed_at.toISOString(),
    versions: parts.versions.map((v) => ({
      kind: v.kind,
      action_at: v.action_at.toISOString(),
      observed_at: v.observed_at.toISOString(),
      text: v.text,
      files: Array.isArray(v.files) ? v.files : [],
      sha256: v.sha256,
    })),
    reactions: parts.reactions
      ? {
          items: parts.reactions.reactions,
          observed_at: parts.reactions.observed_at.toISOString(),
          sha256: parts.reactions.sha256,
        }
      : null,
    files: parts.files.map((f) => toFile(m.id, f)),
    thread: {
      parent: parts.parent ? toSummary(parts.parent) : null,
      replies: parts.replies.map(toSummary),
      reply_count: parts.replyCount,
    },
  };
}

export function downloadPath(messageId: string, fileId: string): string {
  return `/${API_PREFIX}/messages/${encodeURIComponent(messageId)}/files/${encodeURIComponent(fileId)}`;
}

function toFile(messageId: string, f: FileRow): MessageFileDto {
  const stored = f.status === 'stored' && f.content_sha256 !== null;
  return {
    file_id: f.file_id,
    file_name: f.file_name,
    file_size: f.file_size,
    status: f.status ?? 'unknown',
    content_sha256: f.content_sha256,
    warning: f.warning,
    download: stored ? downloadPath(messageId, f.file_id) : null,
  };
}

export function toSummary(m: MessageSummaryRow): MessageSummaryDto {
  return {
    id: m.id,
    sender: sender(m),
    sent_at: m.sent_at.toISOString(),
    current_text: m.current_text,
    status: messageStatus(m),
  };
}

function sender(
  m: Pick<MessageRow, 'sender_member_id' | 'sender_email' | 'sender_display_name' | 'is_sender_external'>,
) {
  return {
    member_id: m.sender_member_id,
    email: m.sender_email,
    display_name: m.sender_display_name,
    external: m.is_sender_external,
  };
}
