import { InitialArchiveSchema1795651200000 } from './migrations/1795651200000-initial-archive-schema.migration.js';
import { ApiKeysAndAuditLog1795737600000 } from './migrations/1795737600000-api-keys-and-audit-log.migration.js';
import { SearchIndexes1795824000000 } from './migrations/1795824000000-search-indexes.migration.js';
import { MessagesIdSentIndex1795996800000 } from './migrations/1795996800000-messages-id-sent-index.migration.js';
import { Exports1796083200000 } from './migrations/1796083200000-exports.migration.js';
import { DirectoryProfileTime1796169600000 } from './migrations/1796169600000-directory-profile-time.migration.js';
import { ChannelSyncState1796256000000 } from './migrations/1796256000000-channel-sync-state.migration.js';

/** In order of application. A released migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own `migrations` type
export const ARCHIVE_MIGRATIONS: Function[] = [
  InitialArchiveSchema1795651200000,
  ApiKeysAndAuditLog1795737600000,
  SearchIndexes1795824000000,
  MessagesIdSentIndex1795996800000,
  Exports1796083200000,
  DirectoryProfileTime1796169600000,
  ChannelSyncState1796256000000,
];
