/**
 * Export benchmark. Writes a realistic archive straight into the schema of a fresh database
 * (zca_bench_export_<random>, dropped at the end) with the bench:search generator: 1 million messages, then
 * 5 million. At each size it renders a messages.csv export (no filters: every message) with the worker's
 * renderer in a child process — COPY → CRLF CSV → zip with manifest — and, on the same rows in the same run,
 * `psql \copy (same query) to stdout csv header` into /dev/null, before and after ours (their mean is the
 * reference). Peak RSS is the child's VmHWM.
 *
 *   npm run bench:export [-- --messages 1000000 --grow-to 5000000 --zip-level 0 --compressed-level 6
 *                           --time-zone Europe/Paris --keep]
 *
 * At the first size the export is also rendered with deflated entries (--compressed-level), for comparison.
 *
 * The last line is one JSON object: {"rows_per_s", "psql_rows_per_s", "ratio", "peak_rss_mb_1m", "peak_rss_mb_5m", ...}.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { exportSelectSql } from '#libs/archive';
import { createBenchDatabase, dropBenchDatabase } from './bench-support/bench-database.js';
import { loadExportConfig } from '#libs/sync';
import { ArchiveGenerator } from './bench-search/archive.generator.js';
import { load, loadPeople } from './bench-search/archive.loader.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

interface ChildResult {
  outcome: string;
  rows: number;
  seconds: number;
  data_bytes: number;
  zip_bytes: number;
  artifact: string;
  peak_rss_mb: number;
}

function run(command: string, args: string[], stdout: 'pipe' | 'ignore'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let errors = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${errors}`)),
    );
  });
}

/** psql's own COPY of the same SELECT, in the same zone, to /dev/null; seconds. */
async function psqlCopy(url: string, select: string, timeZone: string): Promise<number> {
  const started = performance.now();
  await run(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      url,
      '-c',
      `SET TimeZone = '${timeZone}'`,
      '-c',
      `\\copy (${select.replace(/\s+/g, ' ')}) to stdout csv header`,
      '-o',
      '/dev/null',
    ],
    'ignore',
  );
  return (performance.now() - started) / 1000;
}

async function ours(url: string, exportDir: string, zipLevel: string, timeZone: string): Promise<ChildResult> {
  const out = await run(
    process.execPath,
    ['dist/scripts/bench-export/export-child.js', url, exportDir, zipLevel, 'messages.csv', timeZone],
    'pipe',
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
  if (result.outcome !== 'done') throw new Error(`the export ended ${result.outcome}`);
  // The zip of 5 M rows is large: each size's is removed once measured.
  rmSync(join(exportDir, result.artifact), { force: true });
  return result;
}

async function measure(url: string, label: string, zipLevel: string, timeZone: string) {
  const exportDir = mkdtempSync(join(tmpdir(), 'zca-bench-export-'));
  const select = exportSelectSql('messages.csv', { filters: {}, tsquery: null, empty: false }, true);
  log(`\n${label}: machine load ${loadavg()[0].toFixed(1)} (1-min average) on ${cpus().length} CPUs`);
  // A warm-up read of the rows, so neither side pays for a cold cache.
  await psqlCopy(url, select, timeZone);
  const before = await psqlCopy(url, select, timeZone);
  const export_ = await ours(url, exportDir, zipLevel, timeZone);
  const after = await psqlCopy(url, select, timeZone);
  rmSync(exportDir, { recursive: true, force: true });
  const psqlSeconds = (before + after) / 2;
  const rowsPerS = export_.rows / export_.seconds;
  const psqlRowsPerS = export_.rows / psqlSeconds;
  log(
    `  export (COPY → CRLF CSV → zip level ${zipLevel} + manifest): ${export_.rows.toLocaleString('en')} rows in ` +
      `${round(export_.seconds, 1)} s = ${round(rowsPerS).toLocaleString('en')} rows/s; CSV ${round(export_.data_bytes / 1e6)} MB, ` +
      `zip ${round(export_.zip_bytes / 1e6)} MB; peak RSS ${export_.peak_rss_mb} MB`,
  );
  log(
    `  psql \\copy (same query) to stdout csv: ${round(before, 1)} s before, ${round(after, 1)} s after = ` +
      `${round(psqlRowsPerS).toLocaleString('en')} rows/s; ratio ${round(rowsPerS / psqlRowsPerS, 2)}`,
  );
  return { export_, rowsPerS, psqlRowsPerS };
}

async function main(): Promise<void> {
  const first = Number(arg('messages', '1000000'));
  const total = Number(arg('grow-to', '5000000'));
  const zipLevel = arg('zip-level', String(loadExportConfig().exportZipLevel));
  const compressedLevel = arg('compressed-level', '6');
  const timeZone = arg('time-zone', 'Europe/Paris');
  const { name, url } = await createBenchDatabase(`zca_bench_export_${randomBytes(5).toString('hex')}`);
  log(
    `Export benchmark in database ${name}: ${first.toLocaleString('en')} messages, then ${total.toLocaleString('en')}`,
  );
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const gen = new ArchiveGenerator();
    const client = await pool.connect();
    await loadPeople(client, gen);
    client.release();
    log(`Loading ${first.toLocaleString('en')} messages`);
    await load(pool, gen, first);
    const small = await measure(url, `At ${first.toLocaleString('en')}`, zipLevel, timeZone);
    // For comparison: the same export with deflated entries.
    const compressed = await measure(url, `At ${first.toLocaleString('en')}, deflated`, compressedLevel, timeZone);
    let large: Awaited<ReturnType<typeof measure>> | null = null;
    if (total > first) {
      log(`\nGrowing to ${total.toLocaleString('en')} messages`);
      await load(pool, gen, total - first);
      large = await measure(url, `At ${total.toLocaleString('en')}`, zipLevel, timeZone);
    }
    log(
      JSON.stringify({
        rows_per_s: round(small.rowsPerS),
        psql_rows_per_s: round(small.psqlRowsPerS),
        ratio: round(small.rowsPerS / small.psqlRowsPerS, 3),
        peak_rss_mb_1m: small.export_.peak_rss_mb,
        peak_rss_mb_5m: large?.export_.peak_rss_mb ?? null,
        rows_per_s_5m: large ? round(large.rowsPerS) : null,
        psql_rows_per_s_5m: large ? round(large.psqlRowsPerS) : null,
        ratio_5m: large ? round(large.rowsPerS / large.psqlRowsPerS, 3) : null,
        csv_mb_1m: round(small.export_.data_bytes / 1e6),
        zip_mb_1m: round(small.export_.zip_bytes / 1e6),
        zip_level: Number(zipLevel),
        [`rows_per_s_zip${compressedLevel}_1m`]: round(compressed.rowsPerS),
        [`ratio_zip${compressedLevel}_1m`]: round(compressed.rowsPerS / compressed.psqlRowsPerS, 3),
        [`zip_mb_zip${compressedLevel}_1m`]: round(compressed.export_.zip_bytes / 1e6),
        time_zone: timeZone,
        loadavg_1m_at_end: round(loadavg()[0], 1),
        cpus: cpus().length,
      }),
    );
  } finally {
    await pool.end();
    if (!flag('keep')) await dropBenchDatabase(name);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
