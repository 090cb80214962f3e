/**
 * Emulator benchmark: starts the built emulator on the large profile (at least 5 million messages),
 * measures the time to the first answered API request, drives a report workload and a full
 * ground-truth pass over the history, and reports the peak resident memory of the process.
 *
 *   npm run bench:emulator [-- --messages N] [--profile large]
 *
 * The last line is one JSON object: {"messages", "rss_mb", "first_request_s", ...}.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return hwm ? Math.round(Number(hwm[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    EMULATOR_PORT: String(port),
    EMULATOR_PROFILE: arg('profile') ?? 'large',
    EMULATOR_RATE_LIMITS: 'off',
    EMULATOR_NOW: '2026-11-20T12:00:00Z',
    ...(arg('messages') ? { EMULATOR_MESSAGES: arg('messages') } : {}),
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/apps/zoom-emulator/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let token = '';
    let firstRequestS = NaN;
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const auth = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=demo-account`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
        });
        token = ((await auth.json()) as { access_token: string }).access_token;
        const res = await fetch(`${base}/v2/report/chat/sessions?from=2026-11-01&to=2026-11-20`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (res.status === 200) {
          firstRequestS = (performance.now() - started) / 1000;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (Number.isNaN(firstRequestS)) throw new Error('the emulator did not answer within 30 s');
    const rssAtStartMb = peakRssMb(child.pid!);

    // A month of reports, as a sync would read them: every session, every page, edits and deletions.
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const from = '2026-10-21';
    const to = '2026-11-20';
    const sessions: string[] = [];
    let next = '';
    do {
      const page = await get(`/v2/report/chat/sessions?from=${from}&to=${to}&page_size=300&next_page_token=${next}`);
      sessions.push(...(page.sessions as { id: string }[]).map((s) => s.id));
      next = page.next_page_token as string;
    } while (next);
    const reportStarted = performance.now();
    let reportMessages = 0;
    let requests = 0;
    for (const id of sessions.slice(0, 400)) {
      let token2 = '';
      do {
        const page = await get(
          `/v2/report/chat/sessions/${id}?from=${from}&to=${to}&page_size=100&include_fields=edited_messages,deleted_messages&include_reactions=true&include_bot_message=true&next_page_token=${token2}`,
        );
        requests++;
        reportMessages += (page.messages as unknown[]).length;
        token2 = page.next_page_token as string;
      } while (token2);
    }
    const reportSeconds = (performance.now() - reportStarted) / 1000;

    // The whole history through the ground truth: counts every message and touches all of it.
    const truthStarted = performance.now();
    const summary = (await (await fetch(`${base}/_emulator/ground-truth/summary`)).json()) as Record<string, number>;
    const truthSeconds = (performance.now() - truthStarted) / 1000;
    const result = {
      messages: summary.messages,
      versions: summary.versions,
      sessions: summary.sessions,
      rss_mb: peakRssMb(child.pid!),
      rss_at_start_mb: rssAtStartMb,
      first_request_s: Number(firstRequestS.toFixed(2)),
      report_sessions_read: Math.min(400, sessions.length),
      report_requests: requests,
      report_messages_per_s: Math.round(reportMessages / reportSeconds),
      ground_truth_messages_per_s: Math.round(summary.messages / truthSeconds),
    };
    process.stdout.write(
      `Emulator, profile ${env.EMULATOR_PROFILE}: ${summary.messages} messages, ${summary.sessions} sessions\n`,
    );
    process.stdout.write(`  first request answered after ${result.first_request_s} s (target < 10 s)\n`);
    process.stdout.write(`  peak RSS ${result.rss_mb} MB (target < 1536 MB); ${rssAtStartMb} MB at start\n`);
    process.stdout.write(
      `  reports: ${result.report_messages_per_s} messages/s over ${requests} requests; ground truth ${result.ground_truth_messages_per_s} messages/s\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
