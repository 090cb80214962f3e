import { isoSeconds } from '../gateway/params.util.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { TenantSession } from '../tenant/tenant-model.js';

type Json = Record<string, unknown>;

/** The other participant of a 1:1 session. */
export function peerOf(tenant: TenantService, session: TenantSession, userIdx: number) {
  const [a, b] = session.peers!;
  return tenant.dir.users[a === userIdx ? b : a];
}

/**
 * An item of #8. Its vocabulary is `groupchat`/`1:1` (REFERENCE §7.4); a 1:1 is named by the peer's
 * email, and the peer's user id is empty outside the account (REFERENCE §7.2) — the tenant's `id`
 * and `email` already carry that anonymisation.
 */
export function chatSessionJson(tenant: TenantService, session: TenantSession, userIdx: number, lastMs?: number): Json {
  const last = lastMs === undefined ? {} : { last_message_sent_time: isoSeconds(lastMs) };
  if (session.kind === 'channel') {
    const channel = tenant.dir.channels[session.channelIdx];
    return { type: 'groupchat', name: channel.name, channel_id: channel.id, ...last };
  }
  const peer = peerOf(tenant, session, userIdx);
  return {
    type: '1:1',
    name: peer.email,
    ...last,
    peer_contact_email: peer.email,
    peer_contact_user_id: peer.id,
    peer_contact_member_id: peer.memberId,
  };
}
