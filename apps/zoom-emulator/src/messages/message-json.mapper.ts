import { fileJson } from '../files/file-json.util.js';
import { isoSeconds } from '../gateway/params.util.js';
import type { MessageView } from '../tenant/tenant.service.js';
import type { FileRef, TenantUser } from '../tenant/tenant-model.js';

/** What the mapping needs besides the message: the people (by idx) and the base of download links. */
export interface MessageJsonContext {
  readonly users: readonly TenantUser[];
  readonly publicUrl: string;
}

type Json = Record<string, unknown>;

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'jpg_image_file',
  jpeg: 'jpg_image_file',
  png: 'png_image_file',
  gif: 'gif_file',
};
const AUDIO = new Set(['mp3', 'm4a', 'wav', 'aac', 'ogg', 'amr', 'flac']);
const VIDEO = new Set(['mp4', 'mov', 'avi', 'mkv', 'webm', 'wmv']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Zoom classifies a message by its first file, and by text beside files (REFERENCE §3 #15 `message_type`). */
export function messageType(text: string, files: readonly FileRef[], giphy: readonly string[]): string {
  if (files.length === 0) return giphy.length > 0 ? 'giphy_file' : 'plain_text_message';
  if (text.trim() !== '') return 'file_and_text';
  const ext = extensionOf(files[0].fileName);
  if (IMAGE_TYPES[ext]) return IMAGE_TYPES[ext];
  if (AUDIO.has(ext)) return 'audio_file';
  if (VIDEO.has(ext)) return 'video_file';
  return 'others';
}

export function messageStatus(view: MessageView): 'Normal' | 'Edited' | 'Deleted' {
  if (view.deleted) return 'Deleted';
  return view.versions.some((v) => v.kind === 'edited') ? 'Edited' : 'Normal';
}

function filesJson(view: MessageView, publicUrl: string): Json {
  const files = view.current.files.map((ref) => fileJson(ref, view.message.id, publicUrl));
  if (files.length === 0) return {};
  // The first file is repeated at the top level, as Zoom does for single-file messages.
  return { files, ...files[0] };
}

/** Names of people outside the account who are not contacts stay hidden, like their email (§7.2). */
function displayName(user: TenantUser): string {
  return user.external && !user.contact ? '' : user.displayName;
}

/** Fields #12 and #15 share. `send_member_id` is the OpenAPI spelling, `sender_member_id` the changelog's (§7.1). */
function baseJson(view: MessageView, ctx: MessageJsonContext): Json {
  const m = view.message;
  const sender = ctx.users[m.senderIdx];
  const json: Json = {
    id: m.id,
    message: view.current.text,
    date_time: isoSeconds(m.timestamp),
    timestamp: m.timestamp,
    sender: sender.email,
    sender_member_id: sender.memberId,
    send_member_id: sender.memberId,
    sender_display_name: displayName(sender),
    message_type: messageType(view.current.text, view.current.files, m.giphy),
    ...filesJson(view, ctx.publicUrl),
  };
  if (m.replyTo) {
    json.reply_main_message_id = m.replyTo.id;
    json.reply_main_message_timestamp = m.replyTo.timestamp;
  }
  if (m.richText.length > 0) json.rich_text = m.richText.map((r) => ({ ...r }));
  if (m.atItems.length > 0) json.at_items = m.atItems.map((a) => ({ ...a }));
  if (m.bot) json.bot_message = { ...m.bot };
  return json;
}

/** An item of #15; reactions name their senders, and `status` only when edits and deletions were asked for. */
export function messageListItemJson(view: MessageView, ctx: MessageJsonContext, withStatus: boolean): Json {
  const json = baseJson(view, ctx);
  if (view.reactions.length > 0) {
    json.reactions = view.reactions.map((r) => ({
      emoji: r.emoji,
      total_count: r.users.length,
      senders: r.users.map((idx) => ({ user_id: ctx.users[idx].id, member_id: ctx.users[idx].memberId })),
    }));
  }
  if (withStatus) json.status = messageStatus(view);
  return json;
}

/** The body of #12: reactions as id lists (other accounts' user ids left out, §7.2-3) and a `message_url`. */
export function messageDetailJson(view: MessageView, ctx: MessageJsonContext, messageUrl: string): Json {
  const json = baseJson(view, ctx);
  if (view.reactions.length > 0) {
    json.reactions = view.reactions.map((r) => ({
      emoji: r.emoji,
      total_count: r.users.length,
      user_ids: r.users.map((idx) => ctx.users[idx].id).filter((id) => id !== ''),
      member_ids: r.users.map((idx) => ctx.users[idx].memberId),
    }));
  }
  json.message_url = messageUrl;
  return json;
}

/**
 * A client launch link shaped like Zoom's: base64 of `{mid, sid}` where sid is the conversation's
 * XMPP address (REFERENCE §1.4: channel jid `<channelId>@conference.xmpp.zoom.us`).
 */
export function messageUrl(messageId: string, conversationJid: string): string {
  const payload = Buffer.from(JSON.stringify({ mid: messageId.replace(/[{}]/g, ''), sid: conversationJid }));
  return `https://zoom.us/launch/chat/v2/${payload.toString('base64url')}`;
}
