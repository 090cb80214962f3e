import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { FileStore } from '#libs/archive';
import { MessagesRepository } from '../../apps/api/src/messages/messages.repository.js';
import { MessagesService } from '../../apps/api/src/messages/messages.service.js';
import type { SearchQuery } from '../../apps/api/src/search/search-query.js';
import { SearchRepository } from '../../apps/api/src/search/search.repository.js';
import { SearchStatisticsRepository } from '../../apps/api/src/search/search-statistics.repository.js';
import { SearchService } from '../../apps/api/src/search/search.service.js';
import { VOCAB } from './archive.generator.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

export interface MixQuery {
  name: string;
  ours: () => Promise<unknown>;
  naive: () => Promise<unknown>;
}

const NAIVE_SELECT = `SELECT m.id, m.session_id, m.sender_member_id, m.sent_at, m.current_text
  FROM message_versions v JOIN messages m ON m.id = v.message_id WHERE v.search @@ websearch_to_tsquery('simple', $1)`;

/** Terms picked by rank in the generator's vocabulary, so they keep their frequency at every size. */
const RARE = VOCAB[45_000];
const COMMON_TERM = 'meeting';
const PHRASE = '"wire the funds"';
const SENDER_TERM = 'report';

export async function buildMix(db: DataSource, pool: pg.Pool): Promise<MixQuery[]> {
  const search = new SearchService(new SearchRepository(db, new SearchStatisticsRepository(db)));
  const messages = new MessagesService(new MessagesRepository(db), new FileStore('/nonexistent', 1));
  const base: SearchQuery = { sort: 'newest', limit: 50 };
  const [{ last }] = (await pool.query<{ last: Date }>('SELECT max(sent_at) AS last FROM messages')).rows;
  const from = new Date(last.getTime() - 30 * 86_400_000);
  const [{ sender, member }] = (
    await pool.query<{ sender: string; member: string }>(
      `SELECT sender_email AS sender, sender_member_id AS member FROM messages
       WHERE sent_at >= $1 AND sender_email <> '' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      [from],
    )
  ).rows;
  const history = (
    await pool.query<{ id: string }>(
      `SELECT id FROM messages TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE edit_count > 0 OR reply_main_message_id IS NOT NULL LIMIT 200`,
    )
  ).rows.map((r) => `{${r.id.toLowerCase()}}`);
  let deepCursor: string | null = null;
  for (let page = 1; page < 20; page++) {
    const result = await search.run({ ...base, q: COMMON_TERM, after: deepCursor ? cursorKey(deepCursor) : undefined });
    deepCursor = result.next_cursor;
  }
  const deepAfter = deepCursor ? cursorKey(deepCursor) : undefined;
  let h = 0;
  const naive = (sql: string, params: unknown[]) => () => pool.query(sql, params);
  return [
    {
      name: 'rare term',
      ours: () => search.run({ ...base, q: RARE }),
      naive: naive(`${NAIVE_SELECT} ORDER BY m.sent_at DESC LIMIT 50`, [RARE]),
    },
    {
      name: 'common term',
      ours: () => search.run({ ...base, q: COMMON_TERM }),
      naive: naive(`${NAIVE_SELECT} ORDER BY m.sent_at DESC LIMIT 50`, [COMMON_TERM]),
    },
    {
      name: 'phrase',
      ours: () => search.run({ ...base, q: PHRASE }),
      naive: naive(`${NAIVE_SELECT} ORDER BY m.sent_at DESC LIMIT 50`, [PHRASE]),
    },
    {
      name: 'term + sender + dates',
      ours: () => search.run({ ...base, q: SENDER_TERM, sender, from, to: last }),
      naive: naive(
        `${NAIVE_SELECT} AND m.sender_member_id = $2 AND m.sent_at >= $3 AND m.sent_at < $4 ORDER BY m.sent_at DESC LIMIT 50`,
        [SENDER_TERM, member, from, last],
      ),
    },
    {
      name: 'filters only',
      ours: () => search.run({ ...base, external: true, hasFiles: true }),
      naive: naive(
        `SELECT m.id, m.session_id, m.sender_member_id, m.sent_at, m.current_text FROM messages m
                    WHERE m.is_sender_external AND m.has_files ORDER BY m.sent_at DESC LIMIT 50`,
        [],
      ),
    },
    {
      name: 'deep page (20th)',
      ours: () => search.run({ ...base, q: COMMON_TERM, after: deepAfter }),
      naive: naive(`${NAIVE_SELECT} ORDER BY m.sent_at DESC OFFSET 950 LIMIT 50`, [COMMON_TERM]),
    },
    {
      name: 'history lookup',
      ours: () => messages.detail(history[h++ % history.length]),
      naive: () => messages.detail(history[h++ % history.length]),
    },
  ];
}

function cursorKey(cursor: string): { sentAt: string; id: string } {
  const { t, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: string; id: string };
  return { sentAt: t, id };
}

export interface Timings {
  perQuery: Map<string, number[]>;
  all: number[];
}

/** One client: the mix round-robin, `runs` times after `warmup` untimed rounds. */
export async function runMix(mix: MixQuery[], pick: 'ours' | 'naive', runs: number, warmup = 3): Promise<Timings> {
  const perQuery = new Map(mix.map((q) => [q.name, [] as number[]]));
  const all: number[] = [];
  for (let round = 0; round < warmup + runs; round++) {
    for (const q of mix) {
      const started = performance.now();
      await q[pick]();
      const ms = performance.now() - started;
      if (round < warmup) continue;
      perQuery.get(q.name)!.push(ms);
      all.push(ms);
    }
  }
  return { perQuery, all };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const round1 = (n: number) => Math.round(n * 10) / 10;
export const stats = (v: number[]) => ({
  p50: round1(percentile(v, 50)),
  p95: round1(percentile(v, 95)),
  p99: round1(percentile(v, 99)),
});

export function report(label: string, t: Timings): void {
  log(`  ${label}`);
  for (const [name, v] of t.perQuery) {
    const s = stats(v);
    log(
      `    ${name.padEnd(24)} p50 ${String(s.p50).padStart(7)} ms   p95 ${String(s.p95).padStart(7)} ms   p99 ${String(s.p99).padStart(7)} ms`,
    );
  }
  const s = stats(t.all);
  log(
    `    ${'whole mix'.padEnd(24)} p50 ${String(s.p50).padStart(7)} ms   p95 ${String(s.p95).padStart(7)} ms   p99 ${String(s.p99).padStart(7)} ms`,
  );
}

export async function strategies(db: DataSource): Promise<string> {
  const search = new SearchService(new SearchRepository(db, new SearchStatisticsRepository(db)));
  const picked = await Promise.all(
    [RARE, COMMON_TERM, PHRASE].map(
      async (q) => `${q}: ${(await search.run({ sort: 'newest', limit: 50, q })).strategy}`,
    ),
  );
  return picked.join(', ');
}
