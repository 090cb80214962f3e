import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { activeSessions, sessionCursor, sessionsAfter, sessionsOf } from '../contacts/user-sessions.util.js';
import {
  CONFIG,
  type EmulatorConfig,
  PAGES,
  type PageTokenStore,
  TENANT,
  type TenantService,
} from '../gateway/emulator-state.js';
import { actingUser, isoDate, pageSize, paginate, parseDate, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import { reportWindow } from '../reports/report-window.util.js';
import type { Cursor, MessageView } from '../tenant/tenant.service.js';
import type { TenantSession, TenantUser } from '../tenant/tenant-model.js';
import { INVALID_TARGET, canRead, conversation, imUser, noPermission } from './im-access.util.js';
import { imMessageJson, imSessionJson, imUserMessageJson } from './im.mapper.js';

const DAY_MS = 86_400_000;
const visible = (view: MessageView) => !view.deleted;
const messageCursor = (view: MessageView): Cursor => ({ ts: view.message.timestamp, id: view.message.id });

/**
 * The deprecated IM endpoints (#3–#6). All are user-managed OAuth only, so the gateway has already
 * rejected account tokens and `me` is always the token's user.
 */
@Controller('v2')
export class ImController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
    @Inject(CONFIG) private readonly config: EmulatorConfig,
  ) {}

  @Get('im/chat/sessions')
  @ZoomOperation('imChatSessions')
  sessions(@Req() req: ZoomRequest, @Query() query: Record<string, unknown>) {
    const me = actingUser(this.tenant, req, 'me');
    // IM reads were the reports' predecessors and share their one-month / six-month window (REFERENCE §3 #5, §4).
    const window = reportWindow(query, this.tenant.now(), this.config.strictReportWindow);
    const size = pageSize(query, req.zoom.endpoint);
    const active = activeSessions(this.tenant, sessionsOf(this.tenant, me.idx), window.from, window.toEnd);
    const page = paginate(
      this.pages,
      req,
      size,
      (cursor, limit) => sessionsAfter(active, cursor, limit),
      sessionCursor,
    );
    return {
      from: window.fromDate,
      to: window.toDate,
      page_size: size,
      next_page_token: page.nextPageToken,
      sessions: page.items.map((s) => imSessionJson(this.tenant, s.session, s.lastMs)),
    };
  }

  @Get('im/chat/sessions/:sessionId')
  @ZoomOperation('imChatMessages')
  sessionMessages(
    @Req() req: ZoomRequest,
    @Param('sessionId') sessionId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const me = actingUser(this.tenant, req, 'me');
    // An unknown session and someone else's session answer alike, so ids cannot be probed.
    const session = this.tenant.session(sessionId);
    if (!session || !canRead(this.tenant, session, me.idx)) throw noPermission();
    const window = reportWindow(query, this.tenant.now(), this.config.strictReportWindow);
    const size = pageSize(query, req.zoom.endpoint);
    const page = paginate<MessageView, Cursor>(
      this.pages,
      req,
      size,
      (cursor, limit) =>
        this.tenant.messagesInRange(session.idx, window.from, window.toEnd, 'asc', cursor, limit, visible),
      messageCursor,
    );
    return {
      session_id: session.id,
      from: window.fromDate,
      to: window.toDate,
      page_size: size,
      next_page_token: page.nextPageToken,
      messages: page.items.map((v) => imMessageJson(this.tenant, v)),
    };
  }

  @Get('im/users/:userId/chat/messages')
  @ZoomOperation('imUserChatMessages')
  userMessages(@Req() req: ZoomRequest, @Param('userId') userId: string, @Query() query: Record<string, unknown>) {
    const me = imUser(this.tenant, req, userId);
    const session = conversation(this.tenant, query, me);
    const day = parseDate(query, 'date', false) ?? Math.floor(this.tenant.now() / DAY_MS) * DAY_MS;
    const size = pageSize(query, req.zoom.endpoint);
    const page = paginate<MessageView, Cursor>(
      this.pages,
      req,
      size,
      (cursor, limit) =>
        session ? this.tenant.messagesInRange(session.idx, day, day + DAY_MS - 1, 'desc', cursor, limit, visible) : [],
      messageCursor,
    );
    return {
      date: isoDate(day),
      page_size: size,
      next_page_token: page.nextPageToken,
      messages: page.items.map((v) => imUserMessageJson(this.tenant, v)),
    };
  }

  @Post('im/users/me/chat/messages')
  @HttpCode(201)
  @ZoomOperation('sendimmessages')
  send(@Req() req: ZoomRequest, @Query() query: Record<string, unknown>, @Body() body: unknown) {
    const me = actingUser(this.tenant, req, 'me');
    const chatUser = str(query, 'chat_user');
    if (!chatUser) throw ZoomError.badRequest(INVALID_TARGET);
    const text = messageText(body);
    const peer = this.tenant.user(chatUser);
    // REFERENCE §3 #4 documents this message without the id, unlike the newer endpoints.
    if (!peer || peer.isBot) throw new ZoomError(404, 1001, 'User does not exist.');
    const message = this.tenant.sendMessage({ session: this.sessionWith(me, peer), senderIdx: me.idx, text });
    return { id: message.id };
  }

  /**
   * Zoom only lets a user message contacts (REFERENCE §3 #16): account users, external contacts, or
   * people already in a conversation with them. Anyone else, and oneself, is "Message sending failed."
   */
  private sessionWith(me: TenantUser, peer: TenantUser): TenantSession {
    const existing = this.tenant.oneToOneSession(me.idx, peer.idx, false);
    if (peer.idx === me.idx || (!existing && peer.external && !peer.contact)) {
      throw ZoomError.badRequest('Message sending failed.', 5301);
    }
    return existing ?? this.tenant.oneToOneSession(me.idx, peer.idx, true)!;
  }
}

function messageText(body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || message === '') throw ZoomError.validation('message', 'message is required.');
  return message;
}
