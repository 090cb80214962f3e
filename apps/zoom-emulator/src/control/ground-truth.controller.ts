import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TENANT, type TenantService } from '../gateway/emulator-state.js';
import { bool, parseDate, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { DAY_MS } from '../tenant/message.generator.js';
import { groundTruthChannel, groundTruthMessage } from './ground-truth.mapper.js';

/**
 * Ground truth for tests: every message sent in a date range (all sessions, bots included), with every
 * version that has happened by the clock's now, streamed as NDJSON so any tenant size fits; and every
 * channel with its members.
 */
@Controller('_emulator/ground-truth')
export class GroundTruthController {
  constructor(@Inject(TENANT) private readonly tenant: TenantService) {}

  @Get('messages')
  async messages(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { from, toEnd, sessions } = this.scope(query);
    const fileHashes = bool(query, 'file_hashes', false);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    for (const idx of sessions) {
      let batch = '';
      for (const view of this.tenant.messagesInRange(idx, from, toEnd, 'asc', null, Number.MAX_SAFE_INTEGER)) {
        batch += JSON.stringify(groundTruthMessage(this.tenant, view, fileHashes)) + '\n';
        if (batch.length > 256 * 1024) {
          if (!res.write(batch)) await new Promise((resolve) => res.once('drain', resolve));
          batch = '';
        }
      }
      if (batch && !res.write(batch)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  /** Every channel as it stands at the clock's now, deleted ones flagged, with its current members. */
  @Get('channels')
  channels() {
    return { channels: this.tenant.dir.channels.map((c) => groundTruthChannel(this.tenant, c)) };
  }

  /** Counts for the same scope, without the messages. */
  @Get('summary')
  summary(@Query() query: Record<string, unknown>) {
    const { from, toEnd, sessions } = this.scope(query);
    const totals = {
      sessions: 0,
      messages: 0,
      bot_messages: 0,
      versions: 0,
      edits: 0,
      deletions: 0,
      files: 0,
      reactions: 0,
    };
    for (const idx of sessions) {
      const views = this.tenant.messagesInRange(idx, from, toEnd, 'asc', null, Number.MAX_SAFE_INTEGER);
      if (views.length) totals.sessions++;
      for (const view of views) {
        totals.messages++;
        if (view.message.bot) totals.bot_messages++;
        totals.versions += view.versions.length;
        totals.edits += view.versions.filter((v) => v.kind === 'edited').length;
        totals.deletions += view.deleted ? 1 : 0;
        totals.files += new Set(view.versions.flatMap((v) => v.files.map((f) => f.fileId))).size;
        totals.reactions += view.reactions.length;
      }
    }
    return { from: new Date(from).toISOString(), to: new Date(toEnd).toISOString(), ...totals };
  }

  private scope(query: Record<string, unknown>) {
    const [firstDay, lastDay] = this.tenant.historyDays();
    const from = parseDate(query, 'from', false) ?? firstDay * DAY_MS;
    const toEnd = (parseDate(query, 'to', false) ?? lastDay * DAY_MS) + DAY_MS - 1;
    const sessionId = str(query, 'session_id');
    let sessions = this.tenant.dir.sessions.map((s) => s.idx);
    if (sessionId) {
      const session = this.tenant.session(sessionId);
      if (!session) throw new ZoomError(404, 300, `Session does not exist: ${sessionId}.`);
      sessions = [session.idx];
    }
    return { from, toEnd, sessions };
  }
}
