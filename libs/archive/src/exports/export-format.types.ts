/** The export formats (issue #6): one row per message, one row per change, or lossless JSON Lines. */
export const EXPORT_FORMATS = ['messages.csv', 'changes.csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Relative windows of scheduled exports, computed in the schedule's time zone at each tick. */
export const EXPORT_PERIODS = ['previous_day', 'previous_week', 'previous_month'] as const;
export type ExportPeriod = (typeof EXPORT_PERIODS)[number];

/** Version of the column order and meaning of every format; written in each manifest. */
export const EXPORT_SCHEMA_VERSION = 1;

/** How an export is written. */
export interface ExportOptions {
  /** IANA time zone of the `*_local` columns (the UTC columns are always there). */
  timeZone: string;
  /** Prefix each CSV file with a UTF-8 byte order mark (EF BB BF), for Excel. */
  bom: boolean;
  /** Prefix `'` to CSV cells starting with = + - @ TAB or CR (OWASP CSV injection). */
  formulaGuard: boolean;
  /** Rows (records, the header excluded) per file before the next file starts; null for one file. */
  rowsPerFile: number | null;
}

/** The filters of an export as stored: search's filters, dates as ISO strings, plus the text query. */
export interface StoredExportFilters {
  q?: string;
  from?: string;
  to?: string;
  sender?: string;
  participant?: string;
  session?: string;
  channel?: string;
  session_type?: '1:1' | 'Group';
  has_files?: boolean;
  edited?: boolean;
  deleted?: boolean;
  external?: boolean;
  bot?: boolean;
}

/** One file of an export's zip, as listed in the manifest. */
export interface ExportFileEntry {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}
