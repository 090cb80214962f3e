import { actingUser, type Query, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { TenantSession, TenantUser } from '../tenant/tenant-model.js';

/** #15's permission wording; the IM endpoints document none of their own (REFERENCE §3). */
export const NO_PERMISSION = "Unauthorized request. You do not have permission to access this user's chat messages.";
export const INVALID_TARGET = 'Invalid parameter: channel/chat_user.';

export function noPermission(): ZoomError {
  return new ZoomError(400, 200, NO_PERMISSION);
}

/** IM endpoints act for the token's user only: `{userId}` must name that user (REFERENCE §3 #3). */
export function imUser(tenant: TenantService, req: ZoomRequest, userId: string): TenantUser {
  const me = actingUser(tenant, req, 'me');
  if (userId !== 'me' && tenant.user(userId)?.idx !== me.idx) throw noPermission();
  return me;
}

/** Whether the user may read a session: a 1:1 peer, or a member of the (live) channel. */
export function canRead(tenant: TenantService, session: TenantSession, userIdx: number): boolean {
  if (session.kind === 'channel' && tenant.dir.channels[session.channelIdx].deleted) return false;
  return tenant.sessionParticipants(session).includes(userIdx);
}

/**
 * The conversation #3 reads: `chat_user` (user id or email) or `channel` (channel id), exactly one.
 * A 1:1 that never had a message has no session yet; undefined then.
 */
export function conversation(tenant: TenantService, query: Query, me: TenantUser): TenantSession | undefined {
  const chatUser = str(query, 'chat_user');
  const channelId = str(query, 'channel');
  if (!chatUser === !channelId) throw ZoomError.badRequest(INVALID_TARGET);
  if (channelId) {
    const channel = tenant.channel(channelId);
    if (!channel) throw ZoomError.channelNotFound(channelId);
    if (!channel.members.has(me.idx)) throw noPermission();
    return tenant.dir.sessions[channel.sessionIdx];
  }
  const peer = tenant.user(chatUser!);
  if (!peer || peer.isBot) throw ZoomError.userNotFound(chatUser!);
  return tenant.oneToOneSession(me.idx, peer.idx, false);
}
