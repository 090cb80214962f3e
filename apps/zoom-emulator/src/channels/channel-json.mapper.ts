import { isoSeconds } from '../gateway/params.util.js';
import type { MemberRole, TenantChannel, TenantUser } from '../tenant/tenant-model.js';

/** Zoom's XMPP conference address of a channel (REFERENCE §1.4). */
export function channelJid(channel: TenantChannel): string {
  return `${channel.id}@conference.xmpp.zoom.us`;
}

/** The client deep link: Zoom encodes the session as base64 JSON after `/launch/chat/v2/` (REFERENCE §1.4). */
export function channelUrl(channel: TenantChannel): string {
  const payload = Buffer.from(JSON.stringify({ sid: channelJid(channel), type: channel.type })).toString('base64url');
  return `https://zoom.us/launch/chat/v2/${payload}`;
}

/** Zoom's Channel object; `designated_posting_members` only on the two "Get a channel" endpoints (REFERENCE §2). */
export function channelJson(channel: TenantChannel, withDesignated = false): Record<string, unknown> {
  const s = channel.settings;
  const settings: Record<string, unknown> = {
    add_member_permissions: s.add_member_permissions,
    new_members_can_see_previous_messages_files: s.new_members_can_see_previous_messages_files,
    posting_permissions: s.posting_permissions,
    mention_all_permissions: s.mention_all_permissions,
    allow_to_add_external_users: s.allow_to_add_external_users,
  };
  if (withDesignated) settings.designated_posting_members = s.designated_posting_members.map((d) => ({ ...d }));
  return {
    id: channel.id,
    jid: channelJid(channel),
    name: channel.name,
    type: channel.type,
    channel_url: channelUrl(channel),
    channel_settings: settings,
  };
}

/** The 201 body of "Create a channel": the channel without its settings. */
export function createdChannelJson(channel: TenantChannel): Record<string, unknown> {
  return {
    id: channel.id,
    jid: channelJid(channel),
    name: channel.name,
    type: channel.type,
    channel_url: channelUrl(channel),
  };
}

/**
 * A Member (or Admin) item. The tenant already blanks the id, email and names of people outside the
 * account; the display name goes too when they are not contacts either (REFERENCE §2, §7.2).
 */
export function memberJson(user: TenantUser, role: MemberRole): Record<string, unknown> {
  const anonymous = user.external && !user.contact;
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    name: anonymous ? '' : user.displayName,
    member_id: user.memberId,
    role,
    is_external: user.external,
  };
}

/** InviteResult: other-account people keep only their member id (REFERENCE §2, §7.2). */
export function inviteResultJson(users: readonly TenantUser[], at: number): Record<string, unknown> {
  return {
    added_at: isoSeconds(at),
    ids: users
      .filter((u) => u.id !== '')
      .map((u) => u.id)
      .join(','),
    member_ids: users.map((u) => u.memberId).join(','),
  };
}
