import type { Cursor, TenantService } from '../tenant/tenant.service.js';
import type { TenantSession } from '../tenant/tenant-model.js';

/** A session of the user with the send time of its latest visible message in the queried range. */
export interface ActiveSession {
  readonly session: TenantSession;
  readonly lastMs: number;
}

/** 1:1 sessions where the user is a peer and sessions of live channels (incl. group chats) the user belongs to. */
export function sessionsOf(tenant: TenantService, userIdx: number): TenantSession[] {
  return tenant.dir.sessions.filter((s) => {
    if (s.kind === 'channel' && tenant.dir.channels[s.channelIdx].deleted) return false;
    return tenant.sessionParticipants(s).includes(userIdx);
  });
}

/**
 * Sessions with a visible (not deleted) message sent in [from, to], most recently active first and
 * then by session id: the order the keyset cursor of #6 and #8 follows.
 */
export function activeSessions(
  tenant: TenantService,
  sessions: TenantSession[],
  from: number,
  to: number,
): ActiveSession[] {
  const active: ActiveSession[] = [];
  for (const session of sessions) {
    const [last] = tenant.messagesInRange(session.idx, from, to, 'desc', null, 1, (v) => !v.deleted);
    if (last) active.push({ session, lastMs: last.message.timestamp });
  }
  return active.sort((a, b) => b.lastMs - a.lastMs || compareIds(a.session.id, b.session.id));
}

export function sessionCursor(item: ActiveSession): Cursor {
  return { ts: item.lastMs, id: item.session.id };
}

/** The items after a cursor in `activeSessions` order, up to limit. */
export function sessionsAfter(list: ActiveSession[], cursor: Cursor | null, limit: number): ActiveSession[] {
  const start = cursor
    ? list.findIndex((s) => s.lastMs < cursor.ts || (s.lastMs === cursor.ts && s.session.id > cursor.id))
    : 0;
  return start < 0 ? [] : list.slice(start, start + limit);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
