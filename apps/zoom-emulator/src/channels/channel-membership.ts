import { type Query, isoSeconds } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { TenantChannel, TenantUser } from '../tenant/tenant-model.js';
import { requireInviter, requireManager, roleOf } from './channel-access.util.js';
import { adminIdentifiers, batchIds, memberEmails, objectBody } from './channel-body.util.js';
import { inviteResultJson } from './channel-json.mapper.js';
import { addMembers, removeMembers, setRole } from './channel-members.util.js';

const REMOVE_FAILED = 'Unable to remove channel member.';
const INVITE_FAILED = 'Request to invite channel members failed.';
const PROMOTE_FAILED = 'Request to promote member(s) as channel administrator(s) failed.';
const DEMOTE_FAILED = 'Unable to demote channel administrator.';
const NOT_YOURSELF = 'You can not remove yourself.';

const failed = (message: string) => ZoomError.badRequest(message, 5301);

/**
 * The people behind invited emails. Only visible emails resolve (anonymised externals have none);
 * a type-2 channel admits only the account's own people (REFERENCE §2 Channel type).
 */
export function invitees(
  tenant: TenantService,
  emails: readonly string[],
  type: TenantChannel['type'],
  failure: string,
): TenantUser[] {
  return emails.map((email) => {
    const user = tenant.user(email);
    const matches = user && !user.isBot && user.email.toLowerCase() === email.toLowerCase();
    if (!matches || (type === 2 && user.external)) throw failed(failure);
    return user;
  });
}

/** A current member named by email, user id or member id. */
function memberNamed(tenant: TenantService, channel: TenantChannel, identifier: string, failure: string): TenantUser {
  const user = tenant.user(identifier);
  if (!user || !channel.members.has(user.idx)) throw failed(failure);
  return user;
}

/** #20 / #36: InviteResult of the people actually added (those already in are skipped). */
export function inviteMembers(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  body: unknown,
  max: number,
  deniedMessage: string,
): Record<string, unknown> {
  const emails = memberEmails(objectBody(body), 1, max);
  requireInviter(channel, actor, deniedMessage);
  const added = addMembers(channel, invitees(tenant, emails, channel.type, INVITE_FAILED));
  return inviteResultJson(added, tenant.now());
}

/** Everyone but the owner may be removed by a manager; leaving is a separate endpoint (REFERENCE §3 #34). */
function removable(tenant: TenantService, channel: TenantChannel, actor: TenantUser, ids: string[]): TenantUser[] {
  const targets = ids.map((id) => memberNamed(tenant, channel, id, REMOVE_FAILED));
  if (targets.some((u) => u.idx === actor.idx)) throw ZoomError.badRequest(NOT_YOURSELF);
  if (targets.some((u) => roleOf(channel, u) === 'owner')) throw failed(REMOVE_FAILED);
  return targets;
}

/** #18 / #31. */
export function removeMember(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  identifier: string,
  deniedMessage: string,
): void {
  requireManager(channel, actor, deniedMessage);
  removeMembers(channel, removable(tenant, channel, actor, [identifier]));
}

/** #34: all or nothing, at most 20 people. */
export function batchRemoveMembers(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  query: Query,
): void {
  const ids = batchIds(query, ['member_ids', 'user_ids']);
  if (ids.length > 20) throw ZoomError.badRequest('The maximum number of members that can be removed at a time is 20.');
  requireManager(channel, actor, 'No permission to remove channel members.');
  removeMembers(channel, removable(tenant, channel, actor, ids));
}

/** #22: members become administrators; the owner stays owner; people of other accounts cannot be promoted. */
export function promoteAdmins(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  body: unknown,
): Record<string, unknown> {
  const ids = adminIdentifiers(objectBody(body));
  requireManager(
    channel,
    actor,
    "Unauthorized request. You do not have permission to promote member as channel administrator on this user's behalf.",
  );
  const targets = ids.map((id) => memberNamed(tenant, channel, id, PROMOTE_FAILED));
  if (targets.some((u) => u.external)) throw failed(PROMOTE_FAILED);
  const promoted = [...new Set(targets)].filter((u) => roleOf(channel, u) !== 'owner');
  for (const user of promoted) setRole(channel, user, 'admin');
  return inviteResultJson(promoted, tenant.now());
}

/** #23: administrators become plain members; at most 10 at a time. */
export function demoteAdmins(tenant: TenantService, channel: TenantChannel, actor: TenantUser, query: Query): void {
  const ids = batchIds(query, ['admin_ids', 'user_ids']);
  if (ids.length > 10) {
    throw ZoomError.badRequest('The maximum number of administrators that can be demoted at a time is 10.');
  }
  requireManager(channel, actor, 'No permission to demote channel administrators.');
  const targets = ids.map((id) => memberNamed(tenant, channel, id, DEMOTE_FAILED));
  if (targets.some((u) => roleOf(channel, u) !== 'admin')) throw failed(DEMOTE_FAILED);
  for (const user of targets) setRole(channel, user, 'member');
}

/** #33: only public channels (types 3 and 5) can be joined without an invitation. */
export function joinChannel(tenant: TenantService, channel: TenantChannel, user: TenantUser): Record<string, unknown> {
  const open = channel.type === 3 || channel.type === 5;
  if (!open || channel.members.has(user.idx)) throw failed('The request to join the channel failed.');
  addMembers(channel, [user]);
  return { added_at: isoSeconds(tenant.now()), id: user.id, member_id: user.memberId };
}

/** #32: the owner cannot leave (the channel would be left without one). */
export function leaveChannel(channel: TenantChannel, user: TenantUser): void {
  const role = roleOf(channel, user);
  if (!role || role === 'owner') throw failed('Request to leave the channel failed.');
  removeMembers(channel, [user]);
}
