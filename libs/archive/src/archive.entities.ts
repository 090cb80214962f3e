import { ApiKey } from './entities/api-key.entity.js';
import { ArchivedFile } from './entities/archived-file.entity.js';
import { AuditLogEntry } from './entities/audit-log-entry.entity.js';
import { Channel } from './entities/channel.entity.js';
import { ChannelMember } from './entities/channel-member.entity.js';
import { ChatSession } from './entities/chat-session.entity.js';
import { ExportJob } from './entities/export-job.entity.js';
import { ExportSchedule } from './entities/export-schedule.entity.js';
import { DirectoryUser } from './entities/directory-user.entity.js';
import { Message } from './entities/message.entity.js';
import { MessageVersion } from './entities/message-version.entity.js';
import { ReactionSnapshot } from './entities/reaction-snapshot.entity.js';
import { SessionListWindow } from './entities/session-list-window.entity.js';
import { SyncRun } from './entities/sync-run.entity.js';
import { SyncWindow } from './entities/sync-window.entity.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own `entities` type
export const ARCHIVE_ENTITIES: Function[] = [
  DirectoryUser,
  ChatSession,
  Channel,
  ChannelMember,
  Message,
  MessageVersion,
  ReactionSnapshot,
  ArchivedFile,
  SyncRun,
  SyncWindow,
  SessionListWindow,
  ApiKey,
  AuditLogEntry,
  ExportSchedule,
  ExportJob,
];
