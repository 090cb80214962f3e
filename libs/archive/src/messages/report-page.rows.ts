import type { ZoomReaction } from './canonical-reactions.util.js';
import type { CanonicalFile, VersionKind } from './canonical-version.util.js';
import type { ZoomReportMessage } from './report-page.types.js';

/** Rows ready for the bulk statements, one array per table, de-duplicated by key and sorted by it. */
export interface MappedReportPage {
  users: DirectoryUserRow[];
  messages: MessageRow[];
  versions: VersionRow[];
  reactions: ReactionRow[];
  files: FileRow[];
}

export interface SessionRow {
  id: string;
  type: string;
  /** null = not reported: keep what is stored. */
  name: string | null;
  channelId: string | null;
  status: string | null;
  hasExternalMember: boolean | null;
  memberEmails: string[] | null;
  lastMessageSentAt: Date | null;
}

export interface DirectoryUserRow {
  memberId: string;
  email: string;
  /** Zoom's action time (ms) of the row the email comes from; 0 when none had one. */
  emailTs: number;
  displayName: string;
  /** Zoom's action time (ms) of the row the display name comes from; 0 when none had one. */
  nameTs: number;
  isExternal: boolean;
}

export interface MessageRow {
  id: string;
  zoomId: string;
  senderMemberId: string;
  senderEmail: string;
  senderDisplayName: string;
  receiver: string | null;
  isSenderExternal: boolean;
  isBot: boolean;
  sentAt: Date;
  sentTs: number;
  replyMainMessageId: string | null;
  forwardId: string | null;
}

export interface VersionRow {
  messageId: string;
  kind: VersionKind;
  actionTs: number;
  actionAt: Date;
  text: string;
  files: CanonicalFile[];
  raw: ZoomReportMessage;
  sha256: string;
}

export interface ReactionRow {
  messageId: string;
  reactions: ZoomReaction[];
}

export interface FileRow {
  fileId: string;
  messageId: string;
  fileName: string;
  fileSize: number | null;
  downloadUrl: string;
}
