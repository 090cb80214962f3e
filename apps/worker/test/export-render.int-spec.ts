import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { ArchiveWriter, type ExportOptions, type ExportFormat, normaliseMessageId } from '#libs/archive';
import { createTestDatabase } from '../../../libs/archive/test/test-database.js';
import {
  CHANNEL,
  EXTERNAL_GUEST,
  ONE_TO_ONE,
  TOM,
  deletedRow,
  editedRow,
  reportMessage,
} from '../../../libs/archive/test/zoom-report.factory.js';
import { testRenderer } from './export-renderer.fixture.js';
import { readZip } from './zip-reader.js';

/** Messages an auditor's spreadsheet or parser chokes on first; each must come back exactly. */
const TRICKY = {
  commas: 'buy 10,000 shares, sell 5,000',
  quotes: 'she said "wire it" and ""left""',
  crlf: 'line one\r\nline two\nline three\rline four',
  emoji: 'deal done 🚀🔥👍🏽 — ok',
  rtl: 'مرحبا بالعالم — שלום עולם',
  formulaEq: '=HYPERLINK("http://evil.example","click")',
  formulaPlus: '+1 555 0100',
  formulaMinus: '-42 is the loss',
  formulaAt: '@SUM(A1:A9)',
  tab: '\tindented with a tab',
  cr: '\rstarts with CR',
  long: `${'compliance '.repeat(900)}ünïcödé ${'x'.repeat(400)}`,
  empty: '',
};

// Europe/Paris moves to summer time at 2026-03-29 01:00 UTC (02:00 → 03:00 local).
const BEFORE_DST = Date.UTC(2026, 2, 29, 0, 30, 0, 250);
const AFTER_DST = Date.UTC(2026, 2, 29, 1, 30, 0, 750);
const BASE = Date.UTC(2026, 2, 20, 9, 0, 0);

let db: DataSource;
let drop: () => Promise<void>;
const ids: Record<string, string> = {};

async function seed(): Promise<void> {
  const writer = new ArchiveWriter(db);
  const rows = Object.entries(TRICKY).map(([name, text], i) => {
    const row = reportMessage({ message: text, timestamp: BASE + i * 60_000, action_timestamp: BASE + i * 60_000 });
    ids[name] = normaliseMessageId(row.id);
    return row;
  });
  const dst = [BEFORE_DST, AFTER_DST].map((ts) =>
    reportMessage({ message: 'dst', timestamp: ts, action_timestamp: ts }),
  );
  ids.beforeDst = normaliseMessageId(dst[0].id);
  ids.afterDst = normaliseMessageId(dst[1].id);
  const changed = reportMessage({
    message: 'original wording',
    timestamp: BASE + 100 * 60_000,
    action_timestamp: BASE + 100 * 60_000,
    reactions: [{ emoji: 'U+1F44D', total_count: 1, user_ids: [], member_ids: [TOM.sender_member_id] }],
  });
  ids.changed = normaliseMessageId(changed.id);
  const observed = new Date(BASE + 200 * 60_000);
  await writer.writeReportPage({
    accountId: 'AbC123',
    session: CHANNEL,
    runId: null,
    observedAt: observed,
    messages: [...rows, ...dst, changed],
    edited: [],
    deleted: [],
  });
  const edit = editedRow(changed, 'second wording', BASE + 105 * 60_000);
  await writer.writeReportPage({
    accountId: 'AbC123',
    session: CHANNEL,
    runId: null,
    observedAt: new Date(BASE + 300 * 60_000),
    messages: [],
    edited: [edit],
    deleted: [deletedRow(edit, BASE + 110 * 60_000)],
  });
  const external = reportMessage({ ...EXTERNAL_GUEST, message: 'from outside', timestamp: BASE + 120 * 60_000 });
  ids.external = normaliseMessageId(external.id);
  await writer.writeReportPage({
    accountId: 'AbC123',
    session: ONE_TO_ONE,
    runId: null,
    observedAt: observed,
    messages: [external],
    edited: [],
    deleted: [],
  });
}

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.dataSource;
  drop = database.drop;
  await seed();
});

afterAll(async () => {
  await drop();
});

const OPTIONS: ExportOptions = { timeZone: 'UTC', bom: false, formulaGuard: true, rowsPerFile: null };

async function render(format: ExportFormat, options: Partial<ExportOptions> = {}, filters = {}) {
  const { jobs, renderer } = testRenderer(db);
  const job = await jobs.create({
    format,
    filters,
    options: { ...OPTIONS, ...options },
    requestedByKeyId: null,
    requestedByName: 'test',
    requestedByRole: 'compliance_officer',
  });
  expect(await renderer.render(job.id)).toBe('done');
  const done = (await jobs.get(job.id))!;
  const entries = await readZip(renderer.artifactPath(done.artifactName!));
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, any>;
  return { job: done, entries, manifest };
}

type Row = Record<string, string>;

const byId = (rows: Row[]) => new Map(rows.map((r) => [r.message_id, r]));

async function archived(): Promise<Map<string, Record<string, any>>> {
  const rows = await db.query<Record<string, any>[]>(
    `SELECT m.*, s.type AS session_type, s.name AS session_name, s.channel_id FROM messages m
     JOIN chat_sessions s ON s.id = m.session_id`,
  );
  return new Map(rows.map((r) => [r.id as string, r]));
}

describe('messages.csv', () => {
  it('parses back, with a standard CSV parser, to exactly the archived text of every message (guard off)', async () => {
    const { entries, job } = await render('messages.csv', { formulaGuard: false });
    const text = entries.get('messages.csv')!.toString('utf8');
    const rows = parse(text, { columns: true }) as Row[];
    const archive = await archived();
    expect(rows).toHaveLength(archive.size);
    for (const row of rows) {
      const m = archive.get(row.message_id)!;
      expect(row.current_text).toBe(m.current_text);
      expect(row.original_text).toBe(m.original_text ?? '');
      expect(row.sender_email).toBe(m.sender_email);
      expect(row.sender_member_id).toBe(m.sender_member_id);
      expect(row.session_id).toBe(m.session_id);
      expect(row.sent_at_utc).toBe((m.sent_at as Date).toISOString());
      expect(row.edit_count).toBe(String(m.edit_count));
    }
    const found = byId(rows);
    for (const [name, value] of Object.entries(TRICKY)) expect(found.get(ids[name])!.current_text).toBe(value);
    expect(job.files).toEqual([expect.objectContaining({ name: 'messages.csv', rows: archive.size })]);
  });

  it('keeps one column count on every row, ends every record with CRLF, and has no BOM unless asked', async () => {
    const { entries } = await render('messages.csv');
    const bytes = entries.get('messages.csv')!;
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    // Read with CRLF as the only record delimiter: a record ending in a bare LF would run into the next one.
    const records = parse(bytes, { info: true, record_delimiter: '\r\n', relax_column_count: true }) as unknown as {
      record: string[];
      info: { bytes: number };
    }[];
    const width = records[0].record.length;
    expect(width).toBe(21);
    for (const { record, info } of records) {
      expect(record).toHaveLength(width);
      expect(bytes.subarray(info.bytes - 2, info.bytes).toString()).toBe('\r\n');
    }
    expect(records.at(-1)!.info.bytes).toBe(bytes.length);
    // The CR/LF inside the message survive as they are, inside quotes.
    expect(bytes.toString('utf8')).toContain(`"${TRICKY.crlf}"`);
  });

  it('writes the BOM when asked, which a parser reads past', async () => {
    const { entries } = await render('messages.csv', { bom: true });
    const bytes = entries.get('messages.csv')!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { columns: true, bom: true }) as Row[];
    expect(Object.keys(rows[0])[0]).toBe('message_id');
  });

  it("guards cells starting with = + - @ TAB or CR with a leading ' and leaves the rest alone", async () => {
    const { entries, manifest } = await render('messages.csv');
    const found = byId(parse(entries.get('messages.csv')!, { columns: true }) as Row[]);
    for (const name of ['formulaEq', 'formulaPlus', 'formulaMinus', 'formulaAt', 'tab', 'cr'] as const) {
      expect(found.get(ids[name])!.current_text).toBe(`'${TRICKY[name]}`);
    }
    for (const name of ['commas', 'quotes', 'emoji', 'rtl', 'long', 'empty'] as const) {
      expect(found.get(ids[name])!.current_text).toBe(TRICKY[name]);
    }
    expect(manifest.options.formula_guard).toBe(true);
    expect(manifest.notes.join(' ')).toContain('Formula guard');
  });

  it('shows an external sender with an empty email as an empty field', async () => {
    const { entries } = await render('messages.csv');
    const row = byId(parse(entries.get('messages.csv')!, { columns: true }) as Row[]).get(ids.external)!;
    expect(row.sender_email).toBe('');
    expect(row.sender_member_id).toBe(EXTERNAL_GUEST.sender_member_id);
    expect(row.sender_external).toBe('true');
  });

  it('writes UTC and zoned times across a daylight-saving change, and names the zone', async () => {
    const { entries, manifest } = await render('messages.csv', { timeZone: 'Europe/Paris' });
    const found = byId(parse(entries.get('messages.csv')!, { columns: true }) as Row[]);
    expect(found.get(ids.beforeDst)).toMatchObject({
      sent_at_utc: '2026-03-29T00:30:00.250Z',
      sent_at_local: '2026-03-29T01:30:00.250+01:00',
      time_zone: 'Europe/Paris',
    });
    expect(found.get(ids.afterDst)).toMatchObject({
      sent_at_utc: '2026-03-29T01:30:00.750Z',
      sent_at_local: '2026-03-29T03:30:00.750+02:00',
    });
    expect(found.get(ids.changed)!.deleted_at_local).toBe('2026-03-20T11:50:00.000+01:00');
    expect(manifest.time_zone).toBe('Europe/Paris');
  });

  it('splits into files of rows_per_file rows, each with the header, listed with rows and SHA-256', async () => {
    const { entries, manifest, job } = await render('messages.csv', { rowsPerFile: 4 });
    const archive = await archived();
    const names = [...entries.keys()].filter((n) => n.endsWith('.csv'));
    expect(names).toEqual(
      Array.from({ length: Math.ceil(archive.size / 4) }, (_, i) => `messages-${String(i + 1).padStart(4, '0')}.csv`),
    );
    const all: Row[] = [];
    for (const file of manifest.files as { name: string; rows: number; sha256: string; bytes: number }[]) {
      const bytes = entries.get(file.name)!;
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
      const rows = parse(bytes, { columns: true }) as Row[];
      expect(rows).toHaveLength(file.rows);
      all.push(...rows);
    }
    expect(all.map((r) => r.message_id).sort()).toEqual([...archive.keys()].sort());
    expect(manifest.total_rows).toBe(archive.size);
    expect(job.rowsWritten).toBe(String(archive.size));
  });
});

describe('changes.csv', () => {
  it('has one row per event of a message: created, edited with the text before and after, deleted, reaction', async () => {
    const { entries } = await render('changes.csv', { formulaGuard: false });
    const rows = (parse(entries.get('changes.csv')!, { columns: true }) as Row[]).filter(
      (r) => r.message_id === ids.changed,
    );
    expect(rows.map((r) => [r.event_seq, r.event, r.previous_text, r.text])).toEqual([
      ['1', 'created', '', 'original wording'],
      ['2', 'edited', 'original wording', 'second wording'],
      ['3', 'deleted', 'second wording', 'second wording'],
      ['4', 'reaction', '', ''],
    ]);
    expect(rows[1].event_at_utc).toBe(new Date(BASE + 105 * 60_000).toISOString());
    expect(JSON.parse(rows[3].reactions)).toEqual([expect.objectContaining({ emoji: 'U+1F44D' })]);
    const versions = await db.query<{ sha256: string }[]>(
      'SELECT sha256 FROM message_versions WHERE message_id = $1 ORDER BY action_ts',
      [ids.changed],
    );
    expect(rows.slice(0, 3).map((r) => r.sha256)).toEqual(versions.map((v) => v.sha256));
    expect(rows.every((r) => r.original_text === 'original wording')).toBe(true);
  });
});

describe('jsonl', () => {
  it('holds every version with its raw payload and hash, byte for byte as archived', async () => {
    const { entries, manifest } = await render('jsonl', { timeZone: 'Europe/Paris' });
    const lines = entries.get('messages.jsonl')!.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const objects = lines.map((l) => JSON.parse(l) as Record<string, any>);
    const versions = await db.query<{ message_id: string; raw: unknown; sha256: string; text: string }[]>(
      'SELECT message_id, raw, sha256, text FROM message_versions ORDER BY message_id, action_ts, id',
    );
    const exported = objects.flatMap((o) =>
      (o.versions as { raw: unknown; sha256: string; text: string }[]).map((v) => ({ message_id: o.message_id, ...v })),
    );
    expect(exported.map((v) => [v.message_id, v.raw, v.sha256, v.text]).sort()).toEqual(
      versions.map((v) => [v.message_id, v.raw, v.sha256, v.text]).sort(),
    );
    const tab = objects.find((o) => o.message_id === ids.tab)!;
    expect(tab.current_text).toBe(TRICKY.tab);
    expect(manifest.files).toEqual([expect.objectContaining({ name: 'messages.jsonl', rows: objects.length })]);
  });
});

describe('selection and manifest', () => {
  it('selects with the search filters and records filters, requester and schema version', async () => {
    const { entries, manifest, job } = await render('messages.csv', {}, { edited: true, q: 'wording' });
    const rows = parse(entries.get('messages.csv')!, { columns: true }) as Row[];
    expect(rows.map((r) => r.message_id)).toEqual([ids.changed]);
    expect(manifest).toMatchObject({
      schema_version: 1,
      export_id: job.id,
      format: 'messages.csv',
      requested_by: { name: 'test', role: 'compliance_officer' },
      filters: { edited: true, q: 'wording' },
      selection: { text_query: "'wording'" },
      total_rows: 1,
    });
    expect(manifest.columns[0]).toBe('message_id');
  });

  it('writes a header-only file when a filter matches nobody', async () => {
    const { entries } = await render('messages.csv', {}, { sender: 'nobody@example.com' });
    const text = entries.get('messages.csv')!.toString('utf8');
    expect(text.split('\r\n')).toEqual([expect.stringMatching(/^message_id,/), '']);
  });
});
