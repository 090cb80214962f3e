import { ZoomError } from '../gateway/zoom-error.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { MemberRole, TenantChannel, TenantUser } from '../tenant/tenant-model.js';

/** Zoom reports missing channel permissions as code 200 inside a 400 (403 for updates) (REFERENCE §1.3, §3). */
export function denied(message: string, status: 400 | 403 = 400): ZoomError {
  return new ZoomError(status, 200, message);
}

/** A live channel, or 404 / 4130 (deleted channels are gone). */
export function findChannel(tenant: TenantService, channelId: string): TenantChannel {
  const channel = tenant.channel(channelId);
  if (!channel) throw ZoomError.channelNotFound(channelId);
  return channel;
}

export function roleOf(channel: TenantChannel, user: TenantUser): MemberRole | undefined {
  return channel.members.get(user.idx);
}

export function isManager(role: MemberRole | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** Reading a channel or its members needs membership. */
export function requireMember(channel: TenantChannel, user: TenantUser, message: string): MemberRole {
  const role = roleOf(channel, user);
  if (!role) throw denied(message);
  return role;
}

/** Changing a channel needs its owner or an administrator. */
export function requireManager(
  channel: TenantChannel,
  user: TenantUser,
  message: string,
  status: 400 | 403 = 400,
): MemberRole {
  const role = roleOf(channel, user);
  if (!isManager(role)) throw denied(message, status);
  return role!;
}

/** Inviting is open to every member when add_member_permissions is 1 (REFERENCE §2 ChannelSettings). */
export function requireInviter(channel: TenantChannel, user: TenantUser, message: string): void {
  const role = roleOf(channel, user);
  const allowed = isManager(role) || (role === 'member' && channel.settings.add_member_permissions === 1);
  if (!allowed) throw denied(message);
}
