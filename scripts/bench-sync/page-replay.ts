import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { DataSource } from 'typeorm';
import { ArchiveWriter, type ZoomReportMessage, archiveDataSourceOptions } from '#libs/archive';

/** One message-report page as the worker receives it, with the session it belongs to. */
interface CapturedPage {
  session: string;
  messages: ZoomReportMessage[];
  edited: ZoomReportMessage[];
  deleted: ZoomReportMessage[];
}

interface ReportPage {
  next_page_token?: string;
  messages?: ZoomReportMessage[];
  edited_messages?: ZoomReportMessage[];
  deleted_messages?: ZoomReportMessage[];
  sessions?: { id: string }[];
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

async function token(base: string): Promise<string> {
  const res = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=demo-account`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
  });
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * Reads every session window's message pages from the emulator with the worker's parameters (rate limits
 * must be off) and writes them to an NDJSON file, so the archive's write rate can be timed without Zoom,
 * the network or the emulator in the measurement. Returns the number of pages.
 */
export async function capturePages(
  base: string,
  windows: { from: string; to: string }[],
  file: string,
  concurrency: number,
): Promise<number> {
  const auth = { authorization: `Bearer ${await token(base)}` };
  const get = async (path: string): Promise<ReportPage> => {
    const res = await fetch(`${base}/v2${path}`, { headers: auth });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as ReportPage;
  };
  const out = createWriteStream(file);
  let pages = 0;
  const targets: { session: string; from: string; to: string }[] = [];
  for (const w of windows) {
    let next = '';
    do {
      const page = await get(`/report/chat/sessions?from=${w.from}&to=${w.to}&page_size=300&next_page_token=${next}`);
      for (const s of page.sessions ?? []) targets.push({ session: s.id, ...w });
      next = page.next_page_token ?? '';
    } while (next);
  }
  await pool(targets, concurrency, async ({ session, from, to }) => {
    let next = '';
    do {
      const page = await get(
        `/report/chat/sessions/${encodeURIComponent(session)}?from=${from}&to=${to}&page_size=100` +
          `&include_fields=edited_messages,deleted_messages&include_bot_message=true&include_reactions=true` +
          `&next_page_token=${next}`,
      );
      const line: CapturedPage = {
        session,
        messages: page.messages ?? [],
        edited: page.edited_messages ?? [],
        deleted: page.deleted_messages ?? [],
      };
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
      pages++;
      next = page.next_page_token ?? '';
    } while (next);
  });
  out.end();
  await once(out, 'finish');
  return pages;
}

/**
 * Writes the captured pages into the archive through ArchiveWriter, `concurrency` pages at a time as the
 * worker's jobs do; returns the seconds spent writing (parsing the file included, a few percent).
 */
export async function replayPages(databaseUrl: string, file: string, concurrency: number): Promise<number> {
  // The worker's own connection pool (node-postgres' default of 10) under `concurrency` pages in flight.
  const db = await new DataSource(archiveDataSourceOptions(databaseUrl)).initialize();
  try {
    const runId = randomUUID();
    await db.query(`INSERT INTO sync_runs (id, account_id, kind) VALUES ($1, 'demo-account', 'manual')`, [runId]);
    const writer = new ArchiveWriter(db);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const inFlight = new Set<Promise<unknown>>();
    const started = performance.now();
    for await (const line of lines) {
      if (!line) continue;
      const page = JSON.parse(line) as CapturedPage;
      const write = writer
        .writeReportPage({
          accountId: 'demo-account',
          session: { id: page.session, type: '' },
          runId,
          observedAt: new Date(),
          messages: page.messages,
          edited: page.edited,
          deleted: page.deleted,
        })
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return (performance.now() - started) / 1000;
  } finally {
    await db.destroy();
  }
}
