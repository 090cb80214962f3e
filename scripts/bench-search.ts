/**
 * Search benchmark. Writes a realistic archive straight into the schema of a fresh database
 * (zca_bench_search_<random>, dropped at the end), first 1 million messages, then grows it to 5 million, and
 * times a fixed query mix through the API's own search and message repositories, beside the naive query
 * (GIN match + ORDER BY sent_at DESC LIMIT) at 1 million.
 *
 *   npm run bench:search [-- --messages 1000000 --grow-to 5000000 --runs 30 --keep]
 *
 * The last line is one JSON object: {"p50_ms_1m", "p95_ms_1m", "p99_ms_1m", "p95_ms_5m", "p95_vs_naive_1m", ...}.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { archiveDataSourceOptions } from '#libs/archive';
import { createBenchDatabase, dropBenchDatabase } from './bench-support/bench-database.js';
import { ArchiveGenerator } from './bench-search/archive.generator.js';
import { load, loadPeople } from './bench-search/archive.loader.js';
import {
  type Timings,
  buildMix,
  percentile,
  report,
  round1,
  runMix,
  stats,
  strategies,
} from './bench-search/query-mix.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function measure(url: string, label: string, withNaive: boolean, runs: number) {
  const db = await new DataSource({ ...archiveDataSourceOptions(url), extra: { max: 4 } }).initialize();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const [{ n }] = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM messages')).rows;
    log(`\n${label}: ${n.toLocaleString('en')} messages; strategies picked: ${await strategies(db)}`);
    log(`  machine load before timing: ${loadavg()[0].toFixed(1)} (1-min average) on ${cpus().length} CPUs`);
    const mix = await buildMix(db, pool);
    const ours = await runMix(mix, 'ours', runs);
    report('API search path', ours);
    const naive = withNaive ? await runMix(mix, 'naive', runs) : null;
    if (naive) report('naive (GIN match + ORDER BY sent_at DESC LIMIT; OFFSET for the deep page)', naive);
    return { ours, naive };
  } finally {
    await pool.end();
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const first = arg('messages', 1_000_000);
  const total = arg('grow-to', 5_000_000);
  const runs = arg('runs', 30);
  const i = process.argv.indexOf('--database');
  const { name, url } = await createBenchDatabase(
    i >= 0 ? process.argv[i + 1] : `zca_bench_search_${randomBytes(5).toString('hex')}`,
  );
  log(
    `Search benchmark in database ${name}: ${first.toLocaleString('en')} messages, then ${total.toLocaleString('en')}; ${runs} runs per query`,
  );
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const gen = new ArchiveGenerator();
    if (!flag('reuse')) {
      const client = await pool.connect();
      await loadPeople(client, gen);
      client.release();
      log(`Loading ${first.toLocaleString('en')} messages`);
      await load(pool, gen, first);
    }
    const small = await measure(url, `At ${first.toLocaleString('en')}`, true, runs);
    let large: Timings | null = null;
    if (total > first && !flag('reuse')) {
      log(`\nGrowing to ${total.toLocaleString('en')} messages`);
      await load(pool, gen, total - first);
      large = (await measure(url, `At ${total.toLocaleString('en')}`, false, runs)).ours;
    }
    summarise(small.ours, small.naive!, large);
  } finally {
    await pool.end();
    if (!flag('keep')) await dropBenchDatabase(name);
  }
}

function summarise(small: Timings, naive: Timings, large: Timings | null): void {
  const s = stats(small.all);
  const n = stats(naive.all);
  const l = large ? stats(large.all) : null;
  log('\nGrowth 1M → 5M (p95) and ratio to the naive query at 1M (p95):');
  const perQuery: Record<string, unknown> = {};
  for (const [name, v] of small.perQuery) {
    const p95 = percentile(v, 95);
    const p95Large = large ? percentile(large.perQuery.get(name)!, 95) : NaN;
    const p95Naive = percentile(naive.perQuery.get(name)!, 95);
    log(
      `    ${name.padEnd(24)} ${round1(p95)} → ${round1(p95Large)} ms (×${round1(p95Large / p95)})   vs naive ${round1(p95Naive)} ms (×${Math.round((p95 / p95Naive) * 100) / 100})`,
    );
    perQuery[name] = { p95_ms_1m: round1(p95), p95_ms_5m: round1(p95Large), p95_naive_ms_1m: round1(p95Naive) };
  }
  log(
    JSON.stringify({
      p50_ms_1m: s.p50,
      p95_ms_1m: s.p95,
      p99_ms_1m: s.p99,
      p50_ms_5m: l?.p50 ?? null,
      p95_ms_5m: l?.p95 ?? null,
      p99_ms_5m: l?.p99 ?? null,
      p95_naive_ms_1m: n.p95,
      p95_vs_naive_1m: Math.round((s.p95 / n.p95) * 1000) / 1000,
      p95_growth_1m_to_5m: l ? round1(l.p95 / s.p95) : null,
      loadavg_1m_at_end: round1(loadavg()[0]),
      cpus: cpus().length,
      per_query: perQuery,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
