import { COVERAGE_LIST_LIMIT, SyncStateRepository } from '#libs/archive';
import type { SyncConfig } from '#libs/sync';
import { reportHorizon, toDate } from '#libs/sync';
import { openDatabase } from './connections.js';

export async function syncStatusCommand(config: SyncConfig): Promise<number> {
  const db = await openDatabase(config.databaseUrl);
  try {
    const today = toDate(Date.now());
    const horizon = reportHorizon(today);
    const coverage = await new SyncStateRepository(db).coverage(config.accountId, horizon, today);
    const w = coverage.windows;
    const lines = [
      `Account ${config.accountId} — Zoom keeps reports from ${horizon} (six months) to ${today}.`,
      `Session windows: ${w.done} done, ${w.pending + w.running} behind (${w.running} running), ${w.failed} failed.`,
      coverage.oldestUncoveredDay
        ? `Oldest day not yet archived: ${coverage.oldestUncoveredDay}${coverage.oldestUncoveredDay <= horizon ? ' — AT THE HORIZON: Zoom drops it soon' : ''}.`
        : 'Every day from the horizon to today is archived.',
    ];
    for (const f of coverage.failed.slice(0, 20))
      lines.push(`  failed: session ${f.sessionId} ${f.from}..${f.to} (${f.mode}): ${f.error}`);
    if (coverage.failed.length > 20) lines.push(`  … and ${coverage.failed.length - 20} more failed windows`);
    const warned = coverage.channelWarnings;
    if (warned.length) {
      lines.push(
        `Channels whose details and members could not be read: ${warned.length === COVERAGE_LIST_LIMIT ? `${COVERAGE_LIST_LIMIT} or more` : warned.length} (their messages are archived).`,
      );
      for (const c of warned.slice(0, 20)) lines.push(`  channel ${c.channelId} ${c.name}: ${c.warning}`);
      if (warned.length > 20) lines.push(`  … and ${warned.length - 20} more (GET /api/v1/sync/status lists them)`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return w.failed > 0 ? 1 : 0;
  } finally {
    await db.destroy();
  }
}
