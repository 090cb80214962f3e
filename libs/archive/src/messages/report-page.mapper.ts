import { type CanonicalFile, type VersionKind, versionSha256 } from './canonical-version.util.js';
import { InvalidReportRowError } from './invalid-report-row.error.js';
import { normaliseMessageId } from './message-id.util.js';
import type {
  DirectoryUserRow,
  FileRow,
  MappedReportPage,
  MessageRow,
  ReactionRow,
  SessionRow,
  VersionRow,
} from './report-page.rows.js';
import type { ReportPageInput, ReportSessionInput, ZoomReportMessage } from './report-page.types.js';

interface SourcedRow {
  row: ZoomReportMessage;
  kind: VersionKind;
  fromMessages: boolean;
}

/** Maps one report page to the rows of every table it touches. Pure: no clock, no I/O. */
export function mapReportPage(page: ReportPageInput): MappedReportPage {
  const sessionId = page.session.id;
  const sourced: SourcedRow[] = [
    ...page.messages.map((row) => ({ row, kind: messagesRowKind(row), fromMessages: true })),
    ...page.edited.map((row) => ({ row, kind: 'edited' as const, fromMessages: false })),
    ...page.deleted.map((row) => ({ row, kind: 'deleted' as const, fromMessages: false })),
  ];
  for (const { row } of sourced) validateRow(sessionId, row);
  return {
    users: mapUsers(sourced),
    messages: mapMessages(sourced),
    versions: mapVersions(sessionId, sourced),
    reactions: mapReactions(page.messages),
    files: mapFiles(sourced),
  };
}

/**
 * A `messages[]` row shows the message as it is now; its `action_timestamp` is the latest action on it
 * (REFERENCE §3 #1). Equal to `timestamp` (or absent, before 2025-07-07) it is the send itself; otherwise the
 * row is the state after an edit, which hashes the same as the matching `edited_messages[]` row.
 */
export function messagesRowKind(row: ZoomReportMessage): VersionKind {
  return row.action_timestamp === undefined || row.action_timestamp === row.timestamp ? 'original' : 'edited';
}

export function mapSessionRow(session: ReportSessionInput): SessionRow {
  const last = session.last_message_sent_time ? new Date(session.last_message_sent_time) : null;
  return {
    id: session.id,
    type: session.type,
    name: session.name ?? null,
    channelId: session.channel_id || null,
    status: session.status || null,
    hasExternalMember: session.has_external_member ?? null,
    memberEmails: session.member_emails ?? null,
    lastMessageSentAt: last && !Number.isNaN(last.getTime()) ? last : null,
  };
}

function validateRow(sessionId: string, row: ZoomReportMessage): void {
  if (typeof row.id !== 'string' || normaliseMessageId(row.id) === '') {
    throw new InvalidReportRowError(sessionId, '', 'no message id');
  }
  if (sentTs(row) === null) throw new InvalidReportRowError(sessionId, row.id, 'neither timestamp nor date_time');
}

function sentTs(row: ZoomReportMessage): number | null {
  if (typeof row.timestamp === 'number' && Number.isFinite(row.timestamp)) return row.timestamp;
  const parsed = row.date_time ? Date.parse(row.date_time) : NaN;
  return Number.isNaN(parsed) ? null : parsed;
}

function actionTs(row: ZoomReportMessage): number {
  return typeof row.action_timestamp === 'number' ? row.action_timestamp : (sentTs(row) as number);
}

function rowFiles(row: ZoomReportMessage): CanonicalFile[] {
  return (row.files ?? []).map((f) => ({
    file_id: f.file_id,
    file_name: f.file_name ?? '',
    file_size: f.file_size ?? null,
  }));
}

function mapVersions(sessionId: string, sourced: SourcedRow[]): VersionRow[] {
  const byKey = new Map<string, VersionRow>();
  for (const { row, kind } of sourced) {
    const messageId = normaliseMessageId(row.id);
    const at = actionTs(row);
    const files = rowFiles(row);
    const sha256 = versionSha256({
      message_id: messageId,
      session_id: sessionId,
      kind,
      action_ts: at,
      timestamp: sentTs(row) as number,
      text: row.message ?? '',
      sender_member_id: row.sender_member_id ?? '',
      reply_main_message_id: row.reply_main_message_id || null,
      files,
    });
    const key = `${messageId} ${sha256}`;
    if (byKey.has(key)) continue;
    byKey.set(key, {
      messageId,
      kind,
      actionTs: at,
      actionAt: new Date(at),
      text: row.message ?? '',
      files,
      raw: row,
      sha256,
    });
  }
  return [...byKey.values()].sort(
    (a, b) => compare(a.messageId, b.messageId) || a.actionTs - b.actionTs || compare(a.sha256, b.sha256),
  );
}

/** The message's own columns come from its `messages[]` row when the page has one: only it carries `bot_message`. */
function mapMessages(sourced: SourcedRow[]): MessageRow[] {
  const byId = new Map<string, MessageRow>();
  for (const { row, fromMessages } of sourced) {
    const id = normaliseMessageId(row.id);
    const isBot = fromMessages && row.bot_message !== undefined && row.bot_message !== null;
    const known = byId.get(id);
    if (known) {
      known.isBot ||= isBot;
      continue;
    }
    const ts = sentTs(row) as number;
    byId.set(id, {
      id,
      zoomId: row.id,
      senderMemberId: row.sender_member_id ?? '',
      senderEmail: row.sender ?? '',
      senderDisplayName: row.sender_display_name ?? '',
      receiver: row.receiver ?? null,
      isSenderExternal: row.is_sender_external === true,
      isBot,
      sentAt: new Date(ts),
      sentTs: ts,
      replyMainMessageId: row.reply_main_message_id ? normaliseMessageId(row.reply_main_message_id) : null,
      forwardId: row.forward_id || null,
    });
  }
  return [...byId.values()].sort((a, b) => compare(a.id, b.id));
}

/**
 * People keyed on member_id (external people have empty ids and emails, REFERENCE §7.2). `is_sender_external`
 * exists on 1:1 rows only, so an empty sender email (not in the account, not a contact) also marks external.
 * A person renamed over time carries different names on rows of different dates: each of email and name is
 * taken from the row with the latest action time that has one, and its time is kept with it, so the stored
 * profile does not depend on the order rows and pages arrive in. Empty values (anonymised rows) never win.
 */
function mapUsers(sourced: SourcedRow[]): DirectoryUserRow[] {
  const byId = new Map<string, DirectoryUserRow>();
  for (const { row } of sourced) {
    const memberId = row.sender_member_id ?? '';
    if (!memberId) continue;
    const isBot = row.bot_message !== undefined && row.bot_message !== null;
    const isExternal = row.is_sender_external === true || (!row.sender && !isBot);
    const at = actionTs(row);
    const email = row.sender ?? '';
    const displayName = row.sender_display_name ?? '';
    const known = byId.get(memberId);
    if (!known) {
      byId.set(memberId, {
        memberId,
        email,
        emailTs: email ? at : 0,
        displayName,
        nameTs: displayName ? at : 0,
        isExternal,
      });
      continue;
    }
    if (email && at > known.emailTs) Object.assign(known, { email, emailTs: at });
    if (displayName && at > known.nameTs) Object.assign(known, { displayName, nameTs: at });
    known.isExternal ||= isExternal;
  }
  return [...byId.values()].sort((a, b) => compare(a.memberId, b.memberId));
}

function mapReactions(rows: ZoomReportMessage[]): ReactionRow[] {
  const byId = new Map<string, ReactionRow>();
  for (const row of rows) {
    if (!Array.isArray(row.reactions)) continue;
    const messageId = normaliseMessageId(row.id);
    byId.set(messageId, { messageId, reactions: row.reactions });
  }
  return [...byId.values()].sort((a, b) => compare(a.messageId, b.messageId));
}

function mapFiles(sourced: SourcedRow[]): FileRow[] {
  const byId = new Map<string, FileRow>();
  for (const { row } of sourced) {
    for (const f of row.files ?? []) {
      if (!f.file_id) continue;
      const known = byId.get(f.file_id);
      if (known) {
        known.downloadUrl ||= f.download_url ?? '';
        continue;
      }
      byId.set(f.file_id, {
        fileId: f.file_id,
        messageId: normaliseMessageId(row.id),
        fileName: f.file_name ?? '',
        fileSize: f.file_size ?? null,
        downloadUrl: f.download_url ?? '',
      });
    }
  }
  return [...byId.values()].sort((a, b) => compare(a.fileId, b.fileId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
