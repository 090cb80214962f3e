import {
  CSV_COLUMNS,
  EXPORT_SCHEMA_VERSION,
  type ExportFileEntry,
  type ExportJob,
  type ExportSelection,
} from '#libs/archive';

/** manifest.json of an export: what was asked, by whom, when, and each file with its rows and SHA-256. */
export interface ExportManifest {
  schema_version: number;
  export_id: string;
  format: string;
  created_at: string;
  completed_at: string;
  requested_by: { name: string; key_id: string | null; role: string | null };
  schedule: { id: string; scheduled_for: string } | null;
  filters: Record<string, unknown>;
  selection: { text_query: string | null; sender_ids: string[] | null; session_ids: string[] | null; empty: boolean };
  time_zone: string;
  options: { bom: boolean; formula_guard: boolean; rows_per_file: number | null; line_ending: string };
  columns: readonly string[] | null;
  files: ExportFileEntry[];
  total_rows: number;
  warnings: string[];
  notes: string[];
}

export function buildManifest(
  job: ExportJob,
  selection: ExportSelection,
  files: ExportFileEntry[],
  warnings: string[],
  completedAt: Date,
): ExportManifest {
  const csv = job.format !== 'jsonl';
  const notes = [
    'Times ending in Z are UTC; *_local columns are in time_zone, with their UTC offset.',
    'SHA-256 of each file is over its exact bytes, BOM and header included.',
  ];
  if (csv && job.options.formulaGuard) {
    notes.push(
      "Formula guard: a text cell starting with = + - @ TAB or CR is prefixed with ' so spreadsheets show it as " +
        'text (OWASP CSV injection); the JSON Lines format keeps the original bytes.',
    );
  }
  return {
    schema_version: EXPORT_SCHEMA_VERSION,
    export_id: job.id,
    format: job.format,
    created_at: job.createdAt.toISOString(),
    completed_at: completedAt.toISOString(),
    requested_by: { name: job.requestedByName, key_id: job.requestedByKeyId, role: job.requestedByRole },
    schedule:
      job.scheduleId && job.scheduledFor ? { id: job.scheduleId, scheduled_for: job.scheduledFor.toISOString() } : null,
    filters: { ...job.filters },
    selection: {
      text_query: selection.tsquery,
      sender_ids: selection.filters.senderIds ?? null,
      session_ids: selection.filters.sessionIds ?? null,
      empty: selection.empty,
    },
    time_zone: job.options.timeZone,
    options: {
      bom: csv && job.options.bom,
      formula_guard: csv && job.options.formulaGuard,
      rows_per_file: job.options.rowsPerFile,
      line_ending: csv ? 'CRLF' : 'LF',
    },
    columns: csv ? CSV_COLUMNS[job.format as keyof typeof CSV_COLUMNS] : null,
    files,
    total_rows: files.reduce((sum, f) => sum + f.rows, 0),
    warnings,
    notes,
  };
}

/** Data file names: `messages.csv`, or `messages-0001.csv`… when split. */
export function partName(format: ExportJob['format'], index: number, split: boolean): string {
  const [base, extension] = format === 'jsonl' ? ['messages', 'jsonl'] : format.split('.');
  return split ? `${base}-${String(index).padStart(4, '0')}.${extension}` : `${base}.${extension}`;
}
