export { ARCHIVE_ENTITIES } from './archive.entities.js';
export { ARCHIVE_MIGRATIONS } from './archive.migrations.js';
export { archiveDataSourceOptions, runMigrations } from './database/archive-data-source.js';
export { ensureDatabase } from './database/ensure-database.util.js';

export { ArchivedFile, type ArchivedFileStatus } from './entities/archived-file.entity.js';
export { Channel } from './entities/channel.entity.js';
export { ChannelMember } from './entities/channel-member.entity.js';
export { ChatSession } from './entities/chat-session.entity.js';
export { DirectoryUser } from './entities/directory-user.entity.js';
export { Message } from './entities/message.entity.js';
export { MessageVersion } from './entities/message-version.entity.js';
export { ReactionSnapshot } from './entities/reaction-snapshot.entity.js';
export { SessionListWindow } from './entities/session-list-window.entity.js';
export { SyncRun, type SyncRunKind, type SyncRunStatus } from './entities/sync-run.entity.js';
export { SyncWindow } from './entities/sync-window.entity.js';

export { normaliseMessageId } from './messages/message-id.util.js';
export {
  canonicalVersion,
  versionSha256,
  type CanonicalFile,
  type VersionFacts,
  type VersionKind,
} from './messages/canonical-version.util.js';
export { canonicalReactions, reactionSnapshotSha256, type ZoomReaction } from './messages/canonical-reactions.util.js';
export { mapReportPage, mapSessionRow, messagesRowKind } from './messages/report-page.mapper.js';
export { InvalidReportRowError } from './messages/invalid-report-row.error.js';
export type {
  NewFile,
  ReportPageInput,
  ReportPageResult,
  ReportSessionInput,
  ZoomReportMessage,
} from './messages/report-page.types.js';
export { ArchiveWriter } from './messages/archive.writer.js';

export { SyncStateRepository } from './sync/sync-state.repository.js';
export { COVERAGE_LIST_LIMIT } from './sync/coverage.query.js';
export type {
  Coverage,
  ChannelWarning,
  FailedWindow,
  PlannedWindow,
  RunProgress,
  SyncWindowKey,
  SyncWindowMode,
  SyncWindowStatus,
  WindowCounts,
} from './sync/sync-state.types.js';

export { FileStore, type StoreResult } from './files/file.store.js';
export { ArchivedFilesRepository, MAX_FILE_ATTEMPTS, type PendingFile } from './files/archived-files.repository.js';

export { ApiKey, API_KEY_ROLES, type ApiKeyRole } from './entities/api-key.entity.js';
export { AuditLogEntry } from './entities/audit-log-entry.entity.js';
export {
  ApiKeysRepository,
  type ApiKeyAuthentication,
  type ApiKeyPage,
  type ApiKeyRecord,
} from './api-keys/api-keys.repository.js';
export { parseApiKeyToken } from './api-keys/api-key-token.util.js';
export { AuditLogRepository, type AuditLogRow, auditLogRecord } from './audit/audit-log.repository.js';
export { AUDIT_GENESIS_HASH, auditEntryHash, canonicalAuditEntry } from './audit/audit-entry-hash.util.js';
export type {
  AuditChainBreak,
  AuditChainReport,
  AuditLogFilter,
  AuditLogRecord,
  NewAuditEntry,
} from './audit/audit-log.types.js';

export type {
  MessageFilterLookups,
  MessageFilters,
  ResolvedMessageFilters,
} from './selection/message-filters.types.js';
export { InlineSqlParams, SqlParams } from './selection/sql-params.util.js';
export { messageFilterSql, textMatchSql } from './selection/message-filters.util.js';
export { resolveMessageFilters } from './selection/resolve-filters.util.js';
export { MessageFilterRepository } from './selection/message-filter.repository.js';

export { ExportJob } from './entities/export-job.entity.js';
export { ExportSchedule } from './entities/export-schedule.entity.js';
export {
  EXPORT_FORMATS,
  EXPORT_PERIODS,
  EXPORT_SCHEMA_VERSION,
  EXPORT_STATUSES,
  type ExportFileEntry,
  type ExportFormat,
  type ExportOptions,
  type ExportPeriod,
  type ExportStatus,
  type StoredExportFilters,
} from './exports/export-format.types.js';
export {
  CSV_COLUMNS,
  copyCsvSql,
  exportSelectSql,
  selectionWhereSql,
  type ExportSelection,
} from './exports/export-query.util.js';
export { CsvRowScanner, type ScannedChunk } from './exports/csv-row-scanner.util.js';
export { CsvCrlfTransform, UTF8_BOM } from './exports/csv-crlf.transform.js';
export { ExportSourceRepository, type ExportRead } from './exports/export-source.repository.js';
export { resolveExportSelection, toMessageFilters } from './exports/export-selection.util.js';
export {
  ExportJobsRepository,
  type ExportJobPage,
  type ExportJobResult,
  type NewExportJob,
} from './exports/export-jobs.repository.js';
export {
  ExportSchedulesRepository,
  type ExportScheduleChanges,
  type NewExportSchedule,
} from './exports/export-schedules.repository.js';
export { ExportWarningsRepository } from './exports/export-warnings.repository.js';

export { ChannelArchiveRepository } from './channels/channel-archive.repository.js';
export { mapChannel, mapChannelMembers } from './channels/channel-member.mapper.js';
export type {
  ChannelMemberRow,
  ChannelReader,
  ChannelRow,
  MemberListingResult,
  ZoomChannelInput,
  ZoomChannelMemberInput,
} from './channels/channel.types.js';
