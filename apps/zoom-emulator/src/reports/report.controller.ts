import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import {
  CONFIG,
  type EmulatorConfig,
  PAGES,
  type PageTokenStore,
  TENANT,
  type TenantService,
} from '../gateway/emulator-state.js';
import { bool, pageSize, paginate, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import { type Cursor, compareCursor, type MessageView } from '../tenant/tenant.service.js';
import { reactionsJson, reportRow, sessionJson } from './report-json.mapper.js';
import { reportWindow } from './report-window.util.js';

const OPTIONAL_SECTIONS = ['edited_messages', 'deleted_messages'] as const;

/**
 * Chat reports (#1, #2). The message report reads as a log of actions: `messages` holds each
 * message as sent (original text, `action_timestamp` = the send), `edited_messages` one row per edit
 * with the text after it, `deleted_messages` one row per deletion with the text at the time —
 * so every version is observable. This answers REFERENCE §10's open questions one way; see the
 * emulator's README.
 */
@Controller('v2')
export class ReportController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
    @Inject(CONFIG) private readonly config: EmulatorConfig,
  ) {}

  @Get('report/chat/sessions')
  @ZoomOperation('reportChatSessions')
  sessions(@Req() req: ZoomRequest, @Query() query: Record<string, unknown>) {
    const window = reportWindow(query, this.tenant.now(), this.config.strictReportWindow);
    const size = pageSize(query, req.zoom.endpoint);
    const sessions = this.tenant.dir.sessions;
    const page = paginate<{ idx: number; last: number }, number>(
      this.pages,
      req,
      size,
      (after, limit) => {
        const found: { idx: number; last: number }[] = [];
        for (let idx = after === null ? 0 : after + 1; idx < sessions.length && found.length < limit; idx++) {
          if (sessions[idx].createdAt > window.toEnd) continue;
          const last = this.tenant.lastMessageInRange(idx, window.from, window.toEnd);
          if (last !== null) found.push({ idx, last });
        }
        return found;
      },
      (item) => item.idx,
    );
    return {
      from: window.fromDate,
      to: window.toDate,
      page_size: size,
      next_page_token: page.nextPageToken,
      sessions: page.items.map((item) => sessionJson(this.tenant, sessions[item.idx], item.last)),
    };
  }

  @Get('report/chat/sessions/:sessionId')
  @ZoomOperation('reportChatMessages')
  messages(@Req() req: ZoomRequest, @Param('sessionId') sessionId: string, @Query() query: Record<string, unknown>) {
    const window = reportWindow(query, this.tenant.now(), this.config.strictReportWindow);
    const size = pageSize(query, req.zoom.endpoint);
    const sections = includeFields(query);
    const withBots = bool(query, 'include_bot_message', false);
    const withReactions = bool(query, 'include_reactions', false);
    const byModification = bool(query, 'query_all_modifications', false);
    const session = this.tenant.session(sessionId);
    if (!session) throw new ZoomError(404, 300, `Session does not exist: ${sessionId}.`);
    const accept = (view: MessageView) => withBots || view.message.bot === null;
    const inWindow = (at: number) => !byModification || (at >= window.from && at <= window.toEnd);

    const page = paginate<MessageView, Cursor>(
      this.pages,
      req,
      size,
      (after, limit) => {
        if (!byModification) {
          return this.tenant.messagesInRange(session.idx, window.from, window.toEnd, 'asc', after, limit, accept);
        }
        return this.tenant
          .modifiedInRange(session.idx, window.from, window.toEnd)
          .filter(
            (v) => accept(v) && (!after || compareCursor({ ts: v.message.timestamp, id: v.message.id }, after) > 0),
          )
          .slice(0, limit);
      },
      (view) => ({ ts: view.message.timestamp, id: view.message.id }),
    );

    const url = this.config.publicUrl;
    const body: Record<string, unknown> = {
      from: window.fromDate,
      to: window.toDate,
      page_size: size,
      next_page_token: page.nextPageToken,
      messages: page.items.map((view) => {
        const row = reportRow(this.tenant, session, view, view.versions[0], url);
        if (withReactions) row.reactions = reactionsJson(this.tenant, view);
        if (withBots && view.message.bot) row.bot_message = view.message.bot;
        return row;
      }),
    };
    if (sections.has('edited_messages')) {
      body.edited_messages = page.items.flatMap((view) =>
        view.versions
          .filter((v) => v.kind === 'edited' && inWindow(v.at))
          .map((v) => reportRow(this.tenant, session, view, v, url)),
      );
    }
    if (sections.has('deleted_messages')) {
      body.deleted_messages = page.items.flatMap((view) =>
        view.versions
          .filter((v) => v.kind === 'deleted' && inWindow(v.at))
          .map((v) => reportRow(this.tenant, session, view, v, url)),
      );
    }
    return body;
  }
}

function includeFields(query: Record<string, unknown>): Set<string> {
  const raw = str(query, 'include_fields');
  if (!raw) return new Set();
  const fields = raw.split(',').map((f) => f.trim());
  for (const field of fields) {
    if (!(OPTIONAL_SECTIONS as readonly string[]).includes(field)) throw ZoomError.validation('include_fields');
  }
  return new Set(fields);
}
