import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { PAGES, type PageTokenStore, TENANT, type TenantService } from '../gateway/emulator-state.js';
import {
  type Query as QueryParams,
  actingUser,
  bool,
  isoSeconds,
  pageSize,
  paginate,
  parseDateTime,
  str,
} from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import type { Cursor } from '../tenant/tenant.service.js';
import type { TenantSession, TenantUser } from '../tenant/tenant-model.js';
import { chatSessionJson } from './session.mapper.js';
import { type ActiveSession, activeSessions, sessionCursor, sessionsAfter, sessionsOf } from './user-sessions.util.js';

const DAY_MS = 86_400_000;
const NO_PERMISSION = "Unauthorized request. You do not have permission to access this user's chat sessions.";

/** #8: a user's 1:1 and group chat sessions. */
@Controller('v2')
export class SessionsController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
  ) {}

  @Get('chat/users/:userId/sessions')
  @ZoomOperation('getChatSessions')
  list(@Req() req: ZoomRequest, @Param('userId') userId: string, @Query() query: Record<string, unknown>) {
    const user = this.user(req, userId);
    const type = sessionType(query);
    const size = pageSize(query, req.zoom.endpoint);
    if (bool(query, 'search_star', false)) return this.starred(req, query, size);
    const [from, to] = this.range(query);
    const sessions = sessionsOf(this.tenant, user.idx).filter((s) => !type || kindOf(s) === type);
    const active = activeSessions(this.tenant, sessions, from, to + 999);
    const page = paginate<ActiveSession, Cursor>(
      this.pages,
      req,
      size,
      (cursor, limit) => sessionsAfter(active, cursor, limit),
      sessionCursor,
      'short',
    );
    return {
      from: isoSeconds(from),
      to: isoSeconds(to),
      next_page_token: page.nextPageToken,
      page_size: size,
      sessions: page.items.map((s) => chatSessionJson(this.tenant, s.session, user.idx, s.lastMs)),
    };
  }

  /** A user token may only read its own sessions; account tokens act for any account user (REFERENCE §3 #8). */
  private user(req: ZoomRequest, userId: string): TenantUser {
    const user = actingUser(this.tenant, req, userId);
    const tokenUser = req.zoom.token.userId;
    if (tokenUser && this.tenant.user(tokenUser)?.idx !== user.idx) throw new ZoomError(403, 200, NO_PERMISSION);
    return user;
  }

  /**
   * `search_star` is for user-level apps only and excludes from/to (REFERENCE §3 #8). The tenant
   * keeps no starred state, so the starred variant is always empty.
   */
  private starred(req: ZoomRequest, query: QueryParams, size: number) {
    if (!req.zoom.token.userId) throw new ZoomError(403, 200, NO_PERMISSION);
    for (const name of ['from', 'to']) {
      if (str(query, name)) throw ZoomError.validation(name, `${name} is not allowed with search_star.`);
    }
    return { next_page_token: '', page_size: size, sessions: [] };
  }

  /** from/to default to the start and end of today (UTC, emulator clock); `to` is whole seconds. */
  private range(query: QueryParams): [number, number] {
    const today = Math.floor(this.tenant.now() / DAY_MS) * DAY_MS;
    const from = parseDateTime(query, 'from') ?? today;
    const raw = parseDateTime(query, 'to');
    const to = raw === undefined ? today + DAY_MS - 1000 : Math.floor(raw / 1000) * 1000;
    if (to < from) throw ZoomError.validation('to', 'to must not be before from.');
    return [from, to];
  }
}

function kindOf(session: TenantSession): '1:1' | 'groupchat' {
  return session.kind === 'channel' ? 'groupchat' : '1:1';
}

/** S1 lists "Unknown session type." under 404 / code 1001 (REFERENCE §3 #8). */
function sessionType(query: QueryParams): '1:1' | 'groupchat' | undefined {
  const type = str(query, 'type');
  if (type === undefined || type === '') return undefined;
  if (type !== '1:1' && type !== 'groupchat') throw new ZoomError(404, 1001, 'Unknown session type.');
  return type;
}
